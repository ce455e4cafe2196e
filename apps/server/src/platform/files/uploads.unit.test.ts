import { describe, expect, it } from 'vitest';
import { contentDisposition, detectUploadKind, hasActiveContent, sanitizeFilename } from './uploads.js';

describe('upload helpers', () => {
  it('E29 detects kinds by magic bytes only', () => {
    expect(detectUploadKind(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))).toBe('jpeg');
    expect(detectUploadKind(Buffer.from('GIF87a......'))).toBe('gif');
    expect(detectUploadKind(Buffer.from('RIFF\0\0\0\0WEBPVP8X'))).toBe('webp');
    expect(detectUploadKind(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(detectUploadKind(Buffer.from('\0\0\0\x18ftypqt  '))).toBeUndefined();
    expect(detectUploadKind(Buffer.from('  %PDF-1.7'))).toBeUndefined();
    expect(detectUploadKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(detectUploadKind(Buffer.from('PK\x03\x04 truncated'))).toBeUndefined();
    expect(detectUploadKind(Buffer.alloc(0))).toBeUndefined();
  });

  it('E29 flags markup inside images', () => {
    expect(hasActiveContent(Buffer.from('GIF89a<html><body>'))).toBe(true);
    expect(hasActiveContent(Buffer.concat([Buffer.from('\x89PNG'), Buffer.alloc(5000), Buffer.from('<ScRiPt>')]))).toBe(true);
    expect(hasActiveContent(Buffer.concat([Buffer.from('\xff\xd8\xff'), Buffer.from('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">')]))).toBe(false);
  });

  it('E29 sanitises names: no directories, control or bidi characters; the extension follows the detected type', () => {
    expect(sanitizeFilename('C:\\Users\\张三\\身份证.JPG', 'jpeg')).toBe('身份证.jpg');
    expect(sanitizeFilename('../../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFilename('invoice\u202egpj.exe', 'png')).toBe('invoicegpj.png');
    expect(sanitizeFilename('a\r\nContent-Type: text/html.png', 'png')).toBe('html.png');
    expect(sanitizeFilename('a\r\nContent-Type: text:html.png', 'png')).toBe('aContent-Type texthtml.png');
    expect(sanitizeFilename('a\r\nb.png', 'png')).toBe('ab.png');
    expect(sanitizeFilename('.htaccess', 'pdf')).toBe('htaccess.pdf');
    expect(sanitizeFilename('', 'xlsx')).toBe('文件.xlsx');
    expect(sanitizeFilename('报告.final.PDF', 'pdf')).toBe('报告.final.pdf');
    expect([...sanitizeFilename('长'.repeat(300) + '.pdf', 'pdf')].length).toBeLessThanOrEqual(100);
  });

  it('E29 Content-Disposition is always an attachment and cannot be broken out of', () => {
    const h = contentDisposition('a"; filename=evil.html; x=".png');
    expect(h.startsWith('attachment; filename="')).toBe(true);
    expect(h.match(/"/g)).toHaveLength(2);
    expect(contentDisposition('照片 (1).png')).toBe(`attachment; filename="__ (1).png"; filename*=UTF-8''%E7%85%A7%E7%89%87%20%281%29.png`);
  });
});

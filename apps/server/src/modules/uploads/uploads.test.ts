import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { startTestServer, type Client, type TestServer } from '../../../test/harness.js';
import { readUploadContent, storeUpload } from '../../platform/files/uploads.js';
import { loadActor, SESSION_COOKIE } from '../../platform/auth/sessions.js';

// Minimal but real files of each kind, by their magic bytes.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201f5e2ba1a0000000049454e44ae426082', 'hex'),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), crypto.randomBytes(200), Buffer.from([0xff, 0xd9])]);
const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from('01000100800000ffffff00000021f90401000000002c00000000010001000002024401003b', 'hex')]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00])]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), crypto.randomBytes(64)]);

async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').addRow(['姓名', '学校']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function docxBytes(): Promise<Buffer> {
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('帮扶计划')] }] })));
}

function form(content: Buffer, filename: string, type = 'image/png', field = 'file'): FormData {
  const fd = new FormData();
  fd.append(field, new Blob([new Uint8Array(content)], { type }), filename);
  return fd;
}

async function download(s: TestServer, c: Client, id: string) {
  const res = await fetch(`${s.baseUrl}/api/uploads/${id}`, { headers: { cookie: c.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('uploads', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('E29 accepts each allowed kind by its magic bytes and records the detected type, hash and uploader', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const cases: [Buffer, string, string, string][] = [
      [png, '照片.png', 'image/png', '照片.png'],
      [jpeg, 'photo.jpeg', 'image/jpeg', 'photo.jpeg'],
      [gif, 'a.gif', 'image/gif', 'a.gif'],
      [webp, 'b.webp', 'image/webp', 'b.webp'],
      [pdf, '../../etc/报告.pdf', 'application/pdf', '报告.pdf'],
      [await xlsxBytes(), '名单.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '名单.xlsx'],
      [await docxBytes(), '计划.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '计划.docx'],
      [mp4, 'v.mp4', 'video/mp4', 'v.mp4'],
    ];
    for (const [bytes, name, mime, storedName] of cases) {
      // The client's content type is a lie on purpose: only the content counts.
      const res = await officer.post('/api/uploads', form(bytes, name, 'text/html'));
      expect(res.status, name).toBe(200);
      expect(res.body).toMatchObject({ originalName: storedName, mime, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
      const row = await s.platform.db.selectFrom('upload').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ mime, orgUnitId: s.tree.townshipA, createdBy: officer.userId });
      const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'upload.create').where('objectId', '=', res.body.id).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].username).toBe(officer.username);
    }
  });

  it('E29 an HTML file renamed .png is rejected (415) and nothing is stored', async () => {
    const c = await s.as('grassrootsLiaison', 'villageA1');
    const before = fs.existsSync(path.join(s.config.dataDir, 'uploads')) ? countFiles(path.join(s.config.dataDir, 'uploads')) : 0;
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
    const res = await c.post('/api/uploads', form(html, 'cat.png', 'image/png'));
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UPLOAD_TYPE_REJECTED');
    expect(res.body.message).toMatch(/文件类型不被允许/);
    const rows = await s.platform.db.selectFrom('upload').select('id').where('createdBy', '=', c.userId).execute();
    expect(rows).toHaveLength(0);
    expect(fs.existsSync(path.join(s.config.dataDir, 'uploads')) ? countFiles(path.join(s.config.dataDir, 'uploads')) : 0).toBe(before);
  });

  it('E29 SVG, script, plain zip and image/HTML polyglots disguised as images are rejected', async () => {
    const c = await s.as('grassrootsLiaison', 'villageA1');
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>');
    const js = Buffer.from('alert(document.domain)');
    const polyglotHead = Buffer.concat([Buffer.from('GIF89a/*'), Buffer.from('*/=1;<script>alert(1)</script>')]);
    const polyglotTail = Buffer.concat([png, crypto.randomBytes(4096), Buffer.from('<SCRIPT src=//evil.example/x.js></SCRIPT>')]);
    const zip = (() => {
      // A well-formed zip without [Content_Types].xml (not an Office file).
      const name = Buffer.from('a.txt');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(name.length, 28);
      const cd = Buffer.concat([central, name]);
      const eocd = Buffer.alloc(22);
      eocd.writeUInt32LE(0x06054b50, 0);
      eocd.writeUInt16LE(1, 8);
      eocd.writeUInt16LE(1, 10);
      eocd.writeUInt32LE(cd.length, 12);
      eocd.writeUInt32LE(local.length + name.length, 16);
      return Buffer.concat([local, name, cd, eocd]);
    })();
    for (const [bytes, name] of [[svg, 'logo.png'], [svg, 'logo.svg'], [js, 'x.jpg'], [polyglotHead, 'p.gif'], [polyglotTail, 'q.png'], [zip, 'r.docx'], [Buffer.alloc(0), 'empty.png']] as const) {
      const res = await c.post('/api/uploads', form(bytes, name));
      expect(res.status, name).toBe(415);
      expect(res.body.code).toBe('UPLOAD_TYPE_REJECTED');
    }
  });

  it('E29 size limit: over 10 MB answers 413; a per-call limit is enforced by the service', async () => {
    const c = await s.as('grassrootsLiaison', 'villageA1');
    const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024 + 1 - png.length)]);
    const res = await c.post('/api/uploads', form(big, 'big.png'));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    const atLimit = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 - pdf.length, 0x20)]);
    expect((await c.post('/api/uploads', form(atLimit, 'ok.pdf'))).status).toBe(200);

    const actor = await actorFor(s, c);
    const who = { userId: actor.userId, username: actor.username, orgUnitId: actor.orgUnitId, ip: null };
    const small = { filename: 'x.png', stream: Readable.from([png.subarray(0, 40), png.subarray(40)]) };
    await expect(storeUpload(s.platform, actor, who, small, { allow: ['png'], maxBytes: png.length - 1 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    // The per-call allowlist holds too: a PDF where only images are allowed.
    await expect(storeUpload(s.platform, actor, who, { filename: 'x.pdf', stream: Readable.from([pdf]) }, { allow: ['png', 'jpeg'] })).rejects.toMatchObject({ code: 'UPLOAD_TYPE_REJECTED', status: 415 });
  });

  it('E29 served as an attachment with nosniff and the detected type; stored outside the web root under a random, encrypted name', async () => {
    const c = await s.as('townshipOfficer', 'townshipA');
    const up = await c.post('/api/uploads', form(png, '<img src=x onerror=alert(1)>.html', 'text/html'));
    expect(up.status).toBe(200);
    expect(up.body.originalName).toBe('img src=x onerror=alert(1).png');
    const res = await download(s, c, up.body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*\.png"; filename\*=UTF-8''/);
    expect(res.bytes.equals(png)).toBe(true);

    const row = await s.platform.db.selectFrom('upload').selectAll().where('id', '=', up.body.id).executeTakeFirstOrThrow();
    expect(row.storedName).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    expect(row.storedName).not.toContain('img');
    const file = path.join(s.config.dataDir, 'uploads', row.storedName);
    expect(fs.existsSync(file)).toBe(true);
    expect(path.relative(s.config.webDist, file).startsWith('..')).toBe(true);
    expect((fs.statSync(file).mode & 0o077)).toBe(0);
    const stored = fs.readFileSync(file);
    expect(stored.includes(png.subarray(0, 16))).toBe(false);
    // Tampering with the stored file makes the read fail loudly, not serve other bytes.
    stored[stored.length - 1] ^= 1;
    fs.writeFileSync(file, stored);
    expect(() => readUploadContent(s.platform, row)).toThrow(/校验失败/);
    expect((await download(s, c, up.body.id)).status).toBe(500);
  });

  it('E29 requests that are not a multipart file answer 400', async () => {
    const c = await s.as('grassrootsLiaison', 'villageA1');
    const json = await c.post('/api/uploads', { file: 'x' });
    expect(json.status).toBe(400);
    const wrongField = await c.post('/api/uploads', form(png, 'a.png', 'image/png', 'attachment'));
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.code).toBe('UPLOAD_FILE_REQUIRED');
    expect((await s.client().post('/api/uploads', form(png, 'a.png'))).status).toBe(401);
  });

  it('B11 another township\'s user gets 404; the uploader, the township above and the county see it', async () => {
    const uploader = await s.as('grassrootsLiaison', 'villageA1');
    const up = await uploader.post('/api/uploads', form(png, 'a.png'));
    expect(up.status).toBe(200);
    const other = await s.as('townshipOfficer', 'townshipB');
    const sibling = await s.as('grassrootsLiaison', 'villageA2');
    const res = await download(s, other, up.body.id);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.bytes.toString()).code).toBe('UPLOAD_NOT_FOUND');
    expect((await download(s, sibling, up.body.id)).status).toBe(404);
    expect((await download(s, other, crypto.randomUUID())).status).toBe(404);
    expect((await download(s, uploader, up.body.id)).status).toBe(200);
    expect((await download(s, await s.as('townshipOfficer', 'townshipA'), up.body.id)).status).toBe(200);
    expect((await download(s, await s.as('countyOffice'), up.body.id)).status).toBe(200);
    // A volunteer (scope: self) sees only their own uploads.
    const volunteer = await s.as('volunteer', 'villageA1');
    expect((await download(s, volunteer, up.body.id)).status).toBe(404);
    const own = await volunteer.post('/api/uploads', form(jpeg, 'me.jpg'));
    expect((await download(s, volunteer, own.body.id)).status).toBe(200);
  });
});

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

async function actorFor(s: TestServer, c: Client) {
  const token = decodeURIComponent(c.cookie.slice(`${SESSION_COOKIE}=`.length));
  const result = await loadActor(s.platform.db, token, await s.platform.settings.security());
  if (!('actor' in result)) throw new Error('no actor');
  return result.actor;
}

describe('uploads with 国密 (SM4-CTR + HMAC-SM3 at rest)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ crypto: 'gm' });
  });
  afterAll(() => s.close());

  it('E29 stores encrypted, serves the original bytes, and a tampered file fails loudly', async () => {
    const c = await s.as('grassrootsLiaison', 'villageA1');
    const up = await c.post('/api/uploads', form(pdf, '方案.pdf', 'application/octet-stream'));
    expect(up.status).toBe(200);
    const row = await s.platform.db.selectFrom('upload').selectAll().where('id', '=', up.body.id).executeTakeFirstOrThrow();
    const file = path.join(s.config.dataDir, 'uploads', row.storedName);
    const stored = fs.readFileSync(file);
    expect(stored.subarray(0, 5).toString('latin1')).toBe('GGU1s');
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    const res = await download(s, c, up.body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.bytes.equals(pdf)).toBe(true);
    stored[40] ^= 0x80;
    fs.writeFileSync(file, stored);
    expect((await download(s, c, up.body.id)).status).toBe(500);
  });
});

// req.file() and req.isMultipart() come from the multipart plugin's type augmentation.
import type {} from '@fastify/multipart';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uploadKindInfo, uploadMaxBytesDefault, type UploadKind } from '@gg/shared';
import type { Platform } from '../context.js';
import type { Actor } from '../authz/actor.js';
import type { AuditActor } from '../audit/audit.js';
import type { UploadTable } from '../db/schema.js';
import { AppError } from '../errors.js';
import { actorOf, auditActorOf } from '../http/types.js';
import { newId } from '../db/ids.js';

/**
 * The one way files enter the platform (security.md E29):
 * - the size is limited per call (default 10 MB) while the stream is read: over → 413 PAYLOAD_TOO_LARGE;
 * - the type is decided by the content (magic bytes), never by the name or the client's content type,
 *   and checked against the call's allowlist: anything else (HTML, SVG, scripts, plain zips…) → 415;
 *   images are also refused when they carry markup a browser could sniff (image/HTML polyglots);
 * - the bytes go to DATA_DIR/uploads/<yyyy>/<mm>/<random name> (never under the web root), encrypted
 *   at rest with a per-file key derived from the data key (see `fileKeys`), mode 0600;
 * - the `upload` row (sha256, size, detected mime, sanitised original name, uploader's org node) and an
 *   audit row are written in one transaction; if that fails the stored file is removed.
 * Serving (`sendUpload`) always answers as an attachment with the detected type and `nosniff`.
 */

export interface UploadOptions {
  /** Kinds this call accepts (see `uploadPresets` in @gg/shared). */
  allow: readonly UploadKind[];
  /** Size limit in bytes; default 10 MB. */
  maxBytes?: number;
  /** What the file is for (kept in the audit row), e.g. 'careCase.attachment'. */
  purpose?: string;
}

export interface IncomingFile {
  filename: string;
  stream: AsyncIterable<Buffer> & { truncated?: boolean };
}

export type StoredUpload = UploadTable & { kind: UploadKind };

/** Read the multipart field `file` of the request and store it. */
export async function receiveUpload(platform: Platform, req: FastifyRequest, options: UploadOptions): Promise<StoredUpload> {
  const maxBytes = options.maxBytes ?? uploadMaxBytesDefault;
  if (!req.isMultipart()) throw new AppError('UPLOAD_FILE_REQUIRED');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
  if (!part) throw new AppError('UPLOAD_FILE_REQUIRED');
  if (part.fieldname !== 'file') {
    await drain(part.file);
    throw new AppError('UPLOAD_FILE_REQUIRED');
  }
  return storeUpload(platform, actorOf(req), auditActorOf(req), { filename: part.filename, stream: part.file }, { ...options, maxBytes });
}

export async function storeUpload(platform: Platform, actor: Actor, who: AuditActor, file: IncomingFile, options: UploadOptions): Promise<StoredUpload> {
  const maxBytes = options.maxBytes ?? uploadMaxBytesDefault;
  const content = await readLimited(file.stream, maxBytes);
  const kind = detectUploadKind(content);
  if (!kind || !options.allow.includes(kind) || (isImage(kind) && hasActiveContent(content))) {
    const allowed = options.allow.map((k) => uploadKindInfo[k].label).join('、');
    throw new AppError('UPLOAD_TYPE_REJECTED', `文件类型不被允许：只能上传${allowed}（按文件内容识别，不看扩展名）`);
  }

  const id = newId();
  const now = new Date();
  const storedName = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${crypto.randomBytes(16).toString('hex')}`;
  const file$ = uploadPath(platform, storedName);
  fs.mkdirSync(path.dirname(file$), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file$, sealFile(platform, id, content), { mode: 0o600, flag: 'wx' });

  const row: UploadTable = {
    id,
    originalName: sanitizeFilename(file.filename, kind),
    mime: uploadKindInfo[kind].mime,
    size: content.length,
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
    storedName,
    orgUnitId: actor.orgUnitId,
    createdBy: actor.userId,
    createdAt: now.toISOString(),
  };
  try {
    await platform.transaction(who, async (trx, audit) => {
      await trx.insertInto('upload').values(row).execute();
      await audit({
        event: 'upload.create',
        objectType: 'upload',
        objectId: id,
        // The original name may name a person: it stays in the upload row, not in the trail.
        summary: `上传文件（${uploadKindInfo[kind].label}，${formatSize(row.size)}）`,
        detail: { mime: row.mime, size: row.size, sha256: row.sha256, ...(options.purpose ? { purpose: options.purpose } : {}) },
      });
    });
  } catch (err) {
    fs.rmSync(file$, { force: true });
    throw err;
  }
  return { kind, ...row };
}

/** The stored bytes of an upload, decrypted and checked against the recorded hash. */
export function readUploadContent(platform: Platform, row: Pick<UploadTable, 'id' | 'storedName' | 'sha256'>): Buffer {
  let sealed: Buffer;
  try {
    sealed = fs.readFileSync(uploadPath(platform, row.storedName));
  } catch {
    throw new AppError('UPLOAD_NOT_FOUND');
  }
  const content = openFile(platform, row.id, sealed);
  if (crypto.createHash('sha256').update(content).digest('hex') !== row.sha256) throw integrityError();
  return content;
}

/** Answer with a stored file: always a download, with its detected type and no sniffing. */
export function sendUpload(reply: FastifyReply, row: Pick<UploadTable, 'originalName' | 'mime'>, content: Buffer) {
  return reply
    .header('Content-Type', row.mime)
    .header('Content-Disposition', contentDisposition(row.originalName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'no-store')
    .send(content);
}

export function uploadsRoot(platform: Platform): string {
  const root = path.join(platform.config.dataDir, 'uploads');
  const web = platform.config.webDist;
  const rel = path.relative(web, root);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) throw new Error('uploads directory must not be inside the web root');
  return root;
}

function uploadPath(platform: Platform, storedName: string): string {
  if (!/^\d{4}\/\d{2}\/[0-9a-f]{32}$/.test(storedName)) throw integrityError();
  return path.join(uploadsRoot(platform), ...storedName.split('/'));
}

// ---------------------------------------------------------------- type detection

const startsWith = (buf: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return buf.length >= at + bytes.length && buf.subarray(at, at + bytes.length).equals(bytes);
};

const mp4Brands = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'msnv', 'f4v ', 'XAVC', 'mmp4']);

/** The kind of a file by its content, or undefined when it is none of the platform's kinds. */
export function detectUploadKind(buf: Buffer): UploadKind | undefined {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) return 'gif';
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8) && startsWith(buf, 'VP8', 12)) return 'webp';
  if (startsWith(buf, '%PDF-')) return 'pdf';
  if (startsWith(buf, 'ftyp', 4) && buf.length >= 12 && mp4Brands.has(buf.subarray(8, 12).toString('latin1'))) return 'mp4';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buf);
    if (!names || !names.has('[Content_Types].xml')) return undefined;
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
  }
  return undefined;
}

/** Entry names from a ZIP's central directory, or undefined when it is not a well-formed ZIP. */
export function zipEntryNames(buf: Buffer): Set<string> | undefined {
  const minEocd = 22;
  if (buf.length < minEocd) return undefined;
  let eocd = -1;
  for (let i = buf.length - minEocd; i >= Math.max(0, buf.length - minEocd - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let pos = buf.readUInt32LE(eocd + 16);
  if (pos + cdSize > eocd || count > 20_000) return undefined;
  const names = new Set<string>();
  for (let n = 0; n < count; n++) {
    if (pos + 46 > eocd || buf.readUInt32LE(pos) !== 0x02014b50) return undefined;
    const nameLen = buf.readUInt16LE(pos + 28);
    const extraLen = buf.readUInt16LE(pos + 30);
    const commentLen = buf.readUInt16LE(pos + 32);
    if (pos + 46 + nameLen > eocd) return undefined;
    names.add(buf.subarray(pos + 46, pos + 46 + nameLen).toString('utf8'));
    pos += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const isImage = (kind: UploadKind) => kind === 'jpeg' || kind === 'png' || kind === 'gif' || kind === 'webp';

// Markup a browser (or an old one's sniffer) could render. The head is checked for every tag; the
// whole file only for `<script` (long enough that image data does not hit it by chance).
const headMarkers = ['<script', '<html', '<svg', '<!doctype', '<body', '<iframe', '<object', '<embed', '<meta', 'javascript:'];

/** Whether an image carries HTML/SVG/script (a polyglot a browser might sniff and run). */
export function hasActiveContent(buf: Buffer): boolean {
  const head = buf.subarray(0, 1024).toString('latin1').toLowerCase();
  if (headMarkers.some((m) => head.includes(m))) return true;
  return buf.toString('latin1').toLowerCase().includes('<script');
}

// ---------------------------------------------------------------- names

/**
 * A name safe to keep and to offer on download: no directories, control or bidi characters,
 * reserved characters or leading dots; at most 100 characters; its extension matches the detected type.
 */
export function sanitizeFilename(name: string, kind: UploadKind): string {
  const { extensions } = uploadKindInfo[kind];
  let base = (name ?? '').normalize('NFC').replace(/^[\s\S]*[\\/]/, '');
  base = base.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '');
  base = base.trim().replace(/^[.\s]+/, '');
  const dot = base.lastIndexOf('.');
  let stem = base;
  let ext = '';
  if (dot > 0) {
    stem = base.slice(0, dot);
    ext = base.slice(dot).toLowerCase();
  }
  if (!extensions.includes(ext)) ext = extensions[0];
  stem = [...stem.trim()].slice(0, 90).join('').replace(/[.\s]+$/, '');
  return `${stem || '文件'}${ext}`;
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// ---------------------------------------------------------------- reading and encryption at rest

async function readLimited(stream: IncomingFile['stream'], maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let over = false;
  // Keep reading to the end even when over the limit (the parser discards the rest), so the client
  // receives the 413 instead of a reset connection.
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes || stream.truncated) over = true;
    if (!over) chunks.push(chunk);
    else chunks.length = 0;
  }
  if (over || stream.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `文件过大：不能超过 ${formatSize(maxBytes)}`);
  return Buffer.concat(chunks);
}

async function drain(stream: AsyncIterable<unknown>) {
  for await (const _ of stream) {
    // discard
  }
}

const MAGIC = Buffer.from('GGU1', 'latin1');

/**
 * Per-file keys from the data key: the blind-index PRF (keyed with the first data key, so rotating keys
 * leaves stored files readable) over a domain of its own and the upload id. Nothing else uses these domains,
 * and the outputs are never stored.
 */
function fileKeys(platform: Platform, uploadId: string) {
  return {
    enc: Buffer.from(platform.cipher.blindIndex(uploadId, 'upload-file:enc:v1'), 'base64url'),
    mac: Buffer.from(platform.cipher.blindIndex(uploadId, 'upload-file:mac:v1'), 'base64url'),
  };
}

/** `GGU1` | alg (`a` AES-256-GCM, `s` SM4-CTR + HMAC-SM3) | iv | tag | ciphertext; bound to the upload id. */
function sealFile(platform: Platform, uploadId: string, content: Buffer): Buffer {
  const { enc, mac } = fileKeys(platform, uploadId);
  const aad = Buffer.from(`upload:${uploadId}`, 'utf8');
  if (platform.cipher.suite === 'gm') {
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-ctr', enc.subarray(0, 16), iv);
    const ct = Buffer.concat([c.update(content), c.final()]);
    const tag = crypto.createHmac('sm3', mac).update(aad).update(iv).update(ct).digest();
    return Buffer.concat([MAGIC, Buffer.from('s'), iv, tag, ct]);
  }
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', enc, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(content), c.final()]);
  return Buffer.concat([MAGIC, Buffer.from('a'), iv, c.getAuthTag(), ct]);
}

function openFile(platform: Platform, uploadId: string, sealed: Buffer): Buffer {
  if (sealed.length < 5 || !sealed.subarray(0, 4).equals(MAGIC)) throw integrityError();
  const { enc, mac } = fileKeys(platform, uploadId);
  const aad = Buffer.from(`upload:${uploadId}`, 'utf8');
  const alg = String.fromCharCode(sealed[4]);
  if (alg === 's') {
    if (sealed.length < 5 + 16 + 32) throw integrityError();
    const iv = sealed.subarray(5, 21);
    const tag = sealed.subarray(21, 53);
    const ct = sealed.subarray(53);
    const expected = crypto.createHmac('sm3', mac).update(aad).update(iv).update(ct).digest();
    if (!crypto.timingSafeEqual(expected, tag)) throw integrityError();
    const d = crypto.createDecipheriv('sm4-ctr', enc.subarray(0, 16), iv);
    return Buffer.concat([d.update(ct), d.final()]);
  }
  if (alg === 'a') {
    if (sealed.length < 5 + 12 + 16) throw integrityError();
    try {
      const d = crypto.createDecipheriv('aes-256-gcm', enc, sealed.subarray(5, 17));
      d.setAAD(aad);
      d.setAuthTag(sealed.subarray(17, 33));
      return Buffer.concat([d.update(sealed.subarray(33)), d.final()]);
    } catch {
      throw integrityError();
    }
  }
  throw integrityError();
}

function integrityError() {
  return new AppError('DATA_INTEGRITY', '文件校验失败：存储的文件已损坏或被篡改');
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} 字节`;
}

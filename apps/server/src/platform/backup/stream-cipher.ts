import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Streaming encryption for backup files.
 * standard: AES-256-GCM — [12-byte IV][ciphertext][16-byte tag].
 * gm: SM4-CTR then HMAC-SM3 over IV and ciphertext — [16-byte IV][ciphertext][32-byte tag].
 */
export function encryptStream(key: Buffer, suite: 'standard' | 'gm'): Transform {
  if (suite === 'gm') {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-ctr', key.subarray(0, 16), iv);
    const mac = crypto.createHmac('sm3', key).update(iv);
    let first = true;
    return new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        const ct = cipher.update(chunk);
        mac.update(ct);
        if (first) {
          first = false;
          this.push(iv);
        }
        cb(null, ct);
      },
      flush(cb) {
        const ct = cipher.final();
        if (first) this.push(iv);
        mac.update(ct);
        this.push(ct);
        cb(null, mac.digest());
      },
    });
  }
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (first) {
        first = false;
        this.push(iv);
      }
      cb(null, cipher.update(chunk));
    },
    flush(cb) {
      const ct = cipher.final();
      if (first) this.push(iv);
      this.push(ct);
      cb(null, cipher.getAuthTag());
    },
  });
}

/** Decrypt a whole backup payload (verifying its tag before anything is used). */
export function decryptBuffer(key: Buffer, suite: 'standard' | 'gm', data: Buffer): Buffer {
  if (suite === 'gm') {
    const iv = data.subarray(0, 16);
    const tag = data.subarray(data.length - 32);
    const ct = data.subarray(16, data.length - 32);
    const expected = crypto.createHmac('sm3', key).update(iv).update(ct).digest();
    if (!crypto.timingSafeEqual(expected, tag)) throw new Error('备份文件校验失败：内容被修改或密钥不对');
    const d = crypto.createDecipheriv('sm4-ctr', key.subarray(0, 16), iv);
    return Buffer.concat([d.update(ct), d.final()]);
  }
  const iv = data.subarray(0, 12);
  const tag = data.subarray(data.length - 16);
  const ct = data.subarray(12, data.length - 16);
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    throw new Error('备份文件校验失败：内容被修改或密钥不对');
  }
}

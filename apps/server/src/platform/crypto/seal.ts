import crypto from 'node:crypto';
import { pooledRandomBytes } from './random.js';

/** The key material one field encryption needs: the current key version's subkeys (cipher.ts derives them). */
export interface SealKey {
  suite: 'standard' | 'gm';
  version: number;
  enc: Buffer;
  mac: Buffer;
}

/**
 * The encrypting half of FieldCipher (cipher.ts has the format), apart so that the seal thread (sealWorker.ts) loads
 * only this: AES-256-GCM, or for 国密 SM4-CTR then HMAC-SM3 over version, IV, AAD and ciphertext.
 */
export function seal(key: SealKey, plain: string | Buffer, aad: string): string {
  if (key.suite === 'gm') {
    const iv = pooledRandomBytes(16);
    const cipher = crypto.createCipheriv('sm4-ctr', key.enc.subarray(0, 16), iv);
    const ct = Buffer.concat([typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain), cipher.final()]);
    const tag = gmTag(key.mac, key.version, iv, aad, ct);
    return [`v${key.version}`, 's', b64(iv), b64(ct), b64(tag)].join('.');
  }
  const iv = pooledRandomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.enc, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain), cipher.final()]);
  return [`v${key.version}`, 'a', b64(iv), b64(ct), b64(cipher.getAuthTag())].join('.');
}

/** The 国密 suite's MAC (encrypt-then-MAC): made when sealing, checked when opening. */
export function gmTag(mac: Buffer, version: number, iv: Buffer, aad: string, ct: Buffer): Buffer {
  return crypto
    .createHmac('sm3', mac)
    .update(`v${version}|`)
    .update(iv)
    .update(`|${aad}|`)
    .update(ct)
    .digest();
}

const b64 = (b: Buffer) => b.toString('base64url');

import crypto from 'node:crypto';
import { AppError } from '../errors.js';
import type { KeyRing } from './keys.js';
import { gmTag, seal, type SealKey } from './seal.js';
import { SealThread } from './sealThread.js';

export type CryptoSuite = 'standard' | 'gm';

/**
 * Field encryption bound to table, row and field (the AAD), so a ciphertext copied to another row fails.
 * - standard: AES-256-GCM.
 * - gm (国密): SM4-CTR, then HMAC-SM3 over version, IV, AAD and ciphertext (encrypt-then-MAC).
 * Format: `v<keyVersion>.<a|s>.<base64url(iv)>.<base64url(ciphertext)>.<base64url(tag)>`.
 */
export class FieldCipher {
  private readonly subkeys = new Map<number, { enc: Buffer; mac: Buffer }>();
  private readonly indexKey: Buffer;
  private readonly auditKey: Buffer;
  /** The current key version's subkeys: what new tokens are made with. */
  private readonly current: SealKey;
  private readonly sealThread = new SealThread(() => this.current);

  constructor(
    private readonly ring: KeyRing,
    readonly suite: CryptoSuite,
  ) {
    for (const [version, master] of ring.keys) {
      this.subkeys.set(version, { enc: derive(master, 'field-enc', suite), mac: derive(master, 'field-mac', suite) });
    }
    this.current = { suite, version: ring.current, ...this.subkeys.get(ring.current)! };
    // Blind indexes and the audit chain keep the first key: rotating must not break lookups or the chain.
    const first = ring.keys.get(Math.min(...ring.keys.keys()))!;
    this.indexKey = derive(first, 'blind-index', suite);
    this.auditKey = derive(first, 'audit-chain', suite);
  }

  /** A token for text, or for bytes (`decryptBytes` gives them back). */
  encrypt(plain: string | Buffer, aad: string): string {
    return seal(this.current, plain, aad);
  }

  /**
   * The tokens of many fields — `pairs` alternates plain text and AAD — made on the seal thread (sealThread.ts): what
   * `encrypt` would make, while the main thread does other work (an import writes one batch while the next is sealed).
   */
  encryptMany(pairs: string[]): Promise<string[]> {
    return this.sealThread.seal(pairs);
  }

  /** Ends the seal thread, if one is running (shutdown; tests). */
  close(): Promise<void> {
    return this.sealThread.close();
  }

  decrypt(token: string, aad: string): string {
    return this.decryptBytes(token, aad).toString('utf8');
  }

  decryptBytes(token: string, aad: string): Buffer {
    const parts = token.split('.');
    const version = Number(parts[0]?.slice(1));
    const keys = this.subkeys.get(version);
    if (parts.length !== 5 || !keys) throw integrityError();
    const [, alg, ivB, ctB, tagB] = parts;
    const iv = unb64(ivB);
    const ct = unb64(ctB);
    const tag = unb64(tagB);
    if (alg === 's') {
      const expected = gmTag(keys.mac, version, iv, aad, ct);
      if (expected.length !== tag.length || !crypto.timingSafeEqual(expected, tag)) throw integrityError();
      const decipher = crypto.createDecipheriv('sm4-ctr', keys.enc.subarray(0, 16), iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]);
    }
    if (alg === 'a') {
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', keys.enc, iv);
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ct), decipher.final()]);
      } catch {
        throw integrityError();
      }
    }
    throw integrityError();
  }

  /** A key derived for one purpose (e.g. backups) from a given key version (default: the current one). */
  deriveKey(label: string, version = this.ring.current): { version: number; key: Buffer } {
    const master = this.ring.keys.get(version);
    if (!master) throw new AppError('DATA_INTEGRITY', `缺少第 ${version} 版数据密钥，无法解密`);
    return { version, key: derive(master, `derived:${label}`, this.suite) };
  }

  /** Deterministic keyed hash for exact-match lookups of encrypted values (e.g. duplicate ID numbers). */
  blindIndex(value: string, domain: string): string {
    return crypto
      .createHmac(this.suite === 'gm' ? 'sm3' : 'sha256', this.indexKey)
      .update(`${domain}\u0000${value}`)
      .digest('base64url');
  }

  /** Keyed hash for the audit chain: without the key, a rewritten chain cannot be made to verify. */
  auditHash(data: string): string {
    return crypto.createHmac(this.suite === 'gm' ? 'sm3' : 'sha256', this.auditKey).update(data).digest('hex');
  }
}


function derive(master: Buffer, label: string, suite: CryptoSuite): Buffer {
  return crypto.createHmac(suite === 'gm' ? 'sm3' : 'sha256', master).update(label).digest();
}

function integrityError() {
  return new AppError('DATA_INTEGRITY', '数据校验失败：加密字段已被篡改或密钥不匹配');
}

const unb64 = (s: string) => Buffer.from(s, 'base64url');

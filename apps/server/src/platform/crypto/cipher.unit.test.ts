import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, type CryptoSuite } from './cipher.js';
import { pooledRandomBytes } from './random.js';
import { parseKeyRing } from './keys.js';

const key = () => crypto.randomBytes(32).toString('base64');
const suites: CryptoSuite[] = ['standard', 'gm'];
const AAD = 'org_unit:6f1c0a52-0000-4000-8000-000000000001:contact_phone';

/** Flip one bit of byte `i` of part `p` (2 = IV, 3 = ciphertext, 4 = tag) of a token. */
function flip(token: string, p: number, i: number): string {
  const parts = token.split('.');
  const buf = Buffer.from(parts[p], 'base64url');
  buf[i] ^= 0x01;
  parts[p] = buf.toString('base64url');
  return parts.join('.');
}

describe.each(suites)('field cipher (%s)', (suite) => {
  const ring = parseKeyRing(`1:${key()}`);
  const cipher = new FieldCipher(ring, suite);

  it('D20 round trip: what is encrypted decrypts to the same text; the token holds no plaintext and differs every time', () => {
    for (const plain of ['13812345678', '110101200801011234', '江西省某县东风镇东风村3组', '', 'x'.repeat(5000)]) {
      const token = cipher.encrypt(plain, AAD);
      expect(token).toMatch(suite === 'gm' ? /^v1\.s\./ : /^v1\.a\./);
      if (plain) expect(token).not.toContain(plain);
      expect(cipher.decrypt(token, AAD)).toBe(plain);
      expect(cipher.encrypt(plain, AAD)).not.toBe(token);
    }
  });

  it('D20 flipping any byte of the ciphertext, the IV or the tag makes decrypt throw', () => {
    const token = cipher.encrypt('110101200801011234', AAD);
    const parts = token.split('.');
    let tried = 0;
    for (const p of [2, 3, 4]) {
      const len = Buffer.from(parts[p], 'base64url').length;
      expect(len).toBeGreaterThan(0);
      for (let i = 0; i < len; i++) {
        expect(() => cipher.decrypt(flip(token, p, i), AAD)).toThrow(/篡改|密钥/);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(40);
    // A truncated tag, a missing part, another algorithm letter or an unknown key version fail the same way.
    expect(() => cipher.decrypt(parts.slice(0, 4).join('.'), AAD)).toThrow();
    expect(() => cipher.decrypt([...parts.slice(0, 4), parts[4].slice(0, 8)].join('.'), AAD)).toThrow();
    expect(() => cipher.decrypt([parts[0], suite === 'gm' ? 'a' : 's', ...parts.slice(2)].join('.'), AAD)).toThrow();
    expect(() => cipher.decrypt(['v9', ...parts.slice(1)].join('.'), AAD)).toThrow();
    // The error is the platform's integrity error (500 DATA_INTEGRITY), not a crash with details.
    try {
      cipher.decrypt(flip(token, 3, 0), AAD);
    } catch (err) {
      expect(err).toMatchObject({ code: 'DATA_INTEGRITY', status: 500 });
    }
  });

  it('D20 a ciphertext moved to another row or field (different AAD) fails', () => {
    const token = cipher.encrypt('13812345678', 'app_user:aaaa:phone');
    expect(cipher.decrypt(token, 'app_user:aaaa:phone')).toBe('13812345678');
    expect(() => cipher.decrypt(token, 'app_user:bbbb:phone')).toThrow();
    expect(() => cipher.decrypt(token, 'app_user:aaaa:id_number')).toThrow();
    expect(() => cipher.decrypt(token, 'member_unit:aaaa:phone')).toThrow();
    expect(() => cipher.decrypt(token, '')).toThrow();
  });

  it('D20 a ciphertext from another key (another installation) does not decrypt', () => {
    const other = new FieldCipher(parseKeyRing(`1:${key()}`), suite);
    expect(() => other.decrypt(cipher.encrypt('13812345678', AAD), AAD)).toThrow();
  });

  it('D20 blind index: deterministic, keyed, domain-separated, and not the value', () => {
    const a = cipher.blindIndex('110101200801011234', 'minor:id_number');
    expect(cipher.blindIndex('110101200801011234', 'minor:id_number')).toBe(a);
    expect(new FieldCipher(ring, suite).blindIndex('110101200801011234', 'minor:id_number')).toBe(a);
    expect(cipher.blindIndex('110101200801011235', 'minor:id_number')).not.toBe(a);
    expect(cipher.blindIndex('110101200801011234', 'app_user:id_number')).not.toBe(a);
    // The separator keeps domain/value boundaries apart.
    expect(cipher.blindIndex('b', 'a:')).not.toBe(cipher.blindIndex(':b', 'a'));
    expect(new FieldCipher(parseKeyRing(`1:${key()}`), suite).blindIndex('110101200801011234', 'minor:id_number')).not.toBe(a);
    expect(new FieldCipher(ring, suite === 'gm' ? 'standard' : 'gm').blindIndex('110101200801011234', 'minor:id_number')).not.toBe(a);
    expect(a).not.toContain('110101');
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('D20 many fields at once on the seal thread: the same tokens as encrypt (fresh IVs, bound to their AADs), in order, under the current key', async () => {
    const rotated = new FieldCipher(parseKeyRing(`1:${key()}\n2:${key()}`), suite);
    try {
      const plains = Array.from({ length: 1200 }, (_, i) => (i % 3 ? `1381234${String(i).padStart(4, '0')}` : `江西省某县东风镇东风村${i}组`));
      const pairs = plains.flatMap((p, i) => [p, `care_case:${i}:phone`]);
      const tokens = await rotated.encryptMany(pairs);
      expect(tokens).toHaveLength(plains.length);
      expect(new Set(tokens.map((t) => t.split('.')[2])).size).toBe(plains.length);
      tokens.forEach((t, i) => {
        expect(t).toMatch(suite === 'gm' ? /^v2\.s\./ : /^v2\.a\./);
        expect(rotated.decrypt(t, `care_case:${i}:phone`)).toBe(plains[i]);
      });
      expect(() => rotated.decrypt(tokens[0]!, 'care_case:1:phone')).toThrow();
      // Batches sent together come back to their own callers; nothing to seal needs no thread.
      const [a, b, none] = await Promise.all([rotated.encryptMany(['甲', 'x:1']), rotated.encryptMany(['乙', 'x:2']), rotated.encryptMany([])]);
      expect([rotated.decrypt(a[0]!, 'x:1'), rotated.decrypt(b[0]!, 'x:2'), none]).toEqual(['甲', '乙', []]);
      // Closed, what it owed fails; the next batch starts another thread.
      const owed = expect(rotated.encryptMany(['丙', 'x:3'])).rejects.toThrow(/closed/);
      await rotated.close();
      await owed;
      expect(rotated.decrypt((await rotated.encryptMany(['丁', 'x:4']))[0]!, 'x:4')).toBe('丁');
    } finally {
      await rotated.close();
    }
  });

  it('D21 key rotation: data under v1 still decrypts after adding v2; new data uses v2; blind indexes and the audit chain key stay stable', () => {
    const v1 = key();
    const before = new FieldCipher(parseKeyRing(`1:${v1}`), suite);
    const old = before.encrypt('13812345678', AAD);
    expect(old.startsWith('v1.')).toBe(true);

    const after = new FieldCipher(parseKeyRing(`1:${v1};2:${key()}`), suite);
    expect(after.decrypt(old, AAD)).toBe('13812345678');
    const fresh = after.encrypt('13912345678', AAD);
    expect(fresh.startsWith('v2.')).toBe(true);
    expect(after.decrypt(fresh, AAD)).toBe('13912345678');
    // v2 data is not readable by a ring without v2; relabelling a v2 token as v1 fails too.
    expect(() => before.decrypt(fresh, AAD)).toThrow();
    expect(() => after.decrypt(`v1${fresh.slice(2)}`, AAD)).toThrow();
    expect(after.blindIndex('110101200801011234', 'd')).toBe(before.blindIndex('110101200801011234', 'd'));
    expect(after.auditHash('row')).toBe(before.auditHash('row'));
    // Dropping v1 too early is loud: old data then fails instead of reading as something else.
    expect(() => new FieldCipher(parseKeyRing(`2:${key()}`), suite).decrypt(old, AAD)).toThrow();
  });
});

describe('key ring', () => {
  it('D21 parses versioned keys; the highest version is current; a bare value is version 1', () => {
    const [a, b, c] = [key(), key(), key()];
    const ring = parseKeyRing(`1:${a};3:${c}\n2:${b}\n`);
    expect(ring.current).toBe(3);
    expect([...ring.keys.keys()].sort()).toEqual([1, 2, 3]);
    expect(ring.keys.get(2)!.equals(Buffer.from(b, 'base64'))).toBe(true);
    const bare = parseKeyRing(a);
    expect(bare.current).toBe(1);
    expect(bare.keys.get(1)!.equals(Buffer.from(a, 'base64'))).toBe(true);
  });

  it('D21 rejects wrong key lengths and an empty ring', () => {
    for (const n of [0, 16, 24, 31, 33, 64]) {
      expect(() => parseKeyRing(`1:${crypto.randomBytes(n).toString('base64')}`), `${n} bytes`).toThrow(/32 字节|为空/);
    }
    expect(() => parseKeyRing(`1:${key()};2:${crypto.randomBytes(16).toString('base64')}`)).toThrow(/第 2 版/);
    expect(() => parseKeyRing('')).toThrow(/为空/);
    expect(() => parseKeyRing(' ;\n ')).toThrow(/为空/);
    expect(() => parseKeyRing('not base64 at all!')).toThrow();
  });
});

describe('IVs', () => {
  it('D20 every IV is fresh: 3,000 in a row (across several refills of the pool) are all different and stay as handed out', () => {
    const ivs = Array.from({ length: 3000 }, (_, i) => pooledRandomBytes(i % 2 ? 12 : 16));
    const copies = ivs.map((iv) => Buffer.from(iv).toString('hex'));
    expect(new Set(copies).size).toBe(3000);
    expect(ivs.map((iv) => iv.toString('hex'))).toEqual(copies);
    expect(ivs.every((iv, i) => iv.length === (i % 2 ? 12 : 16))).toBe(true);
  });
});

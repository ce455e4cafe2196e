import crypto from 'node:crypto';

/** RFC 6238 time-based one-time codes. `sm3` is the 国密 variant (HMAC-SM3, truncated the same way). */
export type OtpHash = 'sha1' | 'sm3';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of clean) {
    const idx = ALPHABET.indexOf(c);
    if (idx < 0) throw new Error('invalid base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

export function totpCode(secret: string, hash: OtpHash, time = Date.now(), step = 30): string {
  const counter = Math.floor(time / 1000 / step);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(hash, base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

/** Accepts the current code and one step either side (clock drift). */
export function verifyTotp(secret: string, code: string, hash: OtpHash, time = Date.now()): boolean {
  for (const drift of [0, -1, 1]) {
    const expected = totpCode(secret, hash, time + drift * 30_000);
    if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(code.padEnd(6).slice(0, 6)))) return true;
  }
  return false;
}

export function otpauthUri(secret: string, account: string, hash: OtpHash): string {
  const label = encodeURIComponent(`关工通:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent('关工通')}&algorithm=${hash === 'sm3' ? 'SM3' : 'SHA1'}&digits=6&period=30`;
}

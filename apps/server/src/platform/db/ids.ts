import { pooledRandomBytes } from '../crypto/random.js';

/**
 * Record ids: UUID version 7 (RFC 9562 §5.7) — 48 bits of Unix milliseconds, a 12-bit counter, 62 random bits.
 *
 * Why not `crypto.randomUUID()` (version 4): a random key lands anywhere in its primary-key index, so a transaction
 * of 10k new rows dirtied nearly every leaf page of the index — an import of 10k care cases wrote ~90 MB to SQLite's
 * WAL with random ids and ~47 MB with these, and took ~20% less time (docs/decisions.md). Ids made later sort later,
 * so new keys go to the right edge of every index keyed by an id, on SQLite and PostgreSQL alike.
 *
 * Ids stay unguessable (62 random bits from the CSPRNG, on top of a millisecond) and are never a permission: every
 * read checks scope. They do tell when a record was made, which each record shows anyway (`createdAt`).
 *
 * Within a process ids are strictly increasing: in the same millisecond the counter counts on (method 1 of the RFC,
 * seeded at random below 0x800 each new millisecond); when it runs out, or the clock steps back, the timestamp is
 * carried forward by one.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    seq = random(2) & 0x7ff;
  } else if (seq < 0xfff) {
    ms = lastMs;
    seq++;
  } else {
    ms = ++lastMs;
    seq = random(2) & 0x7ff;
  }
  if (ms !== prefixMs) {
    const t = ms.toString(16).padStart(12, '0');
    prefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
    prefixMs = ms;
  }
  const r = pooledRandomBytes(8);
  return (
    `${prefix}${HEX3[seq]}-` +
    `${HEX[(r[0] & 0x3f) | 0x80]}${HEX[r[1]]}-${HEX[r[2]]}${HEX[r[3]]}${HEX[r[4]]}${HEX[r[5]]}${HEX[r[6]]}${HEX[r[7]]}`
  );
}

/** The millisecond a `newId()` was made in (for tests and diagnostics; any other UUID gives a meaningless number). */
export const idTime = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

let lastMs = -1;
let seq = 0;
let prefixMs = -1;
let prefix = '';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX3 = Array.from({ length: 0x1000 }, (_, i) => i.toString(16).padStart(3, '0'));

const random = (n: number) => pooledRandomBytes(n).readUIntBE(0, n);

import crypto from 'node:crypto';

/**
 * Fresh random bytes cut from a block of CSPRNG output taken 4 KiB at a time (as Node does for randomUUID): one
 * `randomBytes` call per field was a third of the cost of encrypting a short value (an import encrypts tens of
 * thousands), and most of the cost of a record id. Each piece is handed out once; a refill is a new buffer, so pieces
 * already handed out (IVs) never change.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (offset + size > pool.length) {
    pool = crypto.randomBytes(4096);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + size);
  offset += size;
  return out;
}

let pool = Buffer.alloc(0);
let offset = 0;

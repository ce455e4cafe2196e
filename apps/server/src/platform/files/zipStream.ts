import zlib from 'node:zlib';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A .zip written as a stream (PKWARE APPNOTE 4.3): each entry is a local header, its deflated data and a data descriptor
 * (sizes and CRC-32 known only once the data has passed), then the central directory. Nothing is held but the entry
 * being compressed and the list of entry names, so a 300 MB worksheet costs no more memory than a 3 KB one.
 * Entries and the whole archive stay under 4 GiB (no Zip64); `add` refuses more.
 */

const crc32: (data: Buffer, value?: number) => number =
  (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32 ?? tableCrc32;

let table: Uint32Array | undefined;
function tableCrc32(data: Buffer, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Entry { name: Buffer; crc: number; compressed: number; size: number; offset: number; time: number; date: number }

const LIMIT = 0xffffffff;

/** DOS date and time of `d` (local fields, as unzip tools show them). */
function dosDateTime(d: Date) {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  /** `level`: zlib's 1 (fastest) … 9 (smallest); spreadsheets XML compresses ~10× even at 1. */
  constructor(private readonly out: Writable, private readonly level = 3) {}

  private async write(buf: Buffer) {
    this.offset += buf.length;
    if (!this.out.write(buf)) await waitDrain(this.out);
  }

  /** One entry: its content as strings or buffers, deflated as it comes, with backpressure end to end. */
  async add(name: string, content: Iterable<string | Buffer> | AsyncIterable<string | Buffer>) {
    const e: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset, ...this.stamp };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    head.writeUInt16LE(0x0808, 6); // bit 3: sizes in the data descriptor; bit 11: UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(e.time, 10);
    head.writeUInt16LE(e.date, 12);
    // CRC and sizes (14..25) stay 0: they follow in the data descriptor.
    head.writeUInt16LE(e.name.length, 26);
    await this.write(Buffer.concat([head, e.name]));

    const deflate = zlib.createDeflateRaw({ level: this.level });
    let pending: Promise<void> = Promise.resolve();
    deflate.on('data', (chunk: Buffer) => {
      e.compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        pending = waitDrain(this.out).then(() => void deflate.resume());
      }
    });
    const ended = once(deflate, 'end');
    for await (const part of content) {
      const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      if (!buf.length) continue;
      e.crc = crc32(buf, e.crc);
      e.size += buf.length;
      if (e.size > LIMIT) throw new Error(`zip entry ${name} passes 4 GiB`);
      if (!deflate.write(buf)) await once(deflate, 'drain');
      await pending;
    }
    deflate.end();
    await ended;
    await pending;
    if (e.compressed > LIMIT || this.offset > LIMIT) throw new Error('zip archive passes 4 GiB');

    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(e.crc >>> 0, 4);
    desc.writeUInt32LE(e.compressed, 8);
    desc.writeUInt32LE(e.size, 12);
    await this.write(desc);
    this.entries.push(e);
  }

  /** The central directory and its end record; the caller ends the output stream. */
  async finish() {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: 2.0 (MS-DOS attributes)
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(e.time, 12);
      h.writeUInt16LE(e.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const dir = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    await this.write(Buffer.concat([dir, end]));
  }
}

function waitDrain(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('output closed'));
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', ok);
      out.off('close', closed);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const ok = () => done();
    const closed = () => done(new Error('output closed'));
    out.on('drain', ok);
    out.on('close', closed);
    out.on('error', done);
  });
}

import { Worker } from 'node:worker_threads';
import type { SealKey } from './seal.js';

/** An idle thread ends after this long: a server that is not importing holds no second heap (RSS ≤ 250 MB). */
const IDLE_MS = 10_000;

/**
 * A thread that encrypts batches of fields (sealWorker.ts), so that the main thread can write one batch of rows while
 * the next is encrypted: encrypting is ~5 µs a field on the main thread, and an import has 50,000 rows of up to seven
 * fields each. Started on first use, ended when idle; it holds the current key's subkeys, as the main thread does.
 * docs/decisions.md: "Field encryption beside the main thread".
 */
export class SealThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (out: string[]) => void; reject: (err: unknown) => void }>();
  private nextId = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly key: () => SealKey) {}

  /** The tokens of `pairs` (plain text, AAD, plain text, AAD, …), in order: the same as FieldCipher.encrypt makes. */
  seal(pairs: string[]): Promise<string[]> {
    if (!pairs.length) return Promise.resolve([]);
    const worker = this.worker ?? this.start();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.pending.size) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, pairs });
    });
  }

  /** Ends the thread (what it owes fails); the next `seal` starts another. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stop(new Error('seal thread closed'));
    await worker.terminate();
  }

  private start(): Worker {
    // Bundled (dist/main.js): dist/sealWorker.js beside it. From the sources (tsx, vitest): the .ts, through tsx's loader.
    const here = import.meta.url;
    const worker = here.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./sealWorker.ts', here).href)}); })`, { eval: true, workerData: this.key() })
      : new Worker(new URL('./sealWorker.js', here), { workerData: this.key() });
    worker.unref();
    worker.on('message', (m: { id: number; out: string[] }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.resolve(m.out);
      if (!this.pending.size) {
        worker.unref();
        this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
      }
    });
    const die = (err: unknown) => {
      if (this.worker === worker) this.stop(err);
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`seal thread ended (${code})`)));
    this.worker = worker;
    return worker;
  }

  private stop(err: unknown) {
    this.worker = null;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

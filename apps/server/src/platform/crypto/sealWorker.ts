/**
 * The seal thread (sealThread.ts): field encryption for many values at once, beside the main thread. It is handed the
 * current key's subkeys at start and answers each batch of alternating plain texts and AADs with their tokens.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seal, type SealKey } from './seal.js';

const key = workerData as SealKey;
parentPort!.on('message', (m: { id: number; pairs: string[] }) => {
  const out: string[] = new Array(m.pairs.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = seal(key, m.pairs[2 * i]!, m.pairs[2 * i + 1]!);
  parentPort!.postMessage({ id: m.id, out });
});

import v8 from 'node:v8';

/**
 * After each full collection V8 lets the heap grow to up to four times what survived before collecting again, and keeps
 * that memory: a streamed 270k-row export took the process from 170 to 380 MB, all of it garbage. With the growth
 * held to a fifth the same export peaks ~45 MB above idle, no slower (the live set is small, so a full collection is
 * cheap); it is a growing factor, not a limit, so nothing that needs more memory fails. BENCHMARKS.md, "Memory".
 */
const HELD_PERCENT = 20;
/**
 * An import holds a whole file (its sheet, then ten thousand rows) live while it makes garbage as fast: held to a fifth,
 * V8 collected the whole heap again each time it grew by a fifth — a 50k-row import spent ~1.5 s of its ~11 s in the
 * collector. While one runs the heap may double before a full collection; the growth is held again when the last ends.
 */
const BULK_PERCENT = 100;

let held = false;
let bulkJobs = 0;

const setGrowth = (percent: number) => v8.setFlagsFromString(`--heap-growing-percent=${percent}`);

/** The server's setting (main.ts), for the life of the process; test runners keep V8's own. */
export function holdHeapGrowth(): void {
  held = true;
  setGrowth(bulkJobs ? BULK_PERCENT : HELD_PERCENT);
}

/** Runs a bulk job (an import's preview or commit) with room for the heap to grow; jobs may overlap. */
export async function withRoomToGrow<T>(fn: () => Promise<T>): Promise<T> {
  if (bulkJobs++ === 0 && held) setGrowth(BULK_PERCENT);
  try {
    return await fn();
  } finally {
    if (--bulkJobs === 0 && held) setGrowth(HELD_PERCENT);
  }
}

/** The growth V8 is allowed now, in percent of the live heap (undefined: V8's own, as in the test runners). */
export function heapGrowingPercent(): number | undefined {
  if (!held) return undefined;
  return bulkJobs ? BULK_PERCENT : HELD_PERCENT;
}

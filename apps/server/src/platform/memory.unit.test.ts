import { describe, expect, it } from 'vitest';
import { heapGrowingPercent, holdHeapGrowth, withRoomToGrow } from './memory.js';

describe('heap growth held, and given room while a bulk job runs', () => {
  it('leaves V8 alone where the server did not hold it (test runners), and holds it to a fifth once held', async () => {
    expect(heapGrowingPercent()).toBeUndefined();
    expect(await withRoomToGrow(async () => heapGrowingPercent())).toBeUndefined();
    holdHeapGrowth();
    expect(heapGrowingPercent()).toBe(20);
  });

  it('doubles while any job runs, overlapping jobs included, and holds again when the last ends, failed or not', async () => {
    holdHeapGrowth();
    let endFirst!: () => void;
    const first = withRoomToGrow(() => new Promise<string>((resolve) => (endFirst = () => resolve('first'))));
    expect(heapGrowingPercent()).toBe(100);
    const second = withRoomToGrow(async () => {
      throw new Error('bad file');
    });
    await expect(second).rejects.toThrow('bad file');
    expect(heapGrowingPercent()).toBe(100);
    endFirst();
    expect(await first).toBe('first');
    expect(heapGrowingPercent()).toBe(20);
  });
});

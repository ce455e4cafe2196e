import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { idTime, newId } from './ids.js';

describe('newId (UUID version 7)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is a version 7, variant 10 UUID that the API schemas accept, carrying the millisecond it was made in', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(idTime(id)).toBeGreaterThanOrEqual(before);
    expect(idTime(id)).toBeLessThanOrEqual(after + 1);
  });

  it('increases strictly within a process, many in one millisecond, and stays unique', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1] < ids[i])) throw new Error(`not increasing at ${i}: ${ids[i - 1]} then ${ids[i]}`);
    expect(new Set(ids).size).toBe(ids.length);
    // Random bits differ from id to id (not a bare counter): the last 12 hex digits of neighbours are not in sequence.
    const tails = new Set(ids.slice(0, 1000).map((id) => id.slice(-12)));
    expect(tails.size).toBe(1000);
  });

  it('counts on past 4,096 ids in one millisecond by carrying the timestamp, and keeps order when the clock steps back', () => {
    const now = Date.now() + 10_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    const burst = Array.from({ length: 5000 }, () => newId());
    for (let i = 1; i < burst.length; i++) expect(burst[i - 1] < burst[i]).toBe(true);
    expect(idTime(burst[0])).toBe(now);
    // 2^12 counter values at most per millisecond (seeded below 0x800): the timestamp moved on by one or two.
    expect(idTime(burst.at(-1)!)).toBeGreaterThan(now);
    expect(idTime(burst.at(-1)!)).toBeLessThanOrEqual(now + 2);
    clock.mockReturnValue(now - 60_000);
    const late = newId();
    expect(late > burst.at(-1)!).toBe(true);
  });
});

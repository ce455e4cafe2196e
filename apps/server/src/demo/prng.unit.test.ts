import { describe, expect, it } from 'vitest';
import { createPrng, deriveSeed } from './prng.js';
import { chineseOrdinal, personName } from './names.js';

describe('demo PRNG', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const p = createPrng(seed);
      return Array.from({ length: 20 }, () => p.int(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps values in range and ids in UUID v4 shape', () => {
    const p = createPrng(1);
    for (let i = 0; i < 2000; i++) {
      const n = p.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      expect(p.next()).toBeLessThan(1);
    }
    const ids = new Set(Array.from({ length: 1000 }, () => p.uuid()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.mobile()).toMatch(/^1[3-9]\d{9}$/);
  });

  it('forks independent streams by label', () => {
    const a = createPrng(5).fork('orgTree');
    const b = createPrng(5).fork('orgTree');
    const c = createPrng(5).fork('users');
    expect(a.uuid()).toBe(b.uuid());
    expect(deriveSeed(5, 'orgTree')).not.toBe(deriveSeed(5, 'users'));
    expect(createPrng(5).fork('orgTree').uuid()).not.toBe(c.uuid());
  });

  it('shuffles without losing items', () => {
    const p = createPrng(9);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s = p.shuffle(items);
    expect(s).not.toEqual(items);
    expect([...s].sort((x, y) => x - y)).toEqual(items);
    expect(new Set(p.sample(items, 10)).size).toBe(10);
  });

  it('makes plausible Chinese names and ordinals', () => {
    const p = createPrng(3);
    for (let i = 0; i < 200; i++) expect(personName(p)).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect([2, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['二', '十', '十一', '二十', '二十三']);
  });
});

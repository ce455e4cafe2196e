import { describe, expect, it } from 'vitest';
import { formatNumber } from './numbers.js';

// Deterministic values of every size: integers, money, hours, and the halves that rounding turns on.
let seed = 20261130;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const values = [
  0, -0, 1, 9, 10, 999, 1000, 1001, 12345, 999999, 1000000, 1234567.891, -1234.5, 0.5, 1.005, 2.675, 1.0005, 0.0005,
  0.0004, 9.9995, 99.95, 999.995, 0.125, 1.45, 2.5, -2.5, 123456789012, 0.1 + 0.2, 1e-7, 1e21, -0.0001,
  ...Array.from({ length: 400 }, (_, i) => Math.round(random() * 10 ** (i % 10)) / 10 ** (i % 4)),
  ...Array.from({ length: 200 }, () => (random() - 0.5) * 10 ** Math.floor(random() * 9)),
];

describe('formatNumber', () => {
  it.each([
    [0, 0],
    [0, 3],
    [1, 1],
    [2, 2],
  ])('writes what Intl.NumberFormat("zh-CN") writes (fraction digits %i–%i)', (min, max) => {
    const intl = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: min, maximumFractionDigits: max });
    for (const v of values) expect([v, formatNumber(v, min, max)]).toEqual([v, intl.format(v)]);
  });

  it('groups counts and pads money', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.5, 2, 2)).toBe('1,234.50');
    expect(formatNumber(9.96, 1, 1)).toBe('10.0');
  });
});

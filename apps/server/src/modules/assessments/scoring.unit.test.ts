import { describe, expect, it } from 'vitest';
import { computedPoints, inRange, pointsRange, totalOf } from './scoring.js';

const item = (over: Partial<Parameters<typeof computedPoints>[0]>) => ({ kind: 'item', scoring: 'computed', maxPoints: 10, threshold: 4, perUnit: null, ...over });

describe('rubric scoring', () => {
  it('gives full marks at the threshold and proportional points below it', () => {
    expect(computedPoints(item({}), 4)).toBe(10);
    expect(computedPoints(item({}), 9)).toBe(10);
    expect(computedPoints(item({}), 2)).toBe(5);
    expect(computedPoints(item({}), 0)).toBe(0);
    expect(computedPoints(item({ maxPoints: 30, threshold: 100 }), 67)).toBe(20);
  });
  it('deducts per unit up to the cap, or the whole amount when the floor is missed', () => {
    expect(computedPoints(item({ kind: 'deduction', maxPoints: 6, threshold: null, perUnit: 2 }), 2)).toBe(-4);
    expect(computedPoints(item({ kind: 'deduction', maxPoints: 6, threshold: null, perUnit: 2 }), 5)).toBe(-6);
    expect(computedPoints(item({ kind: 'deduction', maxPoints: 10, threshold: 1 }), 0)).toBe(-10);
    expect(computedPoints(item({ kind: 'deduction', maxPoints: 10, threshold: 1 }), 1)).toBe(0);
  });
  it('adds bonuses above the threshold, without a ceiling when no cap is set (上不封顶)', () => {
    expect(computedPoints(item({ kind: 'bonus', maxPoints: null, threshold: 1, perUnit: 2 }), 6)).toBe(10);
    expect(computedPoints(item({ kind: 'bonus', maxPoints: 4, threshold: 0, perUnit: 2 }), 6)).toBe(4);
    expect(computedPoints(item({ kind: 'bonus', maxPoints: null, threshold: 1, perUnit: 2 }), 1)).toBe(0);
  });
  it('checks hand-given points against the item kind', () => {
    expect(pointsRange(item({ kind: 'deduction', maxPoints: 5 }))).toEqual([-5, 0]);
    expect(inRange(item({ kind: 'deduction', maxPoints: 5 }), 3)).toBe(false);
    expect(inRange(item({ kind: 'item', maxPoints: 10 }), 11)).toBe(false);
    expect(inRange(item({ kind: 'bonus', maxPoints: 3 }), 3)).toBe(true);
    expect(totalOf([10, null, -5, 3, undefined])).toBe(8);
  });
});

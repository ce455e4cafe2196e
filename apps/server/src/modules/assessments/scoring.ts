import type { RubricItemKind } from '@gg/shared';

/** What scoring needs of a rubric item. */
export interface ScoredItem {
  kind: RubricItemKind | string;
  scoring: string;
  maxPoints: number | null;
  threshold: number | null;
  perUnit: number | null;
}

const cap = (points: number, max: number | null) => (max === null ? points : Math.min(points, max));

/**
 * Points a computed item gives for a metric value:
 * - item: full marks at the threshold, proportionally below it (4 of 8 activities → half);
 * - bonus: `perUnit` for every unit above the threshold (capped by maxPoints; no cap → 上不封顶),
 *   or maxPoints once the threshold is reached when there is no per-unit value;
 * - deduction (negative): `perUnit` for every unit (capped), or maxPoints when the value stays below
 *   the threshold (e.g. no notable deed at all: 下要保底).
 */
export function computedPoints(item: ScoredItem, value: number): number {
  const max = item.maxPoints;
  if (item.kind === 'item') {
    const full = max ?? 0;
    if (!item.threshold) return value > 0 ? full : 0;
    return Math.round(full * Math.min(1, value / item.threshold));
  }
  if (item.kind === 'bonus') {
    if (item.perUnit) return cap(Math.max(0, value - (item.threshold ?? 0)) * item.perUnit, max);
    return value >= (item.threshold ?? 1) ? (max ?? 0) : 0;
  }
  if (item.perUnit) return -cap(Math.max(0, value) * item.perUnit, max);
  return value < (item.threshold ?? 1) ? -(max ?? 0) : 0;
}

/** The points a hand-scored item may take: items 0..max, bonuses 0..cap, deductions −cap..0. */
export function pointsRange(item: ScoredItem): [number, number] {
  if (item.kind === 'item') return [0, item.maxPoints ?? 0];
  if (item.kind === 'bonus') return [0, item.maxPoints ?? 100];
  return [-(item.maxPoints ?? 100), 0];
}

export function inRange(item: ScoredItem, points: number): boolean {
  const [lo, hi] = pointsRange(item);
  return points >= lo && points <= hi;
}

/** Sum of the points given (missing lines count 0). */
export function totalOf(points: (number | null | undefined)[]): number {
  return points.reduce<number>((s, p) => s + (p ?? 0), 0);
}

import { describe, expect, it } from 'vitest';
import { cellText, normalizeCell, parseLooseDate } from './importKit.js';

describe('import kit: cell texts', () => {
  it('full-width letters, digits and spaces become half-width; plain text is only trimmed', () => {
    expect(normalizeCell('  张小明 ')).toBe('张小明');
    expect(normalizeCell('１３８００１３８０００')).toBe('13800138000');
    expect(normalizeCell('\u3000东风镇\u00A0')).toBe('东风镇');
    expect(normalizeCell('ＡＢｃ　１')).toBe('ABc 1');
    expect(normalizeCell('父母外出务工，随祖父母生活')).toBe('父母外出务工,随祖父母生活');
    expect(normalizeCell('')).toBe('');
  });

  it('cells as text and loose ledger dates', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(110101201005011234)).toMatch(/E\+17$/);
    expect(cellText(42)).toBe('42');
    expect(cellText(' 是 ')).toBe('是');
    expect(parseLooseDate('2010年5月')).toBe('2010-05-01');
    expect(parseLooseDate('2010.05.07')).toBe('2010-05-07');
    expect(parseLooseDate('２０１０-０５')).toBe('2010-05-01');
    expect(parseLooseDate('2010-02-30')).toBeNull();
    expect(parseLooseDate('')).toBeUndefined();
  });

  it('ledger dates: only days that exist, leap years by the Gregorian rule, as YYYY-MM-DD', () => {
    expect(parseLooseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLooseDate('2023-02-29')).toBeNull();
    expect(parseLooseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseLooseDate('1900-02-29')).toBeNull();
    expect(parseLooseDate('2010-04-31')).toBeNull();
    expect(parseLooseDate('2010-12-31')).toBe('2010-12-31');
    expect(parseLooseDate('2010-13')).toBeNull();
    expect(parseLooseDate('2010-00-10')).toBeNull();
    expect(parseLooseDate('2010-05-00')).toBeNull();
    expect(parseLooseDate('1899-12-31')).toBeNull();
    expect(parseLooseDate('20100507')).toBe('2010-05-07');
    expect(parseLooseDate('201005')).toBe('2010-05-01');
    expect(parseLooseDate('2010/5/7')).toBe('2010-05-07');
    expect(parseLooseDate('2010年5月7日')).toBe('2010-05-07');
    expect(parseLooseDate('2010 - 05 - 07')).toBe('2010-05-07');
    expect(parseLooseDate('五月')).toBeNull();
    expect(parseLooseDate(new Date(Date.UTC(2010, 4, 7)))).toBe('2010-05-07');
    expect(parseLooseDate(40305)).toBe('2010-05-07');
    // Every day of four years, against the calendar of Date.
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(parseLooseDate(day)).toBe(day);
    }
  });
});

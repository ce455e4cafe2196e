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
});

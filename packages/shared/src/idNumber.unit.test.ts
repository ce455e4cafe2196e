import { describe, expect, it, vi } from 'vitest';
import { ageOn, idNumberCheckChar, parseIdNumber } from './idNumber.js';
import { idNumber } from './schemas/common.js';

const valid = (first17: string) => first17 + idNumberCheckChar(first17);

describe('ID numbers', () => {
  it('E25 accepts a valid number and derives birth date and sex', () => {
    const v = valid('36072120080512002');
    const r = parseIdNumber(v);
    expect(r).toMatchObject({ ok: true, info: { birthDate: '2008-05-12', sex: 'female' } });
    expect(parseIdNumber(valid('36072120080512001'))).toMatchObject({ ok: true, info: { sex: 'male' } });
  });
  it('E25 normalises full-width digits, spaces and lower-case x', () => {
    const v = valid('11010519491231002');
    const fw = v.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(parseIdNumber(` ${fw.slice(0, 9)} ${fw.slice(9)} `)).toMatchObject({ ok: true, value: v });
    const withX = '1101051949123100';
    for (let last = 0; last < 10; last++) {
      const first17 = withX + last;
      if (idNumberCheckChar(first17) === 'X') expect(parseIdNumber(first17 + 'x')).toMatchObject({ ok: true, value: first17 + 'X' });
    }
  });
  it('E25 rejects a wrong check digit, an impossible birth date, a future birth date and Excel scientific notation', () => {
    const v = valid('36072120080512003');
    const wrong = v.slice(0, 17) + (v[17] === '0' ? '1' : '0');
    expect(parseIdNumber(wrong)).toMatchObject({ ok: false, reason: expect.stringContaining('校验位') });
    expect(parseIdNumber(valid('36072120080230003'))).toMatchObject({ ok: false, reason: expect.stringContaining('出生日期') });
    expect(parseIdNumber(valid('36072129990101003'))).toMatchObject({ ok: false, reason: expect.stringContaining('出生日期') });
    expect(parseIdNumber('3.60721E+17')).toMatchObject({ ok: false, reason: expect.stringContaining('科学计数法') });
    expect(idNumber.safeParse('123').success).toBe(false);
  });
  it('computes age in whole years', () => {
    expect(ageOn('2010-06-01', new Date(2024, 4, 31))).toBe(13);
    expect(ageOn('2010-06-01', new Date(2024, 5, 1))).toBe(14);
  });
  it('without a day, counts to today by the clock (kept for the day, forward and back)', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date(2024, 4, 31, 23, 59, 59));
      expect(ageOn('2010-06-01')).toBe(13);
      vi.setSystemTime(new Date(2024, 5, 1, 0, 0, 0));
      expect(ageOn('2010-06-01')).toBe(14);
      vi.setSystemTime(new Date(2024, 4, 31, 12, 0, 0));
      expect(ageOn('2010-06-01')).toBe(13);
      vi.setSystemTime(new Date(2030, 0, 1));
      expect(ageOn('2010-06-01')).toBe(19);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('calendar dates', () => {
  it('E25 isoDate refuses dates that do not exist', async () => {
    const { isoDate } = await import('./schemas/common.js');
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    expect(isoDate.safeParse('2026-02-30').success).toBe(false);
    expect(isoDate.safeParse('2026-13-01').success).toBe(false);
    expect(isoDate.safeParse('2026/01/01').success).toBe(false);
  });

  it('E25 a care case’s dates are checked by the same rule, once: one message for a day that does not exist', async () => {
    const { careCaseCreate } = await import('./schemas/careCase.js');
    const input = { name: '张小明', idNumber: '11010120100501120X', categories: ['dropout'], orgUnitId: '0190d6a0-0000-7000-8000-000000000001', riskLevel: 'low', guardianConsent: true };
    expect(careCaseCreate.safeParse({ ...input, intakeDate: '2026-02-28' }).success).toBe(true);
    for (const bad of ['2026-02-30', 'abc']) {
      const issues = careCaseCreate.safeParse({ ...input, intakeDate: bad }).error?.issues.filter((i) => i.path[0] === 'intakeDate');
      expect(issues).toHaveLength(bad === 'abc' ? 2 : 1);
      expect(issues?.at(-1)?.message).toBe('日期不存在，请核对');
    }
  });
});

import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, type CryptoSuite } from '../crypto/cipher.js';
import { parseKeyRing } from '../crypto/keys.js';
import { cellText, normalizeCell, openPayload, parseLooseDate, sealPayload } from './importKit.js';

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

describe.each(['standard', 'gm'] as CryptoSuite[])('import kit: a preview\'s rows kept for its commit (%s)', (suite) => {
  const cipher = new FieldCipher(parseKeyRing(`1:${crypto.randomBytes(32).toString('base64')}`), suite);
  const aad = 'care_case_import_preview:0193a1b2-0000-7000-8000-000000000001:payload';
  const rows = Array.from({ length: 2000 }, (_, i) => ({ row: i + 3, input: { name: `张小明${i}`, idNumber: `3601022008051${String(10000 + i).slice(1)}`, familySituation: '父母在外务工，随祖父母生活', needsHelp: i % 2 === 0 }, bidx: crypto.randomBytes(32).toString('base64url') }));

  it('deflated, then encrypted under the preview\'s AAD: the same rows come back, nothing readable is kept, and it is smaller', () => {
    const token = sealPayload(cipher, rows, aad);
    expect(openPayload(cipher, token, aad)).toEqual(rows);
    expect(token).not.toContain('张小明');
    expect(token).not.toContain(rows[5]!.bidx);
    expect(token.length).toBeLessThan(cipher.encrypt(JSON.stringify(rows), aad).length / 2);
  });

  it('refuses another preview\'s AAD and a changed byte; still opens a preview kept as plain JSON before', () => {
    const token = sealPayload(cipher, rows, aad);
    expect(() => openPayload(cipher, token, aad.replace('0001', '0002'))).toThrow(expect.objectContaining({ code: 'DATA_INTEGRITY' }));
    const parts = token.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[10] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => openPayload(cipher, parts.join('.'), aad)).toThrow(expect.objectContaining({ code: 'DATA_INTEGRITY' }));
    expect(openPayload(cipher, cipher.encrypt(JSON.stringify(rows.slice(0, 3)), aad), aad)).toEqual(rows.slice(0, 3));
  });
});

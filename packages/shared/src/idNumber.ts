/**
 * Resident identity card numbers (GB 11643-1999): 18 characters, the last a check character (0-9 or X).
 * Tolerant input: full-width digits, spaces and a lower-case x are normalised first.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const CLEAN = /^\d{17}[\dX]$/;

export function normalizeIdNumber(raw: string): string {
  // Most numbers arrive clean (forms, ledgers): those come back as they are, without four passes over the text.
  if (CLEAN.test(raw)) return raw;
  return raw
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uff38\uff58]/g, 'X')
    .replace(/\s+/g, '')
    .toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export interface IdNumberInfo {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
  regionCode: string;
}

/** Returns the reason in Chinese when invalid, or the facts the number carries. */
export function parseIdNumber(raw: string, today?: Date): { ok: true; value: string; info: IdNumberInfo } | { ok: false; reason: string } {
  const v = normalizeIdNumber(raw);
  if (!CLEAN.test(v)) {
    if (/^\d+(\.\d+)?E\+\d+$/i.test(raw.trim())) return { ok: false, reason: '身份证号已被 Excel 转成科学计数法，后几位已丢失，无法恢复，请在原始资料中核对后以文本格式填写' };
    return { ok: false, reason: '身份证号应为18位（最后一位可以是X）' };
  }
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > (today ? today.getTime() : Date.now())) {
    return { ok: false, reason: '身份证号中的出生日期不正确' };
  }
  if (idNumberCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, reason: '身份证号校验位不正确，请核对' };
  return {
    ok: true,
    value: v,
    info: { birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`, sex: Number(v[16]) % 2 === 1 ? 'male' : 'female', regionCode: v.slice(0, 6) },
  };
}

/** Whole years between a YYYY-MM-DD birth date and a day. */
export function ageOn(birthDate: string, day?: Date): number {
  const t = day ? calendarDay(day) : today();
  const y = Number(birthDate.slice(0, 4));
  const m = Number(birthDate.slice(5, 7));
  const d = Number(birthDate.slice(8, 10));
  let age = t.y - y;
  if (t.m < m || (t.m === m && t.d < d)) age--;
  return age;
}

const calendarDay = (day: Date) => ({ y: day.getFullYear(), m: day.getMonth() + 1, d: day.getDate() });

/** Today in local time, worked out once a day: a list page asks for twenty ages, and local dates are not cheap. */
let todayKept: { y: number; m: number; d: number; from: number; until: number } | undefined;
function today() {
  const now = Date.now();
  if (!todayKept || now >= todayKept.until || now < todayKept.from) {
    const t = calendarDay(new Date(now));
    todayKept = { ...t, from: new Date(t.y, t.m - 1, t.d).getTime(), until: new Date(t.y, t.m - 1, t.d + 1).getTime() };
  }
  return todayKept;
}

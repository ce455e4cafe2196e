import dayjs from 'dayjs';
// Not Intl: its first use on a page costs ~0.1 s, and the dashboard's figures come through here (numbers.ts).
import { formatNumber } from '@gg/shared/numbers';

/** YYYY-MM-DD, or a dash for nothing. */
export function fmtDate(v: string | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD') : '—';
}

/** YYYY-MM-DD HH:mm:ss for logs and sessions, where the time of day matters. */
export function fmtDateTime(v: string | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function fmtCount(n: number | null | undefined): string {
  return typeof n === 'number' ? formatNumber(n) : '—';
}

export function fmtMoney(n: number | null | undefined): string {
  return typeof n === 'number' ? `¥${formatNumber(n, 2, 2)}` : '—';
}

export function dash(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? '—' : v;
}

/** Hours to the tenth, as the volunteer and activity pages show them: 1,234.5. */
export function fmtHours(h: number): string {
  return formatNumber(h, 1, 1);
}

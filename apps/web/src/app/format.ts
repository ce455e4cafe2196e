import dayjs from 'dayjs';

/** YYYY-MM-DD, or a dash for nothing. */
export function fmtDate(v: string | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD') : '—';
}

/** YYYY-MM-DD HH:mm:ss for logs and sessions, where the time of day matters. */
export function fmtDateTime(v: string | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—';
}

const counter = new Intl.NumberFormat('zh-CN');
export function fmtCount(n: number | null | undefined): string {
  return typeof n === 'number' ? counter.format(n) : '—';
}

export function fmtMoney(n: number | null | undefined): string {
  return typeof n === 'number' ? `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : '—';
}

export function dash(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? '—' : v;
}

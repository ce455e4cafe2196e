/** Masks used by presenters (JSON and exports) and nowhere else decides what is hidden. */

export function maskIdNumber(v: string): string {
  if (v.length <= 8) return '*'.repeat(v.length);
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
}

export function maskPhone(v: string): string {
  if (/^1\d{10}$/.test(v)) return `${v.slice(0, 3)}****${v.slice(-4)}`;
  if (v.length <= 4) return '*'.repeat(v.length);
  return v.slice(0, Math.max(0, v.length - 8)) + '****' + v.slice(-4);
}

export function maskName(v: string): string {
  const chars = Array.from(v);
  if (chars.length <= 1) return v;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function maskAddress(v: string): string {
  const chars = Array.from(v);
  return chars.slice(0, Math.min(6, chars.length)).join('') + (chars.length > 6 ? '****' : '');
}

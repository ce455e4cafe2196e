import { pinyin } from 'pinyin-pro';

/**
 * Search keys for Chinese names: full pinyin without tones ("zhangsanfeng") and initials ("zsf").
 * Homophones share keys (张伟 / 章伟 → "zhangwei"), which duplicate checks rely on.
 */
export function pinyinKeys(name: string): { full: string; initials: string } {
  const clean = name.replace(/\s+/g, '');
  const full = pinyin(clean, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const initials = pinyin(clean, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return { full, initials };
}

/** Whether a search term is Latin letters only (then match it against pinyin keys as a prefix). */
export function isPinyinQuery(q: string): boolean {
  return /^[a-zA-Z]+$/.test(q.trim());
}

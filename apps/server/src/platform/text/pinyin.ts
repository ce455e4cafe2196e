import { pinyin } from 'pinyin-pro';

/**
 * Search keys for Chinese names: full pinyin without tones ("zhangsanfeng") and initials ("zsf").
 * Homophones share keys (张伟 / 章伟 → "zhangwei"), which duplicate checks rely on.
 *
 * One call to pinyin-pro gives both. Each element of its answer is either a character's syllable or, verbatim, a run
 * of text it has no pinyin for (Latin letters, digits, rare characters: `nonZh: 'consecutive'`); the initials take a
 * syllable's first letter and a verbatim run whole — what pinyin-pro's `pattern: 'first'` gives, which was a second
 * call and ~85% of the time (an import computes 10k names a file). `pinyin.unit.test.ts` checks the two agree.
 */
export function pinyinKeys(name: string): { full: string; initials: string } {
  const clean = name.replace(/\s+/g, '');
  const parts = pinyin(clean, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  let full = '';
  let initials = '';
  let at = 0;
  for (const part of parts) {
    full += part;
    if (clean.startsWith(part, at)) {
      initials += part;
      at += part.length;
    } else {
      initials += part.charAt(0);
      at += clean.codePointAt(at)! > 0xffff ? 2 : 1;
    }
  }
  return { full: keyOf(full), initials: keyOf(initials) };
}

const keyOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether a search term is Latin letters only (then match it against pinyin keys as a prefix). */
export function isPinyinQuery(q: string): boolean {
  return /^[a-zA-Z]+$/.test(q.trim());
}

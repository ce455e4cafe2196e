import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { isPinyinQuery, pinyinKeys } from './pinyin.js';

describe('pinyin keys', () => {
  it('gives full pinyin and initials', () => {
    expect(pinyinKeys('张三丰')).toEqual({ full: 'zhangsanfeng', initials: 'zsf' });
    expect(pinyinKeys(' 吕 布 ')).toEqual({ full: 'lvbu', initials: 'lb' });
    expect(pinyinKeys('阿里木江·吐尔逊')).toEqual({ full: 'alimujiangtuerxun', initials: 'almjtex' });
  });
  it('homophones share keys', () => {
    expect(pinyinKeys('张伟').full).toBe(pinyinKeys('章伟').full);
  });
  it('keeps text without pinyin whole in the initials, as pinyin-pro’s own initials do', () => {
    expect(pinyinKeys('Tom张')).toEqual({ full: 'tomzhang', initials: 'tomz' });
    expect(pinyinKeys('李2明')).toEqual({ full: 'li2ming', initials: 'l2m' });
    // pinyin-pro's `pattern: 'first'` (the second call this replaced) over every 13th character of the CJK blocks,
    // characters outside the basic plane, compound surnames and mixed text.
    const first = (s: string) => pinyin(s.replace(/\s+/g, ''), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    const samples = ['长孙无忌', '尉迟恭', '单于', '万俟', '曾国藩', 'Mary·李', '张-三', '(张)', 'abc', 'ü', '王ü', '张〇', '々'];
    for (let cp = 0x3400; cp <= 0x9fff; cp += 13) samples.push(String.fromCodePoint(cp) + String.fromCodePoint(0x9fff - ((cp * 7) % 0x6bff)) + (cp % 3 ? 'Ab' : ''));
    for (let cp = 0x20000; cp <= 0x20200; cp += 7) samples.push(`李${String.fromCodePoint(cp)}明`);
    const differ = samples.filter((s) => pinyinKeys(s).initials !== first(s));
    expect(differ).toEqual([]);
  });
  it('recognises pinyin queries', () => {
    expect(isPinyinQuery('zsf')).toBe(true);
    expect(isPinyinQuery('张')).toBe(false);
  });
});

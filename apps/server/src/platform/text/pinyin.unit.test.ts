import { describe, expect, it } from 'vitest';
import { isPinyinQuery, pinyinKeys } from './pinyin.js';

describe('pinyin keys', () => {
  it('gives full pinyin and initials', () => {
    expect(pinyinKeys('张三丰')).toEqual({ full: 'zhangsanfeng', initials: 'zsf' });
  });
  it('homophones share keys', () => {
    expect(pinyinKeys('张伟').full).toBe(pinyinKeys('章伟').full);
  });
  it('recognises pinyin queries', () => {
    expect(isPinyinQuery('zsf')).toBe(true);
    expect(isPinyinQuery('张')).toBe(false);
  });
});

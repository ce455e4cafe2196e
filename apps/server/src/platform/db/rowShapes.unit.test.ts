import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { rowFromValues, rowRenamed } from './rowShapes.js';

describe('result rows built by literals (platform/db/rowShapes.ts)', () => {
  it('builds a row from values in key order; a key given twice keeps its last value; BLOBs become Buffers', () => {
    const build = rowFromValues(['id', 'n', 'n', 'blob', 'nothing']);
    const row = build(['a', 1, 2, new Uint8Array([0, 255]), null]);
    expect(row).toEqual({ id: 'a', n: 2, blob: Buffer.from([0, 255]), nothing: null });
    expect(Object.keys(row)).toEqual(['id', 'n', 'blob', 'nothing']);
    expect(Buffer.isBuffer(row.blob)).toBe(true);
    // The same list of keys, the same builder.
    expect(rowFromValues(['id', 'n', 'n', 'blob', 'nothing'])).toBe(build);
    expect(rowFromValues([])([])).toEqual({});
  });

  it('renames a driver row to camelCase keys, keeping Buffers and Dates as they are', () => {
    const at = new Date(0);
    const bytes = Buffer.from('x');
    const rename = rowRenamed(['org_unit_id', 'created_at', 'photo'], ['orgUnitId', 'createdAt', 'photo']);
    const row = rename({ org_unit_id: 'o1', created_at: at, photo: bytes });
    expect(row).toEqual({ orgUnitId: 'o1', createdAt: at, photo: bytes });
    expect(row.photo).toBe(bytes);
  });

  it('takes any key as a key: quotes, backslashes, line breaks, and __proto__ (never a prototype)', () => {
    const keys = ['a"b', 'c\\d', 'e\nf', '\u2028', '__proto__', 'constructor'];
    const row = rowFromValues(keys)([1, 2, 3, 4, 5, 6]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.entries(row)).toEqual(keys.map((k, i) => [k, i + 1]));
    const renamed = rowRenamed(['x'], ['__proto__'])({ x: { polluted: true } });
    expect(Object.getPrototypeOf(renamed)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(renamed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives every row of a statement one fast hidden class, however many columns (V8: %HasFastProperties)', () => {
    const script = `
      const { rowFromValues } = await import(${JSON.stringify(new URL('./rowShapes.ts', import.meta.url).href)});
      const keys = Array.from({ length: 40 }, (_, i) => 'column' + i);
      const build = rowFromValues(keys);
      const a = build(keys.map((_, i) => i)), b = build(keys.map((_, i) => 'v' + i));
      const byHand = {}; for (const k of keys) byHand[k] = 1;
      console.log(JSON.stringify([%HasFastProperties(a), %HaveSameMap(a, b), %HasFastProperties(byHand)]));`;
    const out = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    // The last: what the rows were before — an object given forty keys one by one is a hash table.
    expect(JSON.parse(out.stdout)).toEqual([true, true, false]);
  });
});

import { Buffer } from 'node:buffer';

/**
 * Result rows as objects V8 keeps fast: built by an object literal with the statement's keys written out, compiled
 * once per list of keys, so every row of a statement shares one hidden class.
 *
 * Given its keys one by one (`row[key] = value`), an object turns into a hash table ("dictionary mode") once it has
 * about twenty (V8 11, Node 20): most of the platform's rows have more columns than that, and every later read of such
 * a row — presenting, masking, checking — was a hash lookup. docs/decisions.md, "Result rows are built by literals".
 */
type FromValues = (values: readonly unknown[]) => Record<string, unknown>;
type FromRow = (row: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Statements are the code's own, so their column lists are few; the bound is a guard (past it: built, not kept). */
const MAX_SHAPES = 5_000;
const fromValuesOf = new Map<string, FromValues>();
const fromRowOf = new Map<string, FromRow>();

/** A BLOB from a reader thread arrives as a Uint8Array; callers get a Buffer (the same bytes, not a copy). */
function blobAsBuffer(v: unknown): unknown {
  return v !== null && typeof v === 'object' && v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}

// `__proto__` written in a literal (or assigned) would set the prototype instead of a key: such a list is built key by
// key, each one defined.
const literalSafe = (keys: readonly string[]) => !keys.includes('__proto__');
const define = (row: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(row, key, { value, writable: true, enumerable: true, configurable: true });

/**
 * The row of `keys` from values in the same order (BLOBs as Buffers). A key given twice keeps its last value, as
 * better-sqlite3's rows do.
 */
export function rowFromValues(keys: readonly string[]): FromValues {
  const id = JSON.stringify(keys);
  let make = fromValuesOf.get(id);
  if (!make) {
    if (literalSafe(keys)) {
      const body = keys.map((k, i) => `${JSON.stringify(k)}: b(v[${i}])`).join(', ');
      make = new Function('b', `return function row(v) { return { ${body} }; };`)(blobAsBuffer) as FromValues;
    } else {
      make = (values) => {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) define(row, keys[i]!, blobAsBuffer(values[i]));
        return row;
      };
    }
    if (fromValuesOf.size < MAX_SHAPES) fromValuesOf.set(id, make);
  }
  return make;
}

/** The row with each of `from`'s keys renamed to the key at the same place in `to` (a driver's row to camelCase). */
export function rowRenamed(from: readonly string[], to: readonly string[]): FromRow {
  const id = JSON.stringify([from, to]);
  let make = fromRowOf.get(id);
  if (!make) {
    if (literalSafe(to)) {
      const body = to.map((k, i) => `${JSON.stringify(k)}: r[${JSON.stringify(from[i])}]`).join(', ');
      make = new Function(`return function row(r) { return { ${body} }; };`)() as FromRow;
    } else {
      make = (source) => {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < to.length; i++) define(row, to[i]!, source[from[i]!]);
        return row;
      };
    }
    if (fromRowOf.size < MAX_SHAPES) fromRowOf.set(id, make);
  }
  return make;
}

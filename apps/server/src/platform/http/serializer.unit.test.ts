import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { activity, careCaseDetail, pageOf } from '@gg/shared';
import { compileSerializer } from './serializer.js';

class Fails extends Error {}
const serializer = (schema: z.ZodType) => compileSerializer(schema, (cause) => new Fails(cause.message));

/** What zod alone makes of it: the JSON, or the failure. */
function byZod(schema: z.ZodType, data: unknown) {
  const r = z.safeEncode(schema, data);
  return r.success ? JSON.stringify(r.data) : Fails;
}
function bySerializer(schema: z.ZodType, data: unknown) {
  try {
    return serializer(schema)(data).toString('utf8');
  } catch (e) {
    if (e instanceof Fails) return Fails;
    throw e;
  }
}

const item = z.object({
  id: z.string(),
  n: z.number().int(),
  i: z.int(),
  uid: z.uuid().optional(),
  x: z.number(),
  ok: z.boolean(),
  kind: z.enum(['a', 'b']),
  lit: z.literal(true),
  note: z.string().nullable(),
  maybe: z.string().optional(),
  tags: z.array(z.string()),
  email: z.email().nullable(),
  small: z.number().min(0).max(5),
  short: z.array(z.string()).max(2),
  inner: z.object({ a: z.string(), b: z.number().int().nullable() }),
  either: z.union([z.string(), z.number()]),
  rec: z.record(z.string(), z.number()),
  flag: z.boolean().refine((b) => b, 'must be true').optional(),
  tier: z.enum(['x', 'y']).refine((t) => t === 'x').optional(),
  gap: z.string().nullable().refine((v) => v !== 'no').optional(),
});
const page = pageOf(item);
const good = {
  id: '1', n: 2, i: 7, x: 1.5, ok: true, kind: 'a', lit: true, note: null, maybe: 'm', tags: ['t'], email: null, small: 3,
  short: ['a'], inner: { a: 'x', b: null }, either: 3, rec: { k: 1 },
};

const variants: [string, unknown][] = [
  ['fits', good],
  ['optional absent', (({ maybe: _, ...rest }) => rest)(good)],
  ['optional undefined', { ...good, maybe: undefined }],
  ['extra key (stripped)', { ...good, idNumber: '110101200001011234' }],
  ['extra nested key (stripped)', { ...good, inner: { a: 'x', b: 1, secret: 'y' } }],
  ['keys out of order', Object.assign({ n: 2 }, good)],
  ['required missing', (({ id: _, ...rest }) => rest)(good)],
  ['required undefined', { ...good, id: undefined }],
  ['non-integer', { ...good, n: 1.5 }],
  ['unsafe integer', { ...good, n: 2 ** 60 }],
  ['z.int() non-integer', { ...good, i: 1.5 }],
  ['z.uuid() other string', { ...good, uid: 'x' }],
  ['NaN', { ...good, x: NaN }],
  ['Infinity', { ...good, x: Infinity }],
  ['number as string', { ...good, x: '1' }],
  ['enum outside', { ...good, kind: 'c' }],
  ['literal other', { ...good, lit: false }],
  ['null where not nullable', { ...good, id: null }],
  ['array of wrong items', { ...good, tags: [1] }],
  ['array checks', { ...good, short: ['a', 'b', 'c'] }],
  ['number checks', { ...good, small: 6 }],
  ['string format', { ...good, email: 'not an email' }],
  ['string format ok', { ...good, email: 'a@b.cn' }],
  ['union', { ...good, either: true }],
  ['refined boolean', { ...good, flag: false }],
  ['refined boolean ok', { ...good, flag: true }],
  ['refined enum', { ...good, tier: 'y' }],
  ['refined nullable', { ...good, gap: 'no' }],
  ['refined nullable null', { ...good, gap: null }],
  ['record', { ...good, rec: { k: 'v' } }],
  ['array for object', { ...good, inner: [] }],
  ['class instance', Object.assign(new (class Row {})(), good)],
  ['inherited key', Object.assign(Object.create({ id: '1' }), (({ id: _, ...rest }) => rest)(good))],
  ['null prototype', Object.assign(Object.create(null), good)],
];

describe('reply serializer', () => {
  it.each(variants)('gives the JSON zod gives, or fails where zod fails: %s', (_name, value) => {
    expect(bySerializer(item, value)).toBe(byZod(item, value));
    const asPage = { items: [good, value, good], total: 3, page: 1, pageSize: 20 };
    expect(bySerializer(page, asPage)).toBe(byZod(page, asPage));
  });

  it('sends a fitting reply as it is, and copies only what it strips', () => {
    const json = serializer(page)({ items: [good, { ...good, secret: 's' }], total: 2, page: 1, pageSize: 20 }).toString('utf8');
    expect(JSON.parse(json).items[1]).toEqual(good);
    expect(json).not.toContain('secret');
  });

  it('answers the JSON as its UTF-8 bytes', () => {
    const body = serializer(z.object({ title: z.string() }))({ title: '关心下一代 “五老” \u2028 😀' });
    expect(Buffer.isBuffer(body)).toBe(true);
    expect(body.equals(Buffer.from(JSON.stringify({ title: '关心下一代 “五老” \u2028 😀' }), 'utf8'))).toBe(true);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ title: '关心下一代 “五老” \u2028 😀' });
  });

  it('handles the shared schemas of the lists and the case record', () => {
    for (const schema of [pageOf(activity), careCaseDetail]) {
      expect(bySerializer(schema, { nothing: true })).toBe(Fails);
    }
  });
});

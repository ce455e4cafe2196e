import { z } from 'zod';

/**
 * Replies are checked against their route's response schema before they are sent (a presenter that lets through a
 * field the schema does not name, or a value of the wrong kind, must not reach the client). Zod's `encode` does that
 * by copying the whole reply; for the common case — a presenter's plain objects that already fit — this walks the
 * reply once and returns it as it is, copying only the objects that carry keys the schema does not name or whose keys
 * are out of the schema's order, so the JSON is byte for byte what zod's output would give.
 *
 * It is never more lenient than zod: it understands only plain strings, finite numbers and safe integers, booleans,
 * enums and literals, nullable and optional, arrays without checks and stripping objects without checks; every other
 * schema (string formats, unions, records, defaults, pipes, refinements…) is handed to zod for that part. When a
 * value does not fit, zod encodes the whole reply, so the error (or the result) is exactly zod's.
 */

const FAIL: unique symbol = Symbol('does not fit');
type Fit = (value: unknown) => unknown;

interface Check {
  _zod: { def: { check: string; format?: string } };
}

interface Def {
  type: string;
  checks?: Check[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const valuesOf = (schema: z.ZodType) => (schema as unknown as { _zod: { values?: Set<unknown> } })._zod.values;
const isCheck = (schema: z.ZodType) => typeof (schema as unknown as { _zod: { check?: unknown } })._zod.check === 'function';
const optionalIn = (schema: z.ZodType) => (schema as unknown as { _zod: { optin?: string; optout?: string } })._zod;

function byZod(schema: z.ZodType): Fit {
  return (value) => {
    const result = z.safeEncode(schema, value);
    return result.success ? result.data : FAIL;
  };
}

function compile(schema: z.ZodType, seen: Map<z.ZodType, Fit>): Fit {
  const known = seen.get(schema);
  if (known) return known;
  const def = defOf(schema);
  // A check beside the type (`.int()`, `.min()`, `.regex()`), or a type that is itself a check (`z.email()`, `z.int()`).
  const checks = [...(def.checks ?? []), ...(isCheck(schema) ? [schema as unknown as Check] : [])];
  const checked = checks.length > 0;
  let fit: Fit;
  // Only a number's integer check is understood here; any other check (a refinement on anything, a format, a bound)
  // is zod's to run.
  switch (checked && def.type !== 'number' ? 'checked' : def.type) {
    case 'string':
      fit = (v) => (typeof v === 'string' ? v : FAIL);
      break;
    case 'boolean':
      fit = (v) => (typeof v === 'boolean' ? v : FAIL);
      break;
    case 'number': {
      if (checks.length === 0) fit = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
      else if (checks.length === 1 && checks[0]._zod.def.check === 'number_format' && checks[0]._zod.def.format === 'safeint')
        fit = (v) => (Number.isSafeInteger(v) ? v : FAIL);
      else fit = byZod(schema);
      break;
    }
    case 'enum':
    case 'literal': {
      const values = valuesOf(schema);
      fit = values instanceof Set ? (v) => (values.has(v) ? v : FAIL) : byZod(schema);
      break;
    }
    case 'nullable': {
      const inner = compile(def.innerType!, seen);
      fit = (v) => (v === null ? null : inner(v));
      break;
    }
    case 'optional': {
      const inner = compile(def.innerType!, seen);
      fit = (v) => (v === undefined ? undefined : inner(v));
      break;
    }
    case 'array':
      fit = arrayFit(compile(def.element!, seen));
      break;
    case 'object':
      fit = def.catchall !== undefined ? byZod(schema) : objectFit(def.shape!, seen);
      break;
    default:
      fit = byZod(schema);
  }
  seen.set(schema, fit);
  return fit;
}

function arrayFit(element: Fit): Fit {
  return (v) => {
    if (!Array.isArray(v)) return FAIL;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      const fitted = element(item);
      if (fitted === FAIL) return FAIL;
      if (fitted !== item && out === undefined) out = v.slice(0, i);
      if (out !== undefined) out.push(fitted);
    }
    return out ?? v;
  };
}

function objectFit(shape: Record<string, z.ZodType>, seen: Map<z.ZodType, Fit>): Fit {
  const keys = Object.keys(shape);
  const n = keys.length;
  const fits = keys.map((k) => compile(shape[k], seen));
  // A key that may be absent: zod leaves it out of its output when the input has none.
  const mayBeAbsent = keys.map((k) => optionalIn(shape[k]).optin === 'optional' && optionalIn(shape[k]).optout === 'optional');
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return FAIL; // not a presenter's plain object: zod decides
    const input = v as Record<string, unknown>;
    let same = true;
    let present = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const value = input[key];
      if (value === undefined && !(key in input)) {
        if (mayBeAbsent[i]) continue;
        return FAIL;
      }
      present++;
      const out = fits[i](value);
      if (out === FAIL) return FAIL;
      if (out !== value) same = false;
    }
    if (same) {
      // Sent as it is only if its keys are the schema's present keys, in the schema's order, and no others.
      let count = 0;
      let j = 0;
      let ordered = true;
      for (const key in input) {
        count++;
        while (j < n && keys[j] !== key) j++;
        if (j === n) {
          ordered = false;
          break;
        }
        j++;
      }
      if (ordered && count === present) return v;
    }
    const copy: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const value = input[key];
      if (value === undefined && !(key in input)) continue;
      copy[key] = fits[i](value);
    }
    return copy;
  };
}

/** A route's response schema as fastify hands it over: a zod schema, or one under `properties`. */
export function responseSchemaOf(schema: unknown): z.ZodType {
  const isZod = (s: unknown): s is z.ZodType => typeof s === 'object' && s !== null && '_zod' in s;
  if (isZod(schema)) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (isZod(properties)) return properties;
  throw new Error(`a response schema that is not zod: ${JSON.stringify(schema)}`);
}

/**
 * What fastify calls to turn a route's reply into its body, for the route's response schema of that status: the
 * JSON's UTF-8 bytes (fastify sends a Buffer as it is; its types say string, app.ts casts).
 * `checkAgainstZod` (tests) encodes every reply by zod as well and throws when the JSON differs.
 */
export function compileSerializer(schema: z.ZodType, onError: (cause: z.ZodError) => Error, checkAgainstZod = false): (data: unknown) => Buffer {
  const fit = compile(schema, new Map());
  const byZodOnly = (data: unknown) => {
    const result = z.safeEncode(schema, data);
    if (!result.success) throw onError(result.error);
    return JSON.stringify(result.data);
  };
  return (data) => {
    const fitted = fit(data);
    const json = fitted === FAIL ? byZodOnly(data) : JSON.stringify(fitted);
    if (checkAgainstZod && fitted !== FAIL) {
      const expected = byZodOnly(data);
      if (expected !== json) throw new Error(`reply fitted to its schema differs from zod's encoding:\n${json}\n${expected}`);
    }
    // As bytes: fastify then neither measures the string (which flattens the pieces JSON.stringify joined) nor
    // writes it after the headers as one more string, which Node joins and flattens again before encoding it.
    return Buffer.from(json);
  };
}

import {
  CamelCasePlugin, PostgresQueryCompiler, SqliteQueryCompiler, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult,
  type RootOperationNode, type UnknownRow,
} from 'kysely';
import { rowRenamed } from './rowShapes.js';

/**
 * camelCase in TypeScript, snake_case in SQL, without copying each query's tree.
 *
 * Kysely's CamelCasePlugin renames identifiers by rebuilding every query's whole operation tree before it is compiled
 * — 4–8% of the server's CPU on a list or a session read (issue 10). Here the query compilers rename each identifier
 * as they write it (the same mapping, memoised), and the plugin keeps only its other half: result rows' keys back to
 * camelCase. The SQL text is the same as the plugin's (`snakeCase.unit.test.ts` compiles queries both ways).
 */
const mapper = new (class extends CamelCasePlugin {
  toSnake(s: string) {
    return this.snakeCase(s);
  }
  toCamel(s: string) {
    return this.camelCase(s);
  }
})();

/** Identifiers come from the code (schema, column lists, whitelisted sort keys): a bounded set; the bound is a guard. */
const MEMO_LIMIT = 20_000;
const snakeMemo = new Map<string, string>();
const camelMemo = new Map<string, string>();

function memo(map: Map<string, string>, key: string, make: (s: string) => string): string {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    if (map.size < MEMO_LIMIT) map.set(key, value);
  }
  return value;
}

export const toSnakeCase = (identifier: string) => memo(snakeMemo, identifier, (s) => mapper.toSnake(s));
export const toCamelCase = (column: string) => memo(camelMemo, column, (s) => mapper.toCamel(s));

const camelCased = new WeakSet<object>();
/** A driver's result whose rows already have camelCase keys (the SQLite reader threads build them so). */
export function markCamelCased<R extends QueryResult<unknown>>(result: R): R {
  camelCased.add(result);
  return result;
}

/**
 * The result half of CamelCasePlugin: row keys to camelCase. Queries pass through untouched (the compilers rename).
 * Rows hold column values only — strings, numbers, null, Buffers, pg's Dates; no query selects JSON objects or
 * arrays — so each row's keys are renamed in one loop, without the plugin's look into every value for nested objects.
 */
export class CamelCaseResultsPlugin extends CamelCasePlugin {
  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { result } = args;
    if (camelCased.has(result) || !Array.isArray(result.rows) || !result.rows.length) return result;
    const rows = result.rows;
    const out: UnknownRow[] = new Array(rows.length);
    let keys: string[] | undefined;
    let rename: ((row: Readonly<Record<string, unknown>>) => Record<string, unknown>) | undefined;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      // Rows of one result share their columns: the names are worked out from the first (and again if one differs).
      const own = Object.keys(row);
      if (!keys || own.length !== keys.length || own.some((k, i) => k !== keys![i])) {
        keys = own;
        rename = rowRenamed(own, own.map(toCamelCase));
      }
      out[r] = rename!(row);
    }
    return { ...result, rows: out };
  }

  protected override camelCase(str: string): string {
    return toCamelCase(str);
  }
}

export class SnakeCaseSqliteQueryCompiler extends SqliteQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(toSnakeCase(identifier));
  }
}

export class SnakeCasePostgresQueryCompiler extends PostgresQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(toSnakeCase(identifier));
  }
}

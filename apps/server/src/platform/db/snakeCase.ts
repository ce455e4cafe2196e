import { CamelCasePlugin, PostgresQueryCompiler, SqliteQueryCompiler, type PluginTransformQueryArgs, type RootOperationNode } from 'kysely';

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

/** The result half of CamelCasePlugin: row keys to camelCase. Queries pass through untouched (the compilers rename). */
export class CamelCaseResultsPlugin extends CamelCasePlugin {
  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  protected override camelCase(str: string): string {
    return memo(camelMemo, str, (s) => mapper.toCamel(s));
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

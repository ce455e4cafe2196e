import type { Insertable } from 'kysely';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import type { Prng } from './prng.js';

export interface OrgRef {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  path: string;
  depth: number;
}

export interface DemoUserRef {
  id: string;
  username: string;
  roleCode: string;
  displayName: string;
  orgUnitId: string | null;
  memberUnitId: string | null;
}

/** Everything created so far, for the steps that come after (volunteers need villages, cases need volunteers, …). */
export interface DemoIds {
  root: OrgRef;
  townships: OrgRef[];
  villages: OrgRef[];
  communities: OrgRef[];
  schools: OrgRef[];
  enterprises: OrgRef[];
  memberUnits: { id: string; name: string; shortName: string }[];
  /** Demo accounts by username. */
  users: Record<string, DemoUserRef>;
  /** Ids of anything later steps create, by their own key (e.g. `volunteer`, `careCase`). */
  more: Record<string, string[]>;
}

export interface DemoOptions {
  /** PRNG seed: the same seed gives the same county. */
  seed: number;
  /** Multiplies villages, communities and village schools (for benchmarks). */
  scale: number;
  /** Name of the county (the root node is renamed to it). */
  countyName: string;
}

export interface DemoStepContext {
  platform: Platform;
  /** This step's own stream, forked from the seed by the step's name. */
  prng: Prng;
  ids: DemoIds;
  options: DemoOptions;
  log: (m: string) => void;
  /** One fixed "now" for the whole run, so created/updated times agree. */
  now: string;
  /** Insert rows in batches, one transaction per batch (parents must come before children). */
  insert<T extends keyof Database & string>(table: T, rows: Insertable<Database[T]>[]): Promise<void>;
}

/**
 * One generator step. Steps run in list order; each returns counts for the summary audit row.
 * Later modules append theirs to `demoSteps` in steps/index.ts.
 */
export interface DemoStep {
  name: string;
  /** Chinese label for the log. */
  label: string;
  run(ctx: DemoStepContext): Promise<Record<string, number> | void>;
}

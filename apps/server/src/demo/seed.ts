import { builtinRoles } from '../platform/authz/builtin-roles.js';
import type { Platform } from '../platform/context.js';
import { insertInBatches } from './batch.js';
import type { DemoIds, DemoOptions, DemoStep, DemoStepContext } from './context.js';
import { DEMO_COUNTY_NAME } from './names.js';
import { createPrng } from './prng.js';
import { demoSteps } from './steps/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './steps/users.js';
import { rebuildSummaries } from './summaries.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };
export { demoSteps };

export const DEFAULT_DEMO_SEED = 20231117;
const SYSTEM_ACTOR = { userId: null, username: 'system', orgUnitId: null, ip: null };

export interface GenerateResult {
  ids: DemoIds;
  counts: Record<string, number>;
  millis: number;
}

/**
 * Run every generator step on this database, then write one 'demo.seed' audit row with the counts.
 * Does not look at what is already there: callers check with demoDatabaseState first.
 */
export async function generateDemoCounty(
  platform: Platform,
  opts: Partial<DemoOptions> & { log?: (m: string) => void; steps?: readonly DemoStep[] } = {},
): Promise<GenerateResult> {
  const started = Date.now();
  const options: DemoOptions = { seed: opts.seed ?? DEFAULT_DEMO_SEED, scale: opts.scale ?? 1, countyName: opts.countyName ?? DEMO_COUNTY_NAME };
  if (!Number.isInteger(options.seed) || options.seed < 0) throw new Error('demo seed must be a non-negative integer');
  if (!(options.scale > 0 && options.scale <= 100)) throw new Error('demo scale must be in (0, 100]');
  const log = opts.log ?? (() => {});
  const root = await platform.db.selectFrom('orgUnit').select(['id', 'parentId', 'name', 'kind', 'path', 'depth']).where('parentId', 'is', null).executeTakeFirstOrThrow();
  const ids: DemoIds = { root, townships: [], villages: [], communities: [], schools: [], enterprises: [], memberUnits: [], users: {}, more: {} };
  const base = createPrng(options.seed);
  const now = new Date().toISOString();
  const counts: Record<string, number> = {};
  for (const step of opts.steps ?? demoSteps) {
    const ctx: DemoStepContext = {
      platform, prng: base.fork(step.name), ids, options, log, now,
      insert: (table, rows) => insertInBatches(platform.db, table, rows),
    };
    const t0 = Date.now();
    const result = await step.run(ctx);
    if (result) Object.assign(counts, result);
    log(`  · ${step.label}：${result ? Object.entries(result).map(([k, v]) => `${k} ${v}`).join('，') : '完成'}（${Date.now() - t0} ms）`);
  }
  // The steps insert in bulk, past the write paths that keep the summary tables current.
  await rebuildSummaries(platform.db);
  await platform.record(SYSTEM_ACTOR, {
    event: 'demo.seed', objectType: 'orgUnit', objectId: root.id,
    summary: `生成演示数据：${options.countyName}`,
    detail: { seed: options.seed, scale: options.scale, steps: (opts.steps ?? demoSteps).map((s) => s.name), counts },
  });
  return { ids, counts, millis: Date.now() - started };
}

export type DemoDatabaseStatus =
  /** Only what bootstrap creates: the root node, no member units, no account but admin. */
  | 'pristine'
  /** No org or member-unit data, but other accounts exist (seeding needs --force). */
  | 'accountsOnly'
  /** The demo county is already there. */
  | 'seeded'
  /** Real data (org nodes, member units) or a demo username is taken: never seed into it. */
  | 'hasData';

export interface DemoDatabaseState {
  status: DemoDatabaseStatus;
  orgUnits: number;
  memberUnits: number;
  otherUsers: number;
  /** Why it is not pristine, in Chinese, for messages. */
  reasons: string[];
}

export async function demoDatabaseState(platform: Platform): Promise<DemoDatabaseState> {
  const { db } = platform;
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const seeded = await db.selectFrom('auditEvent').select('seq').where('event', '=', 'demo.seed').limit(1).executeTakeFirst();
  const orgUnits = await count(db.selectFrom('orgUnit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
  const memberUnits = await count(db.selectFrom('memberUnit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
  const others = await db.selectFrom('appUser').select('usernameKey').where('usernameKey', '<>', 'admin').execute();
  const taken = others.map((u) => u.usernameKey).filter((u) => DEMO_ACCOUNTS.some((a) => a.username === u));
  const reasons: string[] = [];
  if (orgUnits > 1) reasons.push(`已有 ${orgUnits - 1} 个下级组织`);
  if (memberUnits > 0) reasons.push(`已有 ${memberUnits} 个成员单位`);
  if (taken.length) reasons.push(`演示账号用户名已被占用：${taken.join('、')}`);
  if (others.length) reasons.push(`除 admin 外已有 ${others.length} 个账号`);
  let status: DemoDatabaseStatus;
  if (seeded) status = 'seeded';
  else if (orgUnits > 1 || memberUnits > 0 || taken.length) status = 'hasData';
  else if (others.length) status = 'accountsOnly';
  else status = 'pristine';
  return { status, orgUnits, memberUnits, otherUsers: others.length, reasons };
}

/** Display width of a string in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function demoAccountsTable(): string[] {
  const roleName = (code: string) => builtinRoles.find((r) => r.code === code)?.name ?? code;
  const rows = [['用户名', '角色', '密码', '位置'], ...DEMO_ACCOUNTS.map((a) => [a.username, roleName(a.roleCode), DEMO_PASSWORD, a.where])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => width(r[i]))) + 2);
  return [
    '================ 演示账号（仅供演示，切勿用于生产） ================',
    ...rows.map((r) => `  ${r.map((c, i) => (i < 3 ? pad(c, widths[i]) : c)).join('')}`),
    '  （admin 为系统管理员，密码见首次启动时的提示）',
    '====================================================================',
  ];
}

export interface SeedDemoOptions extends Partial<DemoOptions> {
  log: (m: string) => void;
  /** Also seed when other accounts exist (but never when org nodes or member units do). */
  force?: boolean;
}

export type SeedDemoResult =
  | { status: 'seeded'; counts: Record<string, number>; millis: number; ids: DemoIds }
  | { status: 'alreadySeeded' }
  | { status: 'refused'; reasons: string[] };

/**
 * Demo mode: seed the demo county when the database holds only the bootstrap state.
 * Never mixes demo data with real data and never deletes anything.
 */
export async function seedDemoIfEmpty(platform: Platform, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const { log } = opts;
  const state = await demoDatabaseState(platform);
  if (state.status === 'seeded') {
    for (const line of demoAccountsTable()) log(line);
    log('演示数据已存在，无需重新生成。');
    return { status: 'alreadySeeded' };
  }
  if (state.status === 'hasData' || (state.status === 'accountsOnly' && !opts.force)) {
    log(`数据库中已有数据（${state.reasons.join('；')}），不生成演示数据。`);
    return { status: 'refused', reasons: state.reasons };
  }
  for (const line of demoAccountsTable()) log(line);
  log(`正在生成演示县“${opts.countyName ?? DEMO_COUNTY_NAME}”（种子 ${opts.seed ?? DEFAULT_DEMO_SEED}，规模 ×${opts.scale ?? 1}）…`);
  try {
    const result = await generateDemoCounty(platform, opts);
    const c = result.counts;
    log(`演示数据已生成（${(result.millis / 1000).toFixed(1)} 秒）：乡镇（街道）${c.townships} 个，村 ${c.villages} 个，社区 ${c.communities} 个，学校 ${c.schools} 所，企业 ${c.enterprises} 家，成员单位 ${c.memberUnits} 个，演示账号 ${c.users} 个。`);
    return { status: 'seeded', ...result };
  } catch (err) {
    log('演示数据生成中断：已写入的部分不会自动删除。请换一个空的数据目录（DATA_DIR）或空数据库后重试。');
    throw err;
  }
}

import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { serverRoot } from './paths.js';

/** Every setting the server reads from its environment, validated once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL 必须以 postgres:// 开头（不设置则使用 SQLite）' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  GG_ADMIN_PASSWORD: z.string().min(1).optional(),
  GG_DEMO: z.enum(['0', '1'], { error: 'GG_DEMO 只能是 0 或 1' }).default('0'),
  GG_CRYPTO: z.enum(['standard', 'gm'], { error: 'GG_CRYPTO 只能是 standard 或 gm' }).default('standard'),
  GG_DATA_KEY: z.string().optional(),
  GG_KEY_FILE: z.string().optional(),
  GG_ORG_NAME: z.string().min(1).max(50).default('本县'),
  GG_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  GG_PUBLIC_ORIGIN: z.url({ error: 'GG_PUBLIC_ORIGIN 必须是完整网址，如 https://ggt.example.gov.cn' }).optional(),
  GG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  GG_WEB_DIST: z.string().optional(),
  GG_BACKUP_DIR: z.string().optional(),
  GG_BACKUP_KEEP: z.coerce.number({ error: 'GG_BACKUP_KEEP 必须是数字' }).int().min(1).max(365).default(14),
  /** How often this instance looks for due scheduled jobs; 0 runs none here (another instance does). */
  GG_JOB_TICK_SECONDS: z.coerce.number({ error: 'GG_JOB_TICK_SECONDS 必须是数字' }).min(0).max(3600).default(30),
  /** On SIGTERM, how long requests already received may run; connections still busy then are closed. */
  GG_SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ error: 'GG_SHUTDOWN_GRACE_SECONDS 必须是数字' })
    .min(0, { error: 'GG_SHUTDOWN_GRACE_SECONDS 只能是 0 到 600 秒' })
    .max(600, { error: 'GG_SHUTDOWN_GRACE_SECONDS 只能是 0 到 600 秒' })
    .default(10),
  /** Server processes sharing the port on this machine (node:cluster); `auto` is one per CPU core. */
  GG_INSTANCES: z
    .string()
    .refine((v) => v === 'auto' || (/^[1-9][0-9]?$/.test(v) && Number(v) <= 64), { error: 'GG_INSTANCES 只能是 auto 或 1 到 64 的整数' })
    .default('1'),
  /** SQLite: reader threads per server process (reads outside transactions run there); 0 reads on the main thread. */
  GG_SQLITE_READERS: z
    .string()
    .regex(/^([0-9]|1[0-6])$/, { error: 'GG_SQLITE_READERS 只能是 0 到 16 的整数' })
    .optional(),
  /** Development and tests: each reply is also encoded by zod and must give the same JSON (platform/http/serializer.ts). */
  GG_CHECK_REPLIES: z.enum(['0', '1'], { error: 'GG_CHECK_REPLIES 只能是 0 或 1' }).default('0'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  adminPassword?: string;
  demo: boolean;
  crypto: 'standard' | 'gm';
  dataKey?: string;
  keyFile: string;
  orgName: string;
  trustProxy: boolean;
  publicOrigin?: string;
  logLevel: string;
  webDist: string;
  backupDir: string;
  backupKeep: number;
  jobTickSeconds: number;
  /** On SIGTERM: seconds for requests in flight before the connections still busy are closed. */
  shutdownGraceSeconds: number;
  /** Server processes on this machine (1: no cluster). */
  instances: number;
  /** SQLite reader threads per process (platform/db/sqliteReaders.ts); 0 on a single core unless set. */
  sqliteReaders: number;
  /** Each reply is also encoded by zod and must give the same JSON (tests; platform/http/serializer.ts). */
  checkReplies: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误，无法启动：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // npm runs workspace scripts inside the workspace folder; INIT_CWD is where the user typed the command.
  const base = env.INIT_CWD ?? process.cwd();
  const dataDir = path.resolve(base, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'guanguantong.db') },
    adminPassword: e.GG_ADMIN_PASSWORD,
    demo: e.GG_DEMO === '1',
    crypto: e.GG_CRYPTO,
    dataKey: e.GG_DATA_KEY,
    keyFile: e.GG_KEY_FILE ? path.resolve(base, e.GG_KEY_FILE) : path.join(dataDir, 'keys', 'data.key'),
    orgName: e.GG_ORG_NAME,
    trustProxy: e.GG_TRUST_PROXY === '1',
    publicOrigin: e.GG_PUBLIC_ORIGIN,
    logLevel: e.GG_LOG_LEVEL,
    backupDir: e.GG_BACKUP_DIR ? path.resolve(base, e.GG_BACKUP_DIR) : path.join(dataDir, 'backups'),
    backupKeep: e.GG_BACKUP_KEEP,
    jobTickSeconds: e.GG_JOB_TICK_SECONDS,
    shutdownGraceSeconds: e.GG_SHUTDOWN_GRACE_SECONDS,
    instances: e.GG_INSTANCES === 'auto' ? os.availableParallelism() : Number(e.GG_INSTANCES),
    checkReplies: e.GG_CHECK_REPLIES === '1',
    sqliteReaders: e.GG_SQLITE_READERS !== undefined ? Number(e.GG_SQLITE_READERS) : os.availableParallelism() > 1 ? 1 : 0,
    webDist: e.GG_WEB_DIST ? path.resolve(base, e.GG_WEB_DIST) : path.resolve(serverRoot, '../web/dist'),
  };
}

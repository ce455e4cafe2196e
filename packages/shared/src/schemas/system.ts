import { z } from 'zod';
import { listQuery } from './common.js';

export const job = z.object({
  name: z.string(),
  label: z.string(),
  intervalSeconds: z.number().int(),
  enabled: z.boolean(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastStatus: z.string().nullable(),
  running: z.boolean(),
});
export type Job = z.infer<typeof job>;

export const jobRun = z.object({
  id: z.string(),
  jobName: z.string(),
  label: z.string(),
  instance: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  message: z.string().nullable(),
});
export type JobRun = z.infer<typeof jobRun>;

export const jobRunListQuery = listQuery(['startedAt'] as const).extend({
  jobName: z.string().max(64).optional(),
  status: z.enum(['running', 'success', 'failure']).optional(),
});

export const jobNameParams = z.strictObject({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,63}$/, { error: '任务名不正确' }) });

export const systemMonitor = z.object({
  status: z.literal('ok'),
  version: z.string(),
  node: z.string(),
  instance: z.string(),
  uptimeSeconds: z.number(),
  memory: z.object({ rssMb: z.number(), heapUsedMb: z.number() }),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), sizeMb: z.number().nullable(), migrations: z.number().int() }),
  counts: z.object({ orgUnits: z.number().int(), users: z.number().int(), openSessions: z.number().int(), auditEvents: z.number().int() }),
  jobs: z.array(job),
});
export type SystemMonitor = z.infer<typeof systemMonitor>;

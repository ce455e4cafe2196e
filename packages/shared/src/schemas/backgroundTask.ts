import { z } from 'zod';

/** Background tasks (long exports, the yearly report): queued → running → done | failed; a done task's file expires. */
export const backgroundTaskStatuses = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type BackgroundTaskStatus = (typeof backgroundTaskStatuses)[number];
export const backgroundTaskStatusLabels: Record<BackgroundTaskStatus, string> = {
  queued: '排队中',
  running: '进行中',
  done: '已完成',
  failed: '失败',
  expired: '已过期',
};

export const backgroundTask = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  status: z.enum(backgroundTaskStatuses),
  progress: z.object({ done: z.number().int(), total: z.number().int(), percent: z.number().int(), note: z.string().nullable() }),
  resultName: z.string().nullable(),
  resultRows: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type BackgroundTask = z.infer<typeof backgroundTask>;

export const backgroundTaskListQuery = z.strictObject({
  status: z.enum(backgroundTaskStatuses, { error: '任务状态不正确' }).optional(),
});
export const backgroundTaskList = z.object({ items: z.array(backgroundTask), active: z.number().int() });
export type BackgroundTaskList = z.infer<typeof backgroundTaskList>;

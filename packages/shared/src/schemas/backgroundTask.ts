import { z } from 'zod';
import { backgroundTaskStatuses } from '../enums.js';

/** Background tasks (statuses and their labels in enums.ts). */
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

import { z } from 'zod';

/** Progress of an Excel import commit (any importer), polled with GET /api/import-jobs/:id. */
export const importJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  message: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

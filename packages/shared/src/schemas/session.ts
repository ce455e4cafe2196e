import { z } from 'zod';
import { id, listQuery } from './common.js';

/** Online users (在线用户): open sessions. `id` is an opaque keyed hash, never the session secret or its stored hash. */
export const onlineSession = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** The caller's own session. */
  current: z.boolean(),
  actions: z.array(z.string()),
});
export type OnlineSession = z.infer<typeof onlineSession>;

export const sessionListQuery = listQuery(['lastSeenAt', 'createdAt', 'username'] as const).extend({
  userId: id.optional(),
});

export const sessionIdParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '会话编号格式不正确' }),
});

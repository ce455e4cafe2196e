import { z } from 'zod';

export const inboxKinds = ['lectureAssigned', 'mentorOverdue'] as const;
export type InboxKind = (typeof inboxKinds)[number];
export const inboxKindLabels: Record<InboxKind, string> = { lectureAssigned: '宣讲安排', mentorOverdue: '结对走访' };

export const inboxQuery = z.strictObject({ unread: z.enum(['true', 'false'], { error: 'unread 应为 true 或 false' }).optional() });
export const inboxItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;
export const inboxReply = z.object({ items: z.array(inboxItem), unread: z.number().int() });
export type InboxReply = z.infer<typeof inboxReply>;

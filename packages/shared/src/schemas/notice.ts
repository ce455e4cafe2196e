import { z } from 'zod';
import { id, limits, listQuery, queryBool, trimmed } from './common.js';

export const noticeLevels = ['normal', 'important', 'urgent'] as const;
export type NoticeLevel = (typeof noticeLevels)[number];
export const noticeLevelLabels: Record<NoticeLevel, string> = { normal: '一般', important: '重要', urgent: '紧急' };

export const noticeCreate = z.strictObject({
  title: trimmed(limits.shortText, '标题'),
  body: trimmed(limits.longText * 5, '正文'),
  level: z.enum(noticeLevels, { error: '请选择紧急程度' }).default('normal'),
  /** The org node it is addressed to (it and everything below); omit or null for everyone. */
  orgUnitId: id.nullable().optional(),
});
export type NoticeCreate = z.input<typeof noticeCreate>;

export const noticeListQuery = listQuery(['publishedAt', 'level'] as const).extend({
  unread: queryBool.optional(),
  level: z.enum(noticeLevels, { error: '紧急程度不正确' }).optional(),
});

export const notice = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  level: z.enum(noticeLevels),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  publishedBy: z.object({ id: z.string(), displayName: z.string() }),
  publishedAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type Notice = z.infer<typeof notice>;

export const noticePage = z.object({
  items: z.array(notice),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unread notices addressed to the caller (whatever the filters). */
  unreadCount: z.number().int(),
});

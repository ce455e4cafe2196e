import { z } from 'zod';
import { inboxKinds } from '../enums.js';

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

/** 待办提醒 settings: SMS delivery is off by default; `smsSender` names a sender registered on the server ('log' records only). */
export const inboxSettings = z.strictObject({
  smsEnabled: z.boolean({ error: '请选择是否发送短信' }),
  smsSender: z.string({ error: '请选择短信通道' }).trim().min(1, { error: '请选择短信通道' }).max(40, { error: '短信通道名称过长' }),
});
export type InboxSettings = z.infer<typeof inboxSettings>;
export const inboxSettingsView = inboxSettings.extend({ senders: z.array(z.string()) });

import { idParams, inboxQuery, inboxReply, okReply } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { remindersJob } from './reminders.js';

/** The caller's own inbox (only their own rows, ever), and the reminders job that fills it. */
export function inboxRoutes(app: App, platform: Platform) {
  const { db } = platform;
  platform.jobs.register(remindersJob());
  // Modules register after the platform synced its jobs: give this one its row before the server is ready.
  app.addHook('onReady', async () => {
    await platform.jobs.sync();
  });
  const tags = ['待办提醒'];

  app.get('/inbox', { schema: { tags, summary: '我的待办提醒（最近 100 条）', querystring: inboxQuery, response: { 200: inboxReply } }, config: { permission: 'authenticated' } }, async (req) => {
    const userId = actorOf(req).userId;
    let q = db.selectFrom('inboxItem').select(['id', 'kind', 'title', 'body', 'link', 'dueOn', 'createdAt', 'readAt']).where('userId', '=', userId);
    if (req.query.unread === 'true') q = q.where('readAt', 'is', null);
    const items = await q.orderBy('createdAt', 'desc').orderBy('id').limit(100).execute();
    const unread = await db.selectFrom('inboxItem').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirstOrThrow();
    return { items, unread: Number(unread.n) };
  });

  app.post('/inbox/:id/read', { schema: { tags, summary: '标记一条提醒为已读', params: idParams, response: { 200: okReply } }, config: { permission: 'authenticated' } }, async (req) => {
    const res = await db.updateTable('inboxItem').set({ readAt: new Date().toISOString() }).where('id', '=', req.params.id).where('userId', '=', actorOf(req).userId).where('readAt', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const mine = await db.selectFrom('inboxItem').select('id').where('id', '=', req.params.id).where('userId', '=', actorOf(req).userId).executeTakeFirst();
      if (!mine) throw new AppError('INBOX_ITEM_NOT_FOUND');
    }
    return { ok: true as const };
  });

  app.post('/inbox/read-all', { schema: { tags, summary: '全部标记为已读', response: { 200: okReply } }, config: { permission: 'authenticated' } }, async (req) => {
    await db.updateTable('inboxItem').set({ readAt: new Date().toISOString() }).where('userId', '=', actorOf(req).userId).where('readAt', 'is', null).execute();
    return { ok: true as const };
  });
}

import { idParams, inboxQuery, inboxReply, inboxSettings, inboxSettingsView, okReply } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { actorOf, auditActorOf } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { remindersJob } from './reminders.js';
import { loadInboxSettings, SETTINGS_KEY, smsSenderNames } from './sms.js';

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

  app.get('/inbox/settings', { schema: { tags, summary: '待办提醒设置（短信通道，默认关闭）', response: { 200: inboxSettingsView } }, config: { permission: 'setting:read' } }, async () => ({
    ...(await loadInboxSettings(db)),
    senders: smsSenderNames(),
  }));

  app.put('/inbox/settings', { schema: { tags, summary: '修改待办提醒设置（开启或关闭短信）', body: inboxSettings, response: { 200: inboxSettingsView } }, config: { permission: 'setting:update' } }, async (req) => {
    const actor = actorOf(req);
    if (!smsSenderNames().includes(req.body.smsSender)) throw new AppError('VALIDATION_FAILED', '短信通道不存在', [{ path: 'smsSender', message: '短信通道不存在' }]);
    const before = await loadInboxSettings(db);
    const now = new Date().toISOString();
    await platform.transaction(auditActorOf(req), async (trx, audit) => {
      const value = JSON.stringify(req.body);
      const existing = await trx.selectFrom('setting').select('key').where('key', '=', SETTINGS_KEY).executeTakeFirst();
      if (existing) await trx.updateTable('setting').set({ value, updatedAt: now, updatedBy: actor.userId }).where('key', '=', SETTINGS_KEY).execute();
      else await trx.insertInto('setting').values({ key: SETTINGS_KEY, value, updatedAt: now, updatedBy: actor.userId }).execute();
      await audit({ event: 'inbox.settings', objectType: 'setting', objectId: SETTINGS_KEY, summary: `待办提醒短信：${req.body.smsEnabled ? `开启（${req.body.smsSender}）` : '关闭'}`, detail: { before, after: req.body } });
    });
    return { ...(await loadInboxSettings(db)), senders: smsSenderNames() };
  });
}

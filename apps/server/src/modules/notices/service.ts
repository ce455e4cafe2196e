import { noticeLevelLabels } from '@gg/shared';
import type { z } from 'zod';
import type { noticeCreate, noticeListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { noticeRepository, type NoticeRow } from './repository.js';
import { noticePolicy } from './policy.js';
import { presentNotice } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof noticeCreate>;
type ListQuery = z.output<typeof noticeListQuery>;

export function createNoticeService(platform: Platform) {
  const repo = noticeRepository(platform.db);

  async function load(actor: Actor, id: string): Promise<NoticeRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('NOTICE_NOT_FOUND');
    return row;
  }

  return {
    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query, query);
      return { items: rows.map((r) => presentNotice(actor, r)), total, page: query.page, pageSize: query.pageSize, unreadCount: await repo.unreadCount(actor) };
    },

    async get(actor: Actor, id: string) {
      return presentNotice(actor, await load(actor, id));
    },

    async publish(actor: Actor, who: AuditActor, input: CreateInput) {
      let target: { id: string; name: string } | null = null;
      if (input.orgUnitId) {
        const node = await repo.orgUnitInScope(actor, input.orgUnitId);
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND', undefined, [{ path: 'orgUnitId', message: '组织不存在' }]);
        if (node.status !== 'active') throw new AppError('BAD_REQUEST', '该组织已停用，不能向其发布通知', [{ path: 'orgUnitId', message: '组织已停用' }]);
        target = node;
      } else if (!noticePolicy.publishToEveryone(actor)) {
        throw new AppError('FORBIDDEN', '只有全县范围的账号可以向所有人发布通知，请选择接收组织');
      }
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = noticeRepository(trx);
        await r.insert({ id, title: input.title, body: input.body, level: input.level, orgUnitId: target?.id ?? null, publishedBy: actor.userId, publishedAt: now });
        // The publisher has read what they wrote.
        await r.markRead(id, actor.userId, now);
        await audit({
          event: 'notice.publish', objectType: 'notice', objectId: id,
          summary: `发布通知：${input.title}（${noticeLevelLabels[input.level]}，${target ? `发给 ${target.name} 及下级` : '发给所有人'}）`,
          detail: { after: { title: input.title, level: input.level, orgUnitId: target?.id ?? null, bodyLength: input.body.length } },
        });
      });
      return this.get(actor, id);
    },

    async markRead(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      if (noticePolicy.markRead(actor, row)) {
        await platform.transaction(who, async (trx, audit) => {
          if (await noticeRepository(trx).markRead(id, actor.userId, new Date().toISOString())) {
            await audit({ event: 'notice.read', objectType: 'notice', objectId: id, summary: `阅读通知：${row.title}` });
          }
        });
      }
      return this.get(actor, id);
    },
  };
}

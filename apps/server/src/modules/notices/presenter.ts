import type { Notice, NoticeLevel } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { NoticeRow } from './repository.js';
import { noticeActions } from './policy.js';

export function presentNotice(actor: Actor, row: NoticeRow): Notice {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    level: row.level as NoticeLevel,
    orgUnit: row.orgUnitId ? { id: row.orgUnitId, name: row.orgUnitName ?? '…' } : null,
    publishedBy: { id: row.publishedBy, displayName: row.publisherName },
    publishedAt: row.publishedAt,
    read: Boolean(row.readAt),
    readAt: row.readAt,
    actions: noticeActions(actor, row),
  };
}

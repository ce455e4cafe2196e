import type { NotableDeed, NotableDeedStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import { parseIds } from '../targets/index.js';
import type { NotableDeedRow } from './repository.js';
import { notableDeedActions } from './policy.js';

export interface LinkNames {
  uploads: Map<string, string>;
  activities: Map<string, { id: string; title: string; date: string }>;
}

export function presentNotableDeed(actor: Actor, row: NotableDeedRow, links: LinkNames): NotableDeed {
  return {
    id: row.id,
    year: Number(row.year),
    memberUnitId: row.memberUnitId,
    orgUnitId: row.orgUnitId,
    ownerName: row.ownerName,
    title: row.title,
    description: row.description,
    deedDate: row.deedDate,
    uploads: parseIds(row.uploadIds).map((id) => ({ id, name: links.uploads.get(id) ?? '附件' })),
    activities: parseIds(row.activityIds).flatMap((id) => (links.activities.has(id) ? [links.activities.get(id)!] : [])),
    status: row.status as NotableDeedStatus,
    reviewNote: row.reviewNote,
    reviewedAt: row.reviewedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: notableDeedActions(actor, row),
  };
}

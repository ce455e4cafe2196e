import type { Target, TargetKind, TargetStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { TargetRow } from './repository.js';
import { targetActions } from './policy.js';
import { chinaToday } from './owner.js';

export const isOverdue = (t: { deadline: string | null; status: string }, today = chinaToday()) => Boolean(t.deadline && t.deadline < today && t.status !== 'completed');

export function presentTarget(actor: Actor, row: TargetRow): Target {
  return {
    id: row.id,
    year: Number(row.year),
    memberUnitId: row.memberUnitId,
    orgUnitId: row.orgUnitId,
    ownerName: row.ownerName,
    kind: row.kind as TargetKind,
    title: row.title,
    measure: row.measure,
    deadline: row.deadline,
    weight: Number(row.weight),
    owner: row.owner,
    status: row.status as TargetStatus,
    progressPercent: Number(row.progressPercent),
    overdue: isOverdue(row),
    activityCount: row.activityCount,
    completedAt: row.completedAt,
    confirmedAt: row.confirmedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: targetActions(actor, row),
  };
}

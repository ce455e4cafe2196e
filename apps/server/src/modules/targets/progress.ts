import type { z } from 'zod';
import type { targetProgressCreate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { targetRepository } from './repository.js';
import { targetPolicy } from './policy.js';
import { checkActivities, checkUploads } from './links.js';
import type { createTargetService } from './service.js';
import { newId } from '../../platform/db/ids.js';

type ProgressInput = z.output<typeof targetProgressCreate>;

/**
 * A progress report through the year: text, attachments and links to recorded activities (counted on the
 * target). 100% completes the target.
 */
export async function reportProgress(platform: Platform, service: ReturnType<typeof createTargetService>, actor: Actor, who: AuditActor, id: string, input: ProgressInput) {
  const row = await service.load(actor, id);
  if (!targetPolicy.reportProgress(actor, row)) throw new AppError('TARGET_STATE');
  await checkUploads(platform.db, actor, input.uploadIds);
  const activities = await checkActivities(platform.db, actor, input.activityIds);
  const now = new Date().toISOString();
  const progressId = newId();
  const completed = input.progressPercent === 100;
  await platform.transaction(who, async (trx, audit) => {
    const repo = targetRepository(trx);
    await repo.insertProgress(
      { id: progressId, targetId: id, reportDate: input.reportDate, progressPercent: input.progressPercent, note: input.note, uploadIds: JSON.stringify([...new Set(input.uploadIds)]), createdAt: now, createdBy: actor.userId },
      activities.map((a) => a.id),
    );
    await repo.update(id, { progressPercent: input.progressPercent, updatedAt: now, ...(completed && { status: 'completed', completedAt: now }) });
    await audit({
      event: 'target.progress', objectType: 'target', objectId: id,
      summary: `报告目标进展：${row.title}（${row.ownerName}）${input.progressPercent}%${completed ? '，已完成' : ''}`,
      detail: { progressId, before: { progressPercent: row.progressPercent, status: row.status }, after: { progressPercent: input.progressPercent, status: completed ? 'completed' : row.status }, activities: activities.length, uploads: input.uploadIds.length },
    });
  });
  return service.get(actor, id);
}

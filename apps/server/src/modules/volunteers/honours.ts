import type { z } from 'zod';
import { honourLevelLabels, type HonourLevel, type VolunteerHonour, type volunteerHonourCreate, type volunteerHonourUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { Updateable } from 'kysely';
import type { VolunteerHonourTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { volunteerPolicy } from './policy.js';
import type { VolunteerRow } from './repository.js';
import type { VolunteerService } from './service.js';
import { newId } from '../../platform/db/ids.js';

type HonourRow = Omit<VolunteerHonourTable, 'level' | 'onCertificate'> & { level: string; onCertificate: number; evidenceName: string | null };

/** Honours of one volunteer (newest first), with the evidence file's name. */
export async function honoursOf(db: Executor, volunteerId: string, period: { from?: string; to?: string; onCertificate?: boolean } = {}): Promise<HonourRow[]> {
  let q = db
    .selectFrom('volunteerHonour as h')
    .leftJoin('upload as u', 'u.id', 'h.evidenceUploadId')
    .selectAll('h')
    .select('u.originalName as evidenceName')
    .where('h.volunteerId', '=', volunteerId);
  if (period.from) q = q.where('h.awardedOn', '>=', period.from);
  if (period.to) q = q.where('h.awardedOn', '<=', period.to);
  if (period.onCertificate) q = q.where('h.onCertificate', '=', 1);
  return q.orderBy('h.awardedOn', 'desc').orderBy('h.createdAt', 'desc').orderBy('h.id').execute();
}

function present(actor: Actor, v: VolunteerRow, r: HonourRow): VolunteerHonour {
  return {
    id: r.id, volunteerId: r.volunteerId, title: r.title, level: r.level as HonourLevel, awardedBy: r.awardedBy, awardedOn: r.awardedOn,
    evidence: r.evidenceUploadId ? { id: r.evidenceUploadId, originalName: r.evidenceName ?? '附件' } : null,
    onCertificate: Number(r.onCertificate) === 1, remark: r.remark, createdAt: r.createdAt, updatedAt: r.updatedAt,
    actions: volunteerPolicy.manageHonours(actor, v) ? ['update', 'delete'] : [],
  };
}

const auditView = (r: { title: string; level: string; awardedBy?: string | null; awardedOn: string; evidenceUploadId?: string | null; onCertificate: boolean | number; remark?: string | null }) => ({
  title: r.title, level: r.level, awardedBy: r.awardedBy ?? null, awardedOn: r.awardedOn, evidenceUploadId: r.evidenceUploadId ?? null, onCertificate: Boolean(Number(r.onCertificate)), remark: r.remark ?? null,
});

/**
 * 表彰/荣誉 of a volunteer: list, add, edit, delete. Visibility follows the volunteer (out of scope = 404);
 * changes need volunteer:update and are audited; an evidence file must be one the actor may see.
 */
export function createHonourService(platform: Platform, volunteers: VolunteerService) {
  const { db } = platform;

  async function editable(actor: Actor, id: string) {
    const v = await volunteers.load(actor, id);
    if (!volunteerPolicy.manageHonours(actor, v)) throw new AppError('FORBIDDEN');
    return v;
  }

  async function checkEvidence(actor: Actor, uploadId: string | null | undefined) {
    if (!uploadId) return;
    const visible = await db
      .selectFrom('upload')
      .select('id')
      .where('id', '=', uploadId)
      .where((eb) => eb.or([eb('upload.createdBy', '=', actor.userId), inOrgScope(eb, actor, 'upload.orgUnitId')]))
      .executeTakeFirst();
    if (!visible) throw new AppError('UPLOAD_NOT_FOUND', undefined, [{ path: 'evidenceUploadId', message: '证明材料不存在，请重新上传' }]);
  }

  async function loadHonour(volunteerId: string, honourId: string) {
    const row = (await honoursOf(db, volunteerId)).find((h) => h.id === honourId);
    if (!row) throw new AppError('VOLUNTEER_HONOUR_NOT_FOUND');
    return row;
  }

  return {
    async list(actor: Actor, id: string) {
      const v = await volunteers.load(actor, id);
      return (await honoursOf(db, id)).map((r) => present(actor, v, r));
    },

    async create(actor: Actor, who: AuditActor, id: string, input: z.output<typeof volunteerHonourCreate>) {
      const v = await editable(actor, id);
      await checkEvidence(actor, input.evidenceUploadId);
      const honourId = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx
          .insertInto('volunteerHonour')
          .values({
            id: honourId, volunteerId: id, title: input.title, level: input.level, awardedBy: input.awardedBy ?? null, awardedOn: input.awardedOn,
            evidenceUploadId: input.evidenceUploadId ?? null, onCertificate: input.onCertificate ? 1 : 0, remark: input.remark ?? null,
            createdAt: new Date().toISOString(), createdBy: actor.userId, updatedAt: null,
          })
          .execute();
        await audit({
          event: 'volunteer.honour.add', objectType: 'volunteer', objectId: id,
          summary: `登记荣誉：${v.name} ${input.awardedOn} ${input.title}（${honourLevelLabels[input.level]}）`,
          detail: { honourId, after: auditView(input) },
        });
      });
      return present(actor, v, await loadHonour(id, honourId));
    },

    async update(actor: Actor, who: AuditActor, id: string, honourId: string, input: z.output<typeof volunteerHonourUpdate>) {
      const v = await editable(actor, id);
      const row = await loadHonour(id, honourId);
      if (input.evidenceUploadId && input.evidenceUploadId !== row.evidenceUploadId) await checkEvidence(actor, input.evidenceUploadId);
      const patch: Updateable<VolunteerHonourTable> = {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.level !== undefined && { level: input.level }),
        ...(input.awardedOn !== undefined && { awardedOn: input.awardedOn }),
        ...('awardedBy' in input && { awardedBy: input.awardedBy ?? null }),
        ...('evidenceUploadId' in input && { evidenceUploadId: input.evidenceUploadId ?? null }),
        ...(input.onCertificate !== undefined && { onCertificate: input.onCertificate ? 1 : 0 }),
        ...('remark' in input && { remark: input.remark ?? null }),
      };
      const { evidenceName: _e, ...before } = row;
      const diff = changes(before as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (Object.keys(diff.after).length === 0) return present(actor, v, row);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('volunteerHonour').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', honourId).where('volunteerId', '=', id).execute();
        await audit({ event: 'volunteer.honour.update', objectType: 'volunteer', objectId: id, summary: `编辑荣誉：${v.name} ${row.title}`, detail: { honourId, ...diff } });
      });
      return present(actor, v, await loadHonour(id, honourId));
    },

    async remove(actor: Actor, who: AuditActor, id: string, honourId: string) {
      const v = await editable(actor, id);
      const row = await loadHonour(id, honourId);
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('volunteerHonour').where('id', '=', honourId).where('volunteerId', '=', id).execute();
        await audit({ event: 'volunteer.honour.delete', objectType: 'volunteer', objectId: id, summary: `删除荣誉：${v.name} ${row.title}`, detail: { honourId, before: auditView(row) } });
      });
      return { ok: true as const };
    },
  };
}

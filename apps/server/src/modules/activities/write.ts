import type { ActivityTable } from '../../platform/db/schema.js';
import type { Executor } from '../../platform/db/database.js';
import { lockVolunteersForService, recordService, removeService } from '../volunteers/index.js';
import { activityRepository } from './repository.js';
import { bumpActivityStat, bumpVolunteerStat, sameCell, statKeyOf, type StatCell } from './stats.js';

export interface ParticipantInput {
  volunteerId: string;
  hours: number;
  role: 'lecturer' | 'participant';
}

export type ActivityValues = Omit<ActivityTable, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'audienceTotal'>;

/**
 * Write one activity and its participants inside the caller's transaction, and keep the volunteers'
 * service records in step (enter once, counted everywhere): every participant gets (or keeps) one
 * service record for this activity with its date and hours; anyone taken off loses theirs.
 * References are checked by the caller.
 */
export async function saveActivity(
  trx: Executor,
  input: { id: string; values: ActivityValues; participants: ParticipantInput[] | undefined; createdBy: string | null; isNew: boolean },
): Promise<{ audienceTotal: number; at: string }> {
  const repo = activityRepository(trx);
  const now = new Date().toISOString();
  const v = input.values;
  const audienceTotal = Number(v.audienceStudents) + Number(v.audienceYouth) + Number(v.audienceOther);
  let before: StatCell | undefined;
  if (input.isNew) {
    await repo.insert({ id: input.id, audienceTotal, createdAt: now, updatedAt: now, createdBy: input.createdBy, ...v });
  } else {
    const key = await statKeyOf(trx, input.id);
    if (key) await bumpActivityStat(trx, key, -1);
    before = key;
    await repo.update(input.id, { audienceTotal, updatedAt: now, ...v });
  }
  const previous = input.isNew ? [] : await repo.participants(input.id);
  const participants = input.participants ?? previous.map((p) => ({ volunteerId: p.volunteerId, hours: p.hoursTenths / 10, role: p.role as ParticipantInput['role'] }));
  // The summary table follows in the same transaction (stats.ts).
  const hoursTenths = participants.reduce((sum, p) => sum + Math.round(p.hours * 10), 0);
  await bumpActivityStat(trx, { orgUnitId: v.orgUnitId, activityDate: v.activityDate, type: v.type, audienceTotal, hoursTenths }, 1);
  if (input.participants) {
    await repo.replaceParticipants(
      input.id,
      input.isNew,
      participants.map((p) => ({ activityId: input.id, volunteerId: p.volunteerId, role: p.role, hoursTenths: Math.round(p.hours * 10) })),
    );
  }
  const keep = new Set(participants.map((p) => p.volunteerId));
  const removed = previous.filter((p) => !keep.has(p.volunteerId)).map((p) => p.volunteerId);
  await inServiceOrder(trx, [...participants.map((p) => p.volunteerId), ...removed], async (volunteerId, lockedNode) => {
    const p = participants.find((x) => x.volunteerId === volunteerId);
    if (!p) {
      await removeService(trx, { source: 'activity', sourceId: input.id, volunteerId, lockedNode });
      return;
    }
    await recordService(trx, {
      volunteerId, source: 'activity', sourceId: input.id, date: v.activityDate, hours: p.hours,
      description: `${p.role === 'lecturer' ? '主讲' : '参与'}：${v.title}`, createdBy: input.createdBy, lockedNode, newSource: input.isNew,
    });
  });
  // The volunteers per cell (stats.ts), while every volunteer this write touches stays locked (inServiceOrder).
  await followVolunteerStat(trx, before, v, previous.map((p) => p.volunteerId), [...keep]);
  // What a caller needs to show a new activity without reading it back: the computed total and the time written.
  return { audienceTotal, at: now };
}

/** activity_volunteer_stat after one activity's write: its cell and participants before (`was`) and now. */
async function followVolunteerStat(trx: Executor, before: StatCell | undefined, now: StatCell, was: string[], is: string[]): Promise<void> {
  if (before && sameCell(before, now)) {
    const wasSet = new Set(was);
    const isSet = new Set(is);
    await bumpVolunteerStat(trx, now, was.filter((id) => !isSet.has(id)), -1);
    await bumpVolunteerStat(trx, now, is.filter((id) => !wasSet.has(id)), 1);
    return;
  }
  if (before) await bumpVolunteerStat(trx, before, was, -1);
  await bumpVolunteerStat(trx, now, is, 1);
}

/**
 * Run `fn` for each volunteer whose service an activity write changes, with every volunteer's row locked first (in id
 * order) and then in order of node and id: the nodes' hour rows (volunteers/volunteerStat.ts) are taken in one order
 * by every activity write, so two of them on PostgreSQL wait for each other instead of deadlocking (SQLite's writers
 * are serial anyway).
 */
async function inServiceOrder(trx: Executor, volunteerIds: string[], fn: (volunteerId: string, lockedNode: string | undefined) => Promise<void>): Promise<void> {
  const nodeOf = await lockVolunteersForService(trx, volunteerIds);
  const key = (id: string) => `${nodeOf.get(id) ?? ''}\u0000${id}`;
  for (const id of [...new Set(volunteerIds)].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))) await fn(id, nodeOf.get(id));
}

/** Delete an activity, its participants and the service records it gave. */
export async function deleteActivity(trx: Executor, id: string): Promise<void> {
  const before = await statKeyOf(trx, id);
  if (before) await bumpActivityStat(trx, before, -1);
  const participants = await activityRepository(trx).participants(id);
  await inServiceOrder(trx, participants.map((p) => p.volunteerId), (volunteerId, lockedNode) => removeService(trx, { source: 'activity', sourceId: id, volunteerId, lockedNode }).then(() => undefined));
  // The volunteers are locked by now (inServiceOrder).
  if (before) await bumpVolunteerStat(trx, before, participants.map((p) => p.volunteerId), -1);
  // Anything left (a service row whose participant row is gone) goes too.
  await removeService(trx, { source: 'activity', sourceId: id });
  await activityRepository(trx).remove(id);
}

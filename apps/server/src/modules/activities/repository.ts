import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { onSqlite, type Executor } from '../../platform/db/database.js';
import type { ActivityTable, ActivityVolunteerTable } from '../../platform/db/schema.js';
import type { ParticipantRow } from './presenter.js';
import { activityUnderPath, activityVisible } from './scope.js';
import { statsAnswer, statsCount, unfiltered } from './stats.js';
import { servingVolunteers, volunteerNameColumns, volunteerNames, volunteerPickList } from '../volunteers/index.js';

export type ActivityRow = ActivityTable & { orgUnitName: string; memberUnitName: string | null; baseName: string | null; campaignName: string | null };

const sortColumns = { date: 'activity.activityDate', title: 'activity.title', audienceTotal: 'activity.audienceTotal', createdAt: 'activity.createdAt' } as const;

/** One row of the activity export: the exported columns, the participants' names and their hours. */
export type ActivityExportRow = Pick<ActivityTable, 'id' | 'activityDate' | 'title' | 'type' | 'studyLevel' | 'venue' | 'audienceStudents' | 'audienceYouth' | 'audienceOther' | 'audienceTotal'> & {
  orgUnitName: string;
  memberUnitName: string | null;
  baseName: string | null;
  campaignName: string | null;
  volunteerNames: string | null;
  hours: number;
};

export interface ActivityFilter {
  type?: string;
  from?: string;
  to?: string;
  /** Materialised path of the org node asked for: activities at it and below. */
  underPath?: string;
  campaignId?: string;
  baseId?: string;
  memberUnitId?: string;
  volunteerId?: string;
  q?: string;
}

/** The order participants are shown in: lecturers first, then by the name's pinyin. */
export const participantOrder = (a: { role: string; pinyin: string }, b: { role: string; pinyin: string }) =>
  a.role < b.role ? -1 : a.role > b.role ? 1 : a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : 0;

/** All SQL for activities. Every read takes the actor and filters by `activityVisible`. */
export function activityRepository(db: Executor) {
  const conditions = (actor: Actor, f: ActivityFilter) => {
    const list: ((eb: any) => Expression<SqlBool>)[] = [(eb) => activityVisible(eb, actor)];
    if (f.type) list.push((eb) => eb('activity.type', '=', f.type));
    if (f.from) list.push((eb) => eb('activity.activityDate', '>=', f.from));
    if (f.to) list.push((eb) => eb('activity.activityDate', '<=', f.to));
    if (f.underPath) list.push(() => activityUnderPath(f.underPath!));
    if (f.campaignId) list.push((eb) => eb('activity.campaignId', '=', f.campaignId));
    if (f.baseId) list.push((eb) => eb('activity.baseId', '=', f.baseId));
    if (f.memberUnitId) list.push((eb) => eb('activity.memberUnitId', '=', f.memberUnitId));
    if (f.volunteerId) list.push(() => sql<SqlBool>`activity.id IN (SELECT activity_id FROM activity_volunteer WHERE volunteer_id = ${f.volunteerId})`);
    if (f.q) list.push((eb) => eb('activity.title', 'like', `%${f.q!.replace(/[%_\\]/g, '')}%`));
    return (eb: any) => eb.and(list.map((c) => c(eb)));
  };

  const withNames = () =>
    db
      .selectFrom('activity')
      .innerJoin('orgUnit', 'orgUnit.id', 'activity.orgUnitId')
      .leftJoin('memberUnit', 'memberUnit.id', 'activity.memberUnitId')
      .leftJoin('educationBase', 'educationBase.id', 'activity.baseId')
      .leftJoin('campaign', 'campaign.id', 'activity.campaignId')
      .selectAll('activity')
      .select(['orgUnit.name as orgUnitName', 'memberUnit.name as memberUnitName', 'educationBase.name as baseName', 'campaign.name as campaignName']);

  /** Participants with their names, in the order they are shown; the caller's condition picks the activities. */
  const participantsWhere = async (where: (eb: any) => Expression<SqlBool>): Promise<(ParticipantRow & { pinyin: string })[]> => {
    const rows = await db
      .selectFrom('activityVolunteer')
      .select(['activityVolunteer.activityId', 'activityVolunteer.volunteerId', 'activityVolunteer.role', 'activityVolunteer.hoursTenths', ...volunteerNameColumns('activityVolunteer.volunteerId')])
      .where(where)
      .execute();
    return rows
      .map((r) => ({ activityId: r.activityId, volunteerId: r.volunteerId, role: r.role, hoursTenths: r.hoursTenths, name: r.volunteerName ?? '…', pinyin: r.volunteerPinyin ?? '' }))
      .sort(participantOrder);
  };

  /**
   * A list's total. Everything, for an actor who sees everything: SQLite counts a table without a WHERE from its
   * b-tree pages (0.13 ms for 262k activities) — cheaper than summing the monthly summary (4.4 ms) or counting with
   * one (1.9 ms); PostgreSQL would read every row, so there the summary answers. With filters the summary table
   * holds (node, type, whole months) the total is a sum over a few hundred rows (at 10M activities on PostgreSQL
   * the list runs at twice its raw SQL floor, BENCHMARKS.md).
   */
  const total = async (actor: Actor, f: ActivityFilter): Promise<number> => {
    if (unfiltered(actor, f) && onSqlite(db)) return Number((await db.selectFrom('activity').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return statsAnswer(actor, f) ? statsCount(db, actor, f) : count(actor, f);
  };

  const count = async (actor: Actor, f: ActivityFilter): Promise<number> => {
    const row = await db.selectFrom('activity').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, f)).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  return {
    async findVisible(actor: Actor, id: string): Promise<ActivityRow | undefined> {
      return withNames().where('activity.id', '=', id).where((eb) => activityVisible(eb, actor)).executeTakeFirst();
    },

    async list(actor: Actor, f: ActivityFilter, page: { page: number; pageSize: number; sort?: string }) {
      const key = (page.sort?.replace(/^-/, '') ?? 'date') as keyof typeof sortColumns;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      // The page's ids first — from the indexes alone where they hold the filter and the order — then those rows with
      // their names. As one query SQLite joined every candidate's names before sorting (issue 10).
      const pageIds = db
        .selectFrom('activity')
        .select('activity.id')
        .where(conditions(actor, f))
        .orderBy(sortColumns[key], dir)
        // The tie-breaker runs the same way, so an index on (column, id) serves the page without sorting every match.
        .orderBy('activity.id', dir)
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize);
      // The page, its participants (by the same page query) and the total in flight at once: one wait for a reader
      // thread or PostgreSQL's pool instead of three in turn.
      const [rows, participants, n] = await Promise.all([
        withNames().where('activity.id', 'in', pageIds).orderBy(sortColumns[key], dir).orderBy('activity.id', dir).execute(),
        participantsWhere((eb) => eb('activityVolunteer.activityId', 'in', pageIds)),
        total(actor, f),
      ]);
      return { rows, total: n, participants };
    },

    count,

    /**
     * The export: everything matching, newest first, in pages, with each activity's participants (names joined by 、,
     * lecturers first, then by pinyin) and hours. Month by month, and within a month by keyset on (date, id): scope and
     * filters lead the planner to the org-unit index, so each query sorts what it reads; bounding it to one month keeps
     * that sort small however many activities there are (a keyset over all of them re-sorted the rest per page).
     * Only the exported columns are read (reading whole rows and turning them into objects was most of the time), the
     * participants of a page in one query per 1,000 activities, and the name of a volunteer, node, member unit, base or
     * campaign once per export (bounded caches that start over when full, so memory stays flat) instead of four joins a row.
     */
    async *exportPages(actor: Actor, f: ActivityFilter, size = 2000): AsyncIterable<ActivityExportRow[]> {
      const span = await db
        .selectFrom('activity')
        .select((eb) => [eb.fn.min<string>('activity.activityDate').as('first'), eb.fn.max<string>('activity.activityDate').as('last')])
        .where(conditions(actor, f))
        .executeTakeFirst();
      if (!span?.first || !span.last) return;
      const names = new Map<string, { name: string; namePinyin: string }>();
      const refs = referenceNames(db);
      for (let month = span.last.slice(0, 7); month >= span.first.slice(0, 7); month = previousMonth(month)) {
        let after: { date: string; id: string } | undefined;
        for (;;) {
          const from = after;
          let q = db
            .selectFrom('activity')
            .select([
              'activity.id', 'activity.activityDate', 'activity.title', 'activity.type', 'activity.studyLevel', 'activity.venue',
              'activity.audienceStudents', 'activity.audienceYouth', 'activity.audienceOther', 'activity.audienceTotal',
              'activity.orgUnitId', 'activity.memberUnitId', 'activity.baseId', 'activity.campaignId',
            ])
            .where(conditions(actor, f))
            .where('activity.activityDate', '>=', `${month}-01`)
            .where('activity.activityDate', '<=', `${month}-31`);
          if (from) q = q.where((eb) => eb(eb.refTuple('activity.activityDate', 'activity.id'), '<', eb.tuple(from.date, from.id)));
          const rows = await q.orderBy('activity.activityDate', 'desc').orderBy('activity.id', 'desc').limit(size).execute();
          if (rows.length) {
            const people = new Map<string, { volunteerId: string; role: string; hoursTenths: number }[]>();
            for (let i = 0; i < rows.length; i += 1000) {
              const found = await db
                .selectFrom('activityVolunteer')
                .select(['activityVolunteer.activityId', 'activityVolunteer.volunteerId', 'activityVolunteer.role', 'activityVolunteer.hoursTenths'])
                .where('activityVolunteer.activityId', 'in', rows.slice(i, i + 1000).map((r) => r.id))
                .execute();
              for (const p of found) {
                const list = people.get(p.activityId);
                if (list) list.push(p);
                else people.set(p.activityId, [p]);
              }
            }
            await refs.learn(rows);
            const onPage = new Set<string>();
            for (const list of people.values()) for (const p of list) onPage.add(p.volunteerId);
            let unknown = [...onPage].filter((id) => !names.has(id));
            if (names.size + unknown.length > 50_000) {
              names.clear();
              unknown = [...onPage];
            }
            for (const [id, v] of await volunteerNames(db, unknown)) names.set(id, v);
            yield rows.map((r) => {
              const list = people.get(r.id);
              let volunteerNames: string | null = null;
              let hours = 0;
              if (list) {
                const named = list.map((p) => ({ role: p.role, name: names.get(p.volunteerId)?.name ?? '…', pinyin: names.get(p.volunteerId)?.namePinyin ?? '' }));
                named.sort(byRoleThenPinyin);
                volunteerNames = named.map((p) => p.name).join('、');
                hours = list.reduce((s, p) => s + p.hoursTenths, 0) / 10;
              }
              return {
                id: r.id, activityDate: r.activityDate, title: r.title, type: r.type, studyLevel: r.studyLevel, venue: r.venue,
                audienceStudents: r.audienceStudents, audienceYouth: r.audienceYouth, audienceOther: r.audienceOther, audienceTotal: r.audienceTotal,
                orgUnitName: refs.name('orgUnit', r.orgUnitId) ?? '', memberUnitName: refs.name('memberUnit', r.memberUnitId), baseName: refs.name('educationBase', r.baseId),
                campaignName: refs.name('campaign', r.campaignId), volunteerNames, hours,
              };
            });
          }
          if (rows.length < size) break;
          const last = rows[rows.length - 1];
          after = { date: last.activityDate, id: last.id };
        }
      }
    },

    /** Participants of many activities (names from the volunteers module), lecturers first, then by pinyin. */
    async volunteersOf(activityIds: string[]): Promise<(ParticipantRow & { pinyin: string })[]> {
      const rows: (ParticipantRow & { pinyin: string })[] = [];
      // Chunks keep the bound parameters well under both databases' limits (exports ask for many).
      for (let i = 0; i < activityIds.length; i += 1000) {
        const chunk = activityIds.slice(i, i + 1000);
        rows.push(...(await participantsWhere((eb) => eb('activityVolunteer.activityId', 'in', chunk))));
      }
      return rows.sort(participantOrder);
    },

    async calendar(actor: Actor, f: ActivityFilter) {
      return db
        .selectFrom('activity')
        .select(['activity.activityDate as date', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number>('activity.audienceTotal').as('audience')])
        .where(conditions(actor, f))
        .groupBy('activity.activityDate')
        .orderBy('activity.activityDate')
        .execute();
    },

    async totals(actor: Actor, f: ActivityFilter) {
      const a = await db
        .selectFrom('activity')
        .select([(eb) => eb.fn.countAll<number>().as('activities'), (eb) => eb.fn.sum<number>('activity.audienceTotal').as('audience')])
        .where(conditions(actor, f))
        .executeTakeFirstOrThrow();
      const v = await db
        .selectFrom('activityVolunteer')
        .innerJoin('activity', 'activity.id', 'activityVolunteer.activityId')
        .select([sql<number>`COUNT(DISTINCT activity_volunteer.volunteer_id)`.as('volunteers'), (eb) => eb.fn.sum<number>('activityVolunteer.hoursTenths').as('tenths')])
        .where(conditions(actor, f))
        .executeTakeFirstOrThrow();
      return { activities: Number(a.activities), audience: Number(a.audience ?? 0), volunteers: Number(v.volunteers), volunteerHours: Number(v.tenths ?? 0) / 10 };
    },

    /** Activities and audience per org node (reports fold the nodes into townships). */
    async byNode(actor: Actor, f: ActivityFilter) {
      return db
        .selectFrom('activity')
        .select(['activity.orgUnitId', (eb) => eb.fn.countAll<number>().as('activities'), (eb) => eb.fn.sum<number>('activity.audienceTotal').as('audience')])
        .where(conditions(actor, f))
        .groupBy('activity.orgUnitId')
        .execute();
    },

    async byType(actor: Actor, f: ActivityFilter) {
      return db
        .selectFrom('activity')
        .select(['activity.type', (eb) => eb.fn.countAll<number>().as('activities'), (eb) => eb.fn.sum<number>('activity.audienceTotal').as('audience')])
        .where(conditions(actor, f))
        .groupBy('activity.type')
        .execute();
    },

    async byMonth(actor: Actor, f: ActivityFilter) {
      const month = sql<string>`substr(activity.activity_date, 1, 7)`;
      return db
        .selectFrom('activity')
        .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('activities'), (eb) => eb.fn.sum<number>('activity.audienceTotal').as('audience')])
        .where(conditions(actor, f))
        .groupBy(month)
        .orderBy(month)
        .execute();
    },

    /**
     * Totals grouped by campaign or base, for many at once (one GROUP BY each, no N+1),
     * counted only over the activities the actor may see.
     */
    async totalsBy(actor: Actor, key: 'campaignId' | 'baseId', ids: string[]) {
      if (!ids.length) return [];
      const col = key === 'campaignId' ? 'activity.campaignId' : 'activity.baseId';
      const raw = key === 'campaignId' ? sql.ref('activity.campaignId') : sql.ref('activity.baseId');
      const a = await db
        .selectFrom('activity')
        .select([
          sql<string>`${raw}`.as('key'),
          (eb) => eb.fn.countAll<number>().as('activities'),
          (eb) => eb.fn.sum<number>('activity.audienceTotal').as('audience'),
          (eb) => eb.fn.max<string>('activity.activityDate').as('lastDate'),
        ])
        .where(col, 'in', ids)
        .where((eb) => activityVisible(eb, actor))
        .groupBy(col)
        .execute();
      const v = await db
        .selectFrom('activityVolunteer')
        .innerJoin('activity', 'activity.id', 'activityVolunteer.activityId')
        .select([
          sql<string>`${raw}`.as('key'),
          sql<number>`COUNT(DISTINCT activity_volunteer.volunteer_id)`.as('volunteers'),
          (eb) => eb.fn.sum<number>('activityVolunteer.hoursTenths').as('tenths'),
        ])
        .where(col, 'in', ids)
        .where((eb) => activityVisible(eb, actor))
        .groupBy(col)
        .execute();
      const vol = new Map(v.map((r) => [r.key, r]));
      return a.map((r) => ({
        key: r.key,
        activities: Number(r.activities),
        audience: Number(r.audience ?? 0),
        lastDate: r.lastDate ?? null,
        volunteers: Number(vol.get(r.key)?.volunteers ?? 0),
        volunteerHours: Number(vol.get(r.key)?.tenths ?? 0) / 10,
      }));
    },

    async insert(row: ActivityTable) {
      await db.insertInto('activity').values(row).execute();
    },
    async update(id: string, patch: Partial<ActivityTable>) {
      await db.updateTable('activity').set(patch).where('id', '=', id).execute();
    },
    async remove(id: string) {
      await db.deleteFrom('activityVolunteer').where('activityId', '=', id).execute();
      await db.deleteFrom('activity').where('id', '=', id).execute();
    },
    async participants(id: string) {
      return db.selectFrom('activityVolunteer').selectAll().where('activityId', '=', id).execute();
    },
    /** The activity's participants become `rows`; a new activity has none to remove. */
    async replaceParticipants(id: string, isNew: boolean, rows: ActivityVolunteerTable[]) {
      if (!isNew) await db.deleteFrom('activityVolunteer').where('activityId', '=', id).execute();
      if (rows.length) await db.insertInto('activityVolunteer').values(rows).execute();
    },

    // ---- references an activity points to (one query each)
    async orgUnit(id: string) {
      return db.selectFrom('orgUnit').select(['id', 'name', 'path', 'kind', 'status']).where('id', '=', id).executeTakeFirst();
    },
    async orgUnitVisible(actor: Actor, id: string, inScope: (eb: any) => Expression<SqlBool>) {
      return db.selectFrom('orgUnit').select(['id', 'name', 'path', 'kind', 'status']).where('id', '=', id).where(inScope).executeTakeFirst();
    },
    async activeMemberUnit(id: string) {
      return db.selectFrom('memberUnit').select(['id', 'name']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    },
    async activeBase(id: string) {
      return db.selectFrom('educationBase').select(['id', 'name']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    },
    async activeCampaign(id: string) {
      return db.selectFrom('campaign').select(['id', 'name']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    },
    /** Volunteers in service among these ids (the corps is county-wide: any serving elder may take part). */
    async servingVolunteers(ids: string[]) {
      return servingVolunteers(db, ids);
    },
    async volunteerOptions(q: string | undefined, limit: number) {
      return volunteerPickList(db, q, limit);
    },
    async visibleUploads(actor: Actor, ids: string[], inScope: (eb: any) => Expression<SqlBool>) {
      if (!ids.length) return [];
      return db.selectFrom('upload').select('id').where('id', 'in', ids).where((eb) => eb.or([eb('upload.createdBy', '=', actor.userId), inScope(eb)])).execute();
    },
  };
}

/** Names of the nodes, member units, bases and campaigns activities point to, each read once (up to 50,000 kept a kind). */
function referenceNames(db: Executor) {
  const tables = ['orgUnit', 'memberUnit', 'educationBase', 'campaign'] as const;
  type Kind = (typeof tables)[number];
  const known: Record<Kind, Map<string, string>> = { orgUnit: new Map(), memberUnit: new Map(), educationBase: new Map(), campaign: new Map() };
  const idOf = { orgUnit: 'orgUnitId', memberUnit: 'memberUnitId', educationBase: 'baseId', campaign: 'campaignId' } as const;
  return {
    async learn(rows: Pick<ActivityTable, 'orgUnitId' | 'memberUnitId' | 'baseId' | 'campaignId'>[]) {
      for (const kind of tables) {
        const map = known[kind];
        const ids = new Set(rows.map((r) => r[idOf[kind]]).filter((id): id is string => !!id));
        let missing = [...ids].filter((id) => !map.has(id));
        if (!missing.length) continue;
        // Full: start over with this page's names (so the page never misses one it had).
        if (map.size + missing.length > 50_000) {
          map.clear();
          missing = [...ids];
        }
        for (let i = 0; i < missing.length; i += 1000) {
          const found = await db.selectFrom(kind as 'orgUnit').select(['id', 'name']).where('id', 'in', missing.slice(i, i + 1000)).execute();
          for (const r of found) map.set(r.id, r.name);
        }
      }
    },
    name(kind: Kind, id: string | null): string | null {
      return id ? known[kind].get(id) ?? null : null;
    },
  };
}

/** Participants in the order lists show them: lecturers first (the role's code), then by pinyin. */
function byRoleThenPinyin(a: { role: string; pinyin: string }, b: { role: string; pinyin: string }): number {
  return a.role < b.role ? -1 : a.role > b.role ? 1 : a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : 0;
}

/** 'YYYY-MM' of the month before. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

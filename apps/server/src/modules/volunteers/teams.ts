import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import {
  volunteerTeamKindLabels,
  volunteerTeamRoleLabels,
  type VolunteerTeam,
  type VolunteerTeamKind,
  type VolunteerTeamRole,
  type volunteerTeamCreate,
  type volunteerTeamListQuery,
  type volunteerTeamUpdate,
} from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { can, subtreeUpperBound } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { VolunteerTeamTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { orgUnitRepository } from '../orgUnits/repository.js';
import { escapeLike, orgNodes } from './repository.js';
import { hoursOf } from './presenter.js';
import { serviceRecords } from './serviceRecords.js';
import { volunteerPolicy } from './policy.js';
import type { VolunteerService } from './service.js';
import { newId } from '../../platform/db/ids.js';

type TeamRow = VolunteerTeamTable & { memberCount: number; hoursTenths: number };

/** Teams belong to an org node; the org-scope filter applies to them like to any org-owned data. */
function teamVisible(eb: ExpressionBuilder<Database, 'volunteerTeam'>, actor: Actor): Expression<SqlBool> {
  // A volunteer account (scope self) sees the teams it is a member of.
  if (actor.scope.self && !actor.scope.all && actor.scope.subtreePaths.length === 0 && actor.scope.nodeIds.length === 0) {
    return sql<SqlBool>`volunteer_team.id IN (SELECT tm.team_id FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id WHERE v.user_id = ${actor.userId})`;
  }
  return inOrgScope(eb, actor, 'volunteerTeam.orgUnitId');
}

const teamPolicy = {
  update: (actor: Actor, _t: TeamRow) => can(actor, 'volunteer:update'),
  manageMembers: (actor: Actor, t: TeamRow) => can(actor, 'volunteer:update') && t.status === 'active',
};
const teamActions = (actor: Actor, t: TeamRow) => (Object.keys(teamPolicy) as (keyof typeof teamPolicy)[]).filter((a) => teamPolicy[a](actor, t));

const sortColumns = { name: 'volunteerTeam.name', kind: 'volunteerTeam.kind', createdAt: 'volunteerTeam.createdAt' } as const;

function teamRepository(db: Executor) {
  const base = (actor: Actor) =>
    db
      .selectFrom('volunteerTeam')
      .selectAll('volunteerTeam')
      .select(sql<number>`(SELECT COUNT(*) FROM volunteer_team_member m WHERE m.team_id = volunteer_team.id)`.as('memberCount'))
      .select(sql<number>`(SELECT COALESCE(SUM(s.hours_tenths), 0) FROM volunteer_service s WHERE s.team_id = volunteer_team.id)`.as('hoursTenths'))
      .where((eb) => teamVisible(eb, actor));
  const norm = <T extends { memberCount: number | string; hoursTenths: number | string }>(r: T) => ({ ...r, memberCount: Number(r.memberCount), hoursTenths: Number(r.hoursTenths) });
  return {
    async find(actor: Actor, id: string): Promise<TeamRow | undefined> {
      const r = await base(actor).where('volunteerTeam.id', '=', id).executeTakeFirst();
      return r ? norm(r) : undefined;
    },
    async list(actor: Actor, f: { q?: string; kind?: string; status?: string; underPath?: string }, page: { page: number; pageSize: number; sort?: string }) {
      const apply = <Q extends { where: (...a: any[]) => any }>(q: Q): Q => {
        let r = q as any;
        if (f.q) r = r.where('volunteerTeam.name', 'like', `%${escapeLike(f.q)}%`);
        if (f.kind) r = r.where('volunteerTeam.kind', '=', f.kind);
        if (f.status) r = r.where('volunteerTeam.status', '=', f.status);
        if (f.underPath) r = r.where(sql<SqlBool>`volunteer_team.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${f.underPath} AND path < ${subtreeUpperBound(f.underPath)})`);
        return r as Q;
      };
      const key = (page.sort?.replace(/^-/, '') ?? 'createdAt') as keyof typeof sortColumns;
      const rows = await apply(base(actor))
        .orderBy(sortColumns[key], page.sort?.startsWith('-') ? 'desc' : 'asc')
        .orderBy('volunteerTeam.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await apply(db.selectFrom('volunteerTeam').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => teamVisible(eb, actor))).executeTakeFirstOrThrow();
      return { rows: rows.map(norm), total: Number(count.n) };
    },
    async nameTaken(orgUnitId: string, name: string, exceptId?: string) {
      let q = db.selectFrom('volunteerTeam').select('id').where('orgUnitId', '=', orgUnitId).where('name', '=', name);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },
    async members(teamId: string) {
      return db
        .selectFrom('volunteerTeamMember as m')
        .innerJoin('volunteer as v', 'v.id', 'm.volunteerId')
        .select(['m.volunteerId', 'v.name', 'v.category', 'v.orgUnitId', 'v.status', 'm.role', 'm.joinedOn'])
        .where('m.teamId', '=', teamId)
        .orderBy(sql`CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END`)
        .orderBy('v.namePinyin')
        .execute();
    },
    async topics(teamId: string) {
      return db.selectFrom('volunteerTeamTopic').select(['id', 'title', 'summary', 'sortOrder']).where('teamId', '=', teamId).orderBy('sortOrder').orderBy('createdAt').execute();
    },
  };
}

export function createTeamService(platform: Platform, volunteers: VolunteerService) {
  const { db } = platform;
  const repo = teamRepository(db);
  const orgRepo = orgUnitRepository(db);

  async function load(actor: Actor, id: string) {
    const row = await repo.find(actor, id);
    if (!row) throw new AppError('VOLUNTEER_TEAM_NOT_FOUND');
    return row;
  }
  async function present(actor: Actor, rows: TeamRow[]): Promise<VolunteerTeam[]> {
    const nodes = await orgNodes(db, rows.map((r) => r.orgUnitId));
    return rows.map((r) => ({
      id: r.id, orgUnitId: r.orgUnitId, orgUnitName: nodes.get(r.orgUnitId)?.name ?? '…', kind: r.kind as VolunteerTeamKind, name: r.name,
      description: r.description, foundedOn: r.foundedOn, status: r.status as VolunteerTeam['status'], memberCount: r.memberCount,
      totalHours: hoursOf(r.hoursTenths), createdAt: r.createdAt, updatedAt: r.updatedAt, actions: teamActions(actor, r),
    }));
  }
  const requireAllowed = (ok: boolean) => {
    if (!ok) throw new AppError('FORBIDDEN');
  };
  const touch = (trx: Executor, id: string) => trx.updateTable('volunteerTeam').set({ updatedAt: new Date().toISOString() }).where('id', '=', id).execute();

  return {
    async list(actor: Actor, query: z.output<typeof volunteerTeamListQuery>) {
      let underPath: string | undefined;
      if (query.orgUnitId) {
        const node = await orgRepo.findInScope(actor, query.orgUnitId);
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
        underPath = node.path;
      }
      const { rows, total } = await repo.list(actor, { underPath, ...query }, query);
      return { items: await present(actor, rows), total, page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string) {
      const row = await load(actor, id);
      const [team] = await present(actor, [row]);
      const members = await repo.members(id);
      const nodes = await orgNodes(db, members.map((m) => m.orgUnitId));
      const history = await serviceRecords(db, { teamId: id }, { page: 1, pageSize: 50 });
      return {
        ...team,
        members: members.map((m) => ({
          volunteerId: m.volunteerId, name: m.name, category: m.category as never, orgUnitName: nodes.get(m.orgUnitId)?.name ?? '…',
          role: m.role as VolunteerTeamRole, joinedOn: m.joinedOn, status: m.status as never,
        })),
        topics: await repo.topics(id),
        history: history.items,
      };
    },

    async create(actor: Actor, who: AuditActor, input: z.output<typeof volunteerTeamCreate>) {
      const node = await orgRepo.findInScope(actor, input.orgUnitId);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND', undefined, [{ path: 'orgUnitId', message: '所属组织不存在或不在您的管理范围内' }]);
      if (await repo.nameTaken(input.orgUnitId, input.name)) throw new AppError('VOLUNTEER_TEAM_NAME_TAKEN', undefined, [{ path: 'name', message: '同一组织下已有同名队伍' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx
          .insertInto('volunteerTeam')
          .values({ id, orgUnitId: input.orgUnitId, kind: input.kind, name: input.name, description: input.description ?? null, status: 'active', foundedOn: input.foundedOn ?? null, createdAt: now, updatedAt: now, createdBy: actor.userId })
          .execute();
        await audit({ event: 'volunteerTeam.create', objectType: 'volunteerTeam', objectId: id, summary: `新建队伍：${input.name}（${volunteerTeamKindLabels[input.kind]}）`, detail: { after: input } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: z.output<typeof volunteerTeamUpdate>) {
      const row = await load(actor, id);
      requireAllowed(teamPolicy.update(actor, row));
      if (input.name && (await repo.nameTaken(row.orgUnitId, input.name, id))) throw new AppError('VOLUNTEER_TEAM_NAME_TAKEN', undefined, [{ path: 'name', message: '同一组织下已有同名队伍' }]);
      const patch: Partial<VolunteerTeamTable> = {
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.name !== undefined && { name: input.name }),
        ...('description' in input && { description: input.description ?? null }),
        ...(input.foundedOn !== undefined && { foundedOn: input.foundedOn }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (Object.keys(diff.after).length === 0) return this.get(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('volunteerTeam').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
        await audit({ event: 'volunteerTeam.update', objectType: 'volunteerTeam', objectId: id, summary: `编辑队伍：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },

    async addMember(actor: Actor, who: AuditActor, id: string, input: { volunteerId: string; role: VolunteerTeamRole }) {
      const team = await load(actor, id);
      requireAllowed(teamPolicy.manageMembers(actor, team));
      const v = await volunteers.load(actor, input.volunteerId);
      if (!volunteerPolicy.joinTeam(actor, v)) throw new AppError('VOLUNTEER_NOT_IN_SERVICE', '该志愿者已退出或已故，不能加入队伍');
      const exists = await db.selectFrom('volunteerTeamMember').select('teamId').where('teamId', '=', id).where('volunteerId', '=', v.id).executeTakeFirst();
      if (exists) throw new AppError('VOLUNTEER_TEAM_MEMBER_EXISTS');
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('volunteerTeamMember').values({ teamId: id, volunteerId: v.id, role: input.role, joinedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }).execute();
        await touch(trx, id);
        await audit({ event: 'volunteerTeam.member.add', objectType: 'volunteerTeam', objectId: id, summary: `${team.name} 加入成员：${v.name}（${volunteerTeamRoleLabels[input.role]}）`, detail: { volunteerId: v.id, role: input.role } });
      });
      return this.get(actor, id);
    },

    async updateMember(actor: Actor, who: AuditActor, id: string, volunteerId: string, role: VolunteerTeamRole) {
      const team = await load(actor, id);
      requireAllowed(teamPolicy.manageMembers(actor, team));
      const v = await volunteers.load(actor, volunteerId);
      const m = await db.selectFrom('volunteerTeamMember').select('role').where('teamId', '=', id).where('volunteerId', '=', volunteerId).executeTakeFirst();
      if (!m) throw new AppError('VOLUNTEER_NOT_FOUND', '该志愿者不在队伍中');
      if (m.role === role) return this.get(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('volunteerTeamMember').set({ role }).where('teamId', '=', id).where('volunteerId', '=', volunteerId).execute();
        await touch(trx, id);
        await audit({ event: 'volunteerTeam.member.update', objectType: 'volunteerTeam', objectId: id, summary: `${team.name} 调整成员角色：${v.name}`, detail: { volunteerId, before: { role: m.role }, after: { role } } });
      });
      return this.get(actor, id);
    },

    async removeMember(actor: Actor, who: AuditActor, id: string, volunteerId: string) {
      const team = await load(actor, id);
      requireAllowed(teamPolicy.manageMembers(actor, team));
      const v = await volunteers.load(actor, volunteerId);
      await platform.transaction(who, async (trx, audit) => {
        const r = await trx.deleteFrom('volunteerTeamMember').where('teamId', '=', id).where('volunteerId', '=', volunteerId).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw new AppError('VOLUNTEER_NOT_FOUND', '该志愿者不在队伍中');
        await touch(trx, id);
        await audit({ event: 'volunteerTeam.member.remove', objectType: 'volunteerTeam', objectId: id, summary: `${team.name} 移出成员：${v.name}`, detail: { volunteerId } });
      });
      return this.get(actor, id);
    },

    async addTopic(actor: Actor, who: AuditActor, id: string, input: { title: string; summary?: string }) {
      const team = await load(actor, id);
      requireAllowed(teamPolicy.update(actor, team));
      const topicId = newId();
      const max = await db.selectFrom('volunteerTeamTopic').select((eb) => eb.fn.max<number>('sortOrder').as('m')).where('teamId', '=', id).executeTakeFirst();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('volunteerTeamTopic').values({ id: topicId, teamId: id, title: input.title, summary: input.summary ?? null, sortOrder: Number(max?.m ?? 0) + 1, createdAt: new Date().toISOString() }).execute();
        await touch(trx, id);
        await audit({ event: 'volunteerTeam.topic.add', objectType: 'volunteerTeam', objectId: id, summary: `${team.name} 新增宣讲题目：${input.title}`, detail: { topicId, title: input.title } });
      });
      return this.get(actor, id);
    },

    async removeTopic(actor: Actor, who: AuditActor, id: string, topicId: string) {
      const team = await load(actor, id);
      requireAllowed(teamPolicy.update(actor, team));
      const topic = await db.selectFrom('volunteerTeamTopic').select(['id', 'title']).where('id', '=', topicId).where('teamId', '=', id).executeTakeFirst();
      if (!topic) throw new AppError('NOT_FOUND', '宣讲题目不存在');
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('volunteerTeamTopic').where('id', '=', topicId).execute();
        await touch(trx, id);
        await audit({ event: 'volunteerTeam.topic.remove', objectType: 'volunteerTeam', objectId: id, summary: `${team.name} 删除宣讲题目：${topic.title}`, detail: { topicId, title: topic.title } });
      });
      return this.get(actor, id);
    },
  };
}

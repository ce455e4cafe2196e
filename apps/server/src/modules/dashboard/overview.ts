import type { z } from 'zod';
import {
  activityTypeLabels, activityTypes, creationStatusLabels, creationStatuses, lectureRequestStatusLabels, lectureRequestStatuses,
  type DashboardOverview, type dashboardQuery,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import { orgUnitInScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { createVolunteerStats } from '../volunteers/index.js';
import { careCaseStats } from '../careCases/index.js';
import { activitySummary } from '../activities/index.js';
import { lectureRequestCounts } from '../lectures/index.js';
import { creationBoard } from '../creations/index.js';
import { targetSummary } from '../targets/index.js';
import { trainingSummary } from '../training/index.js';

/**
 * Lets what queued behind this request through between panels (the page's scripts, the signed-in check, other
 * users): on SQLite each panel's queries hold the event loop until they finish, and the panels together took the
 * scripts of the page asking for them hostage for the whole computation (issue 10, dashboard usable ≤ 1.5 s).
 */
const breath = () => new Promise<void>((resolve) => setImmediate(resolve));

export type OverviewQuery = z.output<typeof dashboardQuery> & { from?: string; to?: string };

/** The year in China now. */
export const currentYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/**
 * The county overview, composed from each module's own scoped statistics (never their tables): whatever the
 * caller could not see in a module's list never counts here (targets: once that module landed). Each panel needs the module's statistics
 * permission as well as dashboard:read; without it the panel is null. Only counts, sums and labels leave here.
 */
export function createDashboardService(platform: Platform) {
  const { db } = platform;
  const volunteerStats = createVolunteerStats(platform);
  const care = careCaseStats(platform);

  return async function overview(actor: Actor, query: OverviewQuery): Promise<DashboardOverview> {
    const year = query.year ?? currentYear();
    const from = query.from ?? `${year}-01-01`;
    const to = query.to ?? `${year}-12-31`;
    let node: { id: string; name: string; path: string } | undefined;
    if (query.orgUnitId) {
      node = await db.selectFrom('orgUnit').select(['id', 'name', 'path']).where('id', '=', query.orgUnitId).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst();
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
    }
    const orgUnitId = node?.id;
    const townships = await db
      .selectFrom('orgUnit')
      .select(['id', 'name', 'path'])
      .where('kind', '=', 'township')
      .where('status', '=', 'active')
      .where((eb) => orgUnitInScope(eb, actor))
      .orderBy('sortOrder')
      .orderBy('name')
      .execute();

    await breath();
    const volunteers = can(actor, 'volunteer:stats') ? await volunteerStats(actor, { orgUnitId, year }) : null;
    await breath();
    const outcomes = can(actor, 'careCase:stats') ? await care.outcomes(actor, { orgUnitId, year }, { rates: false }) : null;
    await breath();
    const assistance = can(actor, 'careCase:stats') ? await care.assistanceSummary(actor, { orgUnitId, year }) : null;
    await breath();
    const activities = can(actor, 'activity:stats') ? await activitySummary(platform, actor, { from, to, orgUnitId }, { volunteers: false }) : null;
    await breath();
    // Lectures held become activities, so whoever may see activity statistics sees how many requests were served.
    const lectures = can(actor, 'lecture:read') || can(actor, 'activity:stats') ? await lectureRequestCounts(db, actor, { from, to, underPath: node?.path }) : null;
    await breath();
    let creations: DashboardOverview['creations'] = null;
    if (can(actor, 'creation:read')) {
      const board = await creationBoard(platform, actor);
      const paths = new Map((await db.selectFrom('orgUnit').select(['id', 'path']).where('kind', '=', 'township').execute()).map((t) => [t.id, t.path]));
      // Under a chosen node: its townships (the node is the county), or the township it lies in.
      const rows = board.rows.filter((r) => !node || (paths.get(r.townshipId) ?? '').startsWith(node.path) || node.path.startsWith(paths.get(r.townshipId) ?? '\u0000'));
      const totals = Object.fromEntries(creationStatuses.map((s) => [s, rows.reduce((sum, r) => sum + (r.counts[s] ?? 0), 0)]));
      creations = {
        byStatus: creationStatuses.map((s) => ({ key: s, label: creationStatusLabels[s], count: totals[s] })),
        byTownship: rows.map((r) => ({
          townshipId: r.townshipId,
          townshipName: r.townshipName,
          named: r.counts.named ?? 0,
          applied: (r.counts.applied ?? 0) + (r.counts.checked ?? 0),
          revoked: r.counts.revoked ?? 0,
          total: creationStatuses.reduce((sum, s) => sum + (r.counts[s] ?? 0), 0),
        })),
      };
    }

    await breath();
    let targets: DashboardOverview['targets'] = null;
    if (can(actor, 'target:read') || can(actor, 'assessment:rank')) {
      let rows = await targetSummary(platform, actor, year);
      if (node) {
        // Under a chosen node: the committees at or below it (member units are county departments).
        const ids = rows.map((r) => r.orgUnitId).filter((x): x is string => !!x);
        const under = new Set(ids.length ? (await db.selectFrom('orgUnit').select(['id', 'path']).where('id', 'in', ids).execute()).filter((u) => u.path.startsWith(node!.path)).map((u) => u.id) : []);
        rows = rows.filter((r) => r.orgUnitId && under.has(r.orgUnitId));
      }
      targets = rows
        .map((r) => ({ key: r.memberUnitId ?? r.orgUnitId ?? '', label: r.ownerName, targets: r.targets, completed: r.completed, overdue: r.overdue, averageProgress: r.averageProgress }))
        .sort((a, b) => b.completed / Math.max(1, b.targets) - a.completed / Math.max(1, a.targets) || a.label.localeCompare(b.label, 'zh-CN'));
    }

    await breath();
    const trained = can(actor, 'training:stats') ? await trainingSummary(platform, actor, { year, orgUnitId }) : null;
    const training: DashboardOverview['training'] = trained && {
      classes: trained.total.classes, trainees: trained.total.trainees, completed: trained.total.completed, employed: trained.total.employed,
      business: trained.total.business, employedInIndustry: trained.total.employedInIndustry,
      byIndustry: trained.byIndustry.map((i) => ({ key: i.industry, label: i.label, demand: i.demand, trainees: i.trainees, employedInIndustry: i.employedInIndustry })),
    };

    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter((m) => m >= from.slice(0, 7) && m <= to.slice(0, 7));
    return {
      year,
      period: { from, to },
      orgUnit: node ? { id: node.id, name: node.name } : null,
      townships: townships.map((t) => ({ id: t.id, name: t.name })),
      volunteers: volunteers && {
        total: volunteers.total,
        active: volunteers.active,
        yearHours: volunteers.hours.yearHours,
        byCategory: volunteers.byCategory,
        byAgeBand: volunteers.byAgeBand,
        byTownship: volunteers.byTownship,
      },
      careCases: outcomes && {
        cases: outcomes.cases,
        open: outcomes.open,
        closed: outcomes.closed,
        byCategory: outcomes.byCategory,
        byStatus: outcomes.byStatus,
        outcomes: [
          { key: 'backInSchool', label: '复学', count: outcomes.backInSchool },
          { key: 'employed', label: '就业', count: outcomes.employed },
          { key: 'noReoffending12m', label: '12个月内未再犯', count: outcomes.noReoffending12m },
        ],
      },
      assistance: assistance && {
        count: assistance.total.count,
        amountFen: assistance.total.amountFen,
        cases: assistance.total.cases,
        byKind: assistance.byKind,
        bySource: assistance.bySource,
        byTownship: assistance.byTownship,
      },
      activities: activities && {
        activities: activities.totals.activities,
        audience: activities.totals.audience,
        byType: activityTypes.map((t) => {
          const r = activities.byType.find((x) => x.type === t);
          return { key: t, label: activityTypeLabels[t], activities: r?.activities ?? 0, audience: r?.audience ?? 0 };
        }),
        byMonth: months.map((m) => {
          const r = activities.byMonth.find((x) => x.month === m);
          return { key: m, label: `${Number(m.slice(5))}月`, activities: r?.activities ?? 0, audience: r?.audience ?? 0 };
        }),
      },
      lectures: lectures && {
        requests: lectureRequestStatuses.filter((s) => s !== 'cancelled').reduce((sum, s) => sum + lectures.byStatus[s], 0),
        held: lectures.byStatus.held,
        audienceEstimate: lectures.heldAudienceEstimate,
        byStatus: lectureRequestStatuses.map((s) => ({ key: s, label: lectureRequestStatusLabels[s], count: lectures.byStatus[s] })),
      },
      creations,
      targets,
      training,
    };
  };
}

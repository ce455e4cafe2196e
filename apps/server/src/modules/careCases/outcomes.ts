import type { z } from 'zod';
import {
  careCaseCategories, careCaseCategoryLabels, careCaseStatuses, careCaseStatusLabels,
  type Outcomes, type outcomesQuery,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope, orgUnitInScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { daysBetween } from './metrics.js';
import { todayInChina } from './mentoring.js';

type OutcomesQuery = z.output<typeof outcomesQuery>;

/**
 * Aggregate outcomes over the caller's scope (no personal data leaves here): back in school, employed,
 * no reoffending within 12 months of intake, contacts per mentor-month, days from intake to plan.
 */
export function createOutcomeService(platform: Platform) {
  const { db } = platform;
  return {
    async outcomes(actor: Actor, query: OutcomesQuery): Promise<Outcomes> {
      let underPath: string | undefined;
      if (query.orgUnitId) {
        const node = await db.selectFrom('orgUnit').select('path').where('id', '=', query.orgUnitId).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst();
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
        underPath = node.path;
      }
      let q = db
        .selectFrom('careCase')
        .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
        .select(['careCase.id', 'careCase.status', 'careCase.outcome', 'careCase.intakeDate', 'careCase.planAt'])
        .where('careCase.status', '!=', 'merged')
        .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'));
      if (underPath) q = q.where('orgUnit.path', '>=', underPath).where('orgUnit.path', '<', `${underPath.slice(0, -1)}0`);
      if (query.year) q = q.where('careCase.intakeDate', '>=', `${query.year}-01-01`).where('careCase.intakeDate', '<=', `${query.year}-12-31`);
      const rows = await q.execute();
      const ids = rows.map((r) => r.id);
      const cats = new Map<string, Set<string>>();
      const reoffences = new Map<string, string[]>();
      const pairs: { caseId: string; startOn: string; endOn: string | null }[] = [];
      let visits = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const [c, s, p, v] = await Promise.all([
          db.selectFrom('careCaseCategory').select(['caseId', 'category']).where('caseId', 'in', chunk).execute(),
          db.selectFrom('careCaseScreening').select(['caseId', 'screenedOn']).where('caseId', 'in', chunk).where('reoffended', '=', 1).execute(),
          db.selectFrom('careMentorship').select(['caseId', 'startOn', 'endOn']).where('caseId', 'in', chunk).execute(),
          db.selectFrom('careVisit').select((eb) => eb.fn.countAll<number>().as('n')).where('caseId', 'in', chunk).where('mentorshipId', 'is not', null).executeTakeFirstOrThrow(),
        ]);
        for (const r of c) cats.set(r.caseId, (cats.get(r.caseId) ?? new Set()).add(r.category));
        for (const r of s) reoffences.set(r.caseId, [...(reoffences.get(r.caseId) ?? []), r.screenedOn]);
        pairs.push(...p);
        visits += Number(v.n);
      }
      const today = todayInChina();
      const has = (id: string, c: string) => cats.get(id)?.has(c) ?? false;
      const offenders = rows.filter((r) => has(r.id, 'offender') && daysBetween(r.intakeDate, today) >= 365);
      const noReoffending = offenders.filter((r) => !(reoffences.get(r.id) ?? []).some((d) => d >= r.intakeDate && daysBetween(r.intakeDate, d) <= 365));
      const planned = rows.filter((r) => r.planAt);
      const pairMonths = pairs.reduce((sum, p) => sum + Math.max(0, daysBetween(p.startOn, p.endOn && p.endOn < today ? p.endOn : today)) / 30.4375, 0);
      return {
        cases: rows.length,
        open: rows.filter((r) => r.status !== 'closed').length,
        closed: rows.filter((r) => r.status === 'closed').length,
        byCategory: careCaseCategories.map((key) => ({ key, label: careCaseCategoryLabels[key], count: rows.filter((r) => has(r.id, key)).length })),
        byStatus: careCaseStatuses.filter((s) => s !== 'merged').map((key) => ({ key, label: careCaseStatusLabels[key], count: rows.filter((r) => r.status === key).length })),
        backInSchool: rows.filter((r) => r.status === 'closed' && r.outcome === 'back_in_school').length,
        dropoutCases: rows.filter((r) => has(r.id, 'dropout')).length,
        employed: rows.filter((r) => r.status === 'closed' && r.outcome === 'employed').length,
        unemployedCases: rows.filter((r) => has(r.id, 'unemployed')).length,
        offenderCasesFollowed12m: offenders.length,
        noReoffending12m: noReoffending.length,
        contactsPerMonth: pairMonths >= 1 ? Math.round((visits / pairMonths) * 10) / 10 : null,
        avgDaysIntakeToPlan: planned.length ? Math.round((planned.reduce((s, r) => s + daysBetween(r.intakeDate, r.planAt!), 0) / planned.length) * 10) / 10 : null,
      };
    },
  };
}

import { trainingIndustries, trainingIndustryLabels, type TrainingClassStatus, type TrainingIndustry, type TrainingResults } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { subtreeUpperBound } from '../../platform/authz/actor.js';
import { sql, type SqlBool } from 'kysely';
import { AppError } from '../../platform/errors.js';
import { orgUnitRepository } from '../orgUnits/repository.js';

export interface ResultsQuery {
  year?: number;
  orgUnitId?: string;
  industry?: TrainingIndustry;
}

type Counts = Omit<TrainingResults['total'], never>;
const zero = (): Counts => ({ classes: 0, trainees: 0, completed: 0, followedUp: 0, employed: 0, business: 0, seeking: 0, school: 0, employedInIndustry: 0 });

/**
 * Results of the classes the actor can see (by the year a class starts): trainees (seated), completers, and each
 * trainee's latest follow-up (12 over 6 over 3 months): employed, started a business, still seeking, in school.
 * `employedInIndustry` counts a job or business in the class's own industry — the match against the industries'
 * stated needs (`demand`, headcount of that year's needs). Only counts leave here.
 */
export async function trainingSummary(platform: Platform, actor: Actor, query: ResultsQuery): Promise<TrainingResults> {
  const { db } = platform;
  let underPath: string | undefined;
  if (query.orgUnitId) {
    const node = await orgUnitRepository(db).findInScope(actor, query.orgUnitId);
    if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
    underPath = node.path;
  }
  let q = db
    .selectFrom('trainingClass')
    .select(['id', 'title', 'industry', 'startDate', 'status'])
    .where((eb) => inOrgScope(eb, actor, 'trainingClass.orgUnitId'));
  if (query.year) q = q.where('startDate', '>=', `${query.year}-01-01`).where('startDate', '<=', `${query.year}-12-31`);
  if (query.industry) q = q.where('industry', '=', query.industry);
  if (underPath) q = q.where(sql<SqlBool>`training_class.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${underPath} AND path < ${subtreeUpperBound(underPath)})`);
  const classes = await q.orderBy('startDate').orderBy('id').execute();
  const ids = classes.map((c) => c.id);
  const people = ids.length
    ? await db.selectFrom('trainingEnrolment').select(['id', 'classId', 'status']).where('classId', 'in', ids).where('status', 'in', ['enrolled', 'completed', 'not_completed']).execute()
    : [];
  const follow = people.length
    ? await db.selectFrom('trainingFollowUp').select(['enrolmentId', 'month', 'outcome', 'industry']).where('enrolmentId', 'in', people.map((p) => p.id)).execute()
    : [];
  const latest = new Map<string, { month: number; outcome: string; industry: string | null }>();
  for (const f of follow) {
    const cur = latest.get(f.enrolmentId);
    if (!cur || Number(f.month) > cur.month) latest.set(f.enrolmentId, { month: Number(f.month), outcome: f.outcome, industry: f.industry });
  }
  let demand = db.selectFrom('trainingDemand').select(['industry', (eb) => eb.fn.sum<number>('headcount').as('n')]).groupBy('industry');
  if (query.year) demand = demand.where('year', '=', query.year);
  const demandBy = new Map((await demand.execute()).map((d) => [d.industry, Number(d.n)]));

  const total = zero();
  const byYear = new Map<number, Counts>();
  const byIndustry = new Map<string, Counts>();
  const byClass = new Map<string, Counts>();
  const classOf = new Map(classes.map((c) => [c.id, c]));
  const bump = (c: Counts[], key: keyof Counts) => c.forEach((x) => x[key]++);
  for (const c of classes) {
    const y = Number(c.startDate.slice(0, 4));
    if (!byYear.has(y)) byYear.set(y, zero());
    if (!byIndustry.has(c.industry)) byIndustry.set(c.industry, zero());
    byClass.set(c.id, zero());
    bump([total, byYear.get(y)!, byIndustry.get(c.industry)!, byClass.get(c.id)!], 'classes');
  }
  for (const p of people) {
    const c = classOf.get(p.classId)!;
    const buckets = [total, byYear.get(Number(c.startDate.slice(0, 4)))!, byIndustry.get(c.industry)!, byClass.get(c.id)!];
    bump(buckets, 'trainees');
    if (p.status === 'completed') bump(buckets, 'completed');
    const f = latest.get(p.id);
    if (!f) continue;
    bump(buckets, 'followedUp');
    if (f.outcome === 'employed' || f.outcome === 'business' || f.outcome === 'seeking' || f.outcome === 'school') bump(buckets, f.outcome);
    if ((f.outcome === 'employed' || f.outcome === 'business') && f.industry === c.industry) bump(buckets, 'employedInIndustry');
  }
  const industries = trainingIndustries.filter((i) => byIndustry.has(i) || demandBy.has(i));
  return {
    total,
    byYear: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, c]) => ({ year, ...c })),
    byIndustry: industries.map((industry) => ({ industry, label: trainingIndustryLabels[industry], demand: demandBy.get(industry) ?? 0, ...(byIndustry.get(industry) ?? zero()) })),
    byClass: classes.map((c) => ({ classId: c.id, title: c.title, industry: c.industry as TrainingIndustry, startDate: c.startDate, status: c.status as TrainingClassStatus, ...byClass.get(c.id)! })),
  };
}

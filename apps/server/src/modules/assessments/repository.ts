import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { Executor } from '../../platform/db/database.js';
import type { AssessmentEventTable, AssessmentScoreTable, AssessmentTable, RubricItemTable, RubricTable } from '../../platform/db/schema.js';
import { ownerNameSql, ownerVisible } from '../targets/index.js';

export type AssessmentRow = AssessmentTable & { ownerName: string; rubricName: string };

export interface AssessmentFilter {
  year?: number;
  rubricId?: string;
  status?: string;
  q?: string;
}
const sortColumns = { selfTotal: 'assessment.selfTotal', reviewTotal: 'assessment.reviewTotal', finalScore: 'assessment.finalScore' } as const;

/** All SQL for rubrics and assessments. Assessments are read through `ownerVisible` (a unit sees its own). */
export function assessmentRepository(db: Executor) {
  const base = () =>
    db.selectFrom('assessment').innerJoin('rubric', 'rubric.id', 'assessment.rubricId').selectAll('assessment').select([ownerNameSql('assessment').as('ownerName'), 'rubric.name as rubricName']);
  const conditions = (actor: Actor, f: AssessmentFilter) => (eb: any) => {
    const list: Expression<SqlBool>[] = [ownerVisible(eb, actor, 'assessment')];
    if (f.year) list.push(eb('assessment.year', '=', f.year));
    if (f.rubricId) list.push(eb('assessment.rubricId', '=', f.rubricId));
    if (f.status) list.push(eb('assessment.status', '=', f.status));
    if (f.q) list.push(eb(ownerNameSql('assessment'), 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };

  return {
    async findVisible(actor: Actor, id: string): Promise<AssessmentRow | undefined> {
      return base().where('assessment.id', '=', id).where((eb) => ownerVisible(eb, actor, 'assessment')).executeTakeFirst();
    },
    async list(actor: Actor, f: AssessmentFilter, page: { page: number; pageSize: number; sort?: string }) {
      let q = base().where(conditions(actor, f));
      const key = page.sort?.replace(/^-/, '');
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      q = key && key in sortColumns ? q.orderBy(sortColumns[key as keyof typeof sortColumns], dir) : q.orderBy(ownerNameSql('assessment'), dir);
      const rows = await q.orderBy('assessment.year', 'desc').orderBy('assessment.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      const count = await db.selectFrom('assessment').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, f)).executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },
    async all(actor: Actor, f: AssessmentFilter): Promise<AssessmentRow[]> {
      return base().where(conditions(actor, f)).orderBy('assessment.id').execute();
    },
    async scores(assessmentId: string) {
      return db.selectFrom('assessmentScore').selectAll().where('assessmentId', '=', assessmentId).execute();
    },
    async history(assessmentId: string) {
      return db
        .selectFrom('assessmentEvent')
        .leftJoin('appUser', 'appUser.id', 'assessmentEvent.byUser')
        .selectAll('assessmentEvent')
        .select('appUser.displayName as byName')
        .where('assessmentEvent.assessmentId', '=', assessmentId)
        .orderBy('assessmentEvent.at')
        .execute();
    },
    async rubric(id: string): Promise<RubricTable | undefined> {
      return db.selectFrom('rubric').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async rubrics() {
      return db.selectFrom('rubric').selectAll().orderBy('createdAt').orderBy('code').execute();
    },
    async items(rubricIds: string[]): Promise<RubricItemTable[]> {
      if (!rubricIds.length) return [];
      return db.selectFrom('rubricItem').selectAll().where('rubricId', 'in', rubricIds).orderBy('sortOrder').orderBy('id').execute();
    },
    async rubricsInUse(ids: string[]) {
      if (!ids.length) return new Set<string>();
      const rows = await db.selectFrom('assessment').select('rubricId').distinct().where('rubricId', 'in', ids).execute();
      return new Set(rows.map((r) => r.rubricId));
    },
    async insert(row: AssessmentTable) {
      await db.insertInto('assessment').values(row).execute();
    },
    async update(id: string, patch: Partial<AssessmentTable>) {
      await db.updateTable('assessment').set(patch).where('id', '=', id).execute();
    },
    /** Move from one status to another only if nobody moved it first. */
    async transition(id: string, from: string[], patch: Partial<AssessmentTable>) {
      const r = await db.updateTable('assessment').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async upsertScore(row: AssessmentScoreTable) {
      const done = await db
        .updateTable('assessmentScore')
        .set({ computedValue: row.computedValue, selfPoints: row.selfPoints, selfNote: row.selfNote, reviewPoints: row.reviewPoints, reviewNote: row.reviewNote })
        .where('assessmentId', '=', row.assessmentId)
        .where('itemId', '=', row.itemId)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) await db.insertInto('assessmentScore').values(row).execute();
    },
    async insertEvent(row: AssessmentEventTable) {
      await db.insertInto('assessmentEvent').values(row).execute();
    },
  };
}

import type { Executor } from '../../platform/db/database.js';
import type { EducationBaseTable } from '../../platform/db/schema.js';

export type BaseRow = EducationBaseTable & { orgUnitName: string };

/**
 * Education bases are a county register (阵地): open to anyone with base:read, since every unit
 * takes its young people there. Visit counts beside them come from the activities the caller may see.
 */
export function baseRepository(db: Executor) {
  const withNames = () => db.selectFrom('educationBase').innerJoin('orgUnit', 'orgUnit.id', 'educationBase.orgUnitId').selectAll('educationBase').select('orgUnit.name as orgUnitName');
  return {
    async find(id: string): Promise<BaseRow | undefined> {
      return withNames().where('educationBase.id', '=', id).executeTakeFirst();
    },
    async list(filter: { q?: string; level?: string; status?: string; underPath?: string }): Promise<BaseRow[]> {
      let q = withNames();
      if (filter.q) q = q.where('educationBase.name', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
      if (filter.level) q = q.where('educationBase.level', '=', filter.level);
      if (filter.status) q = q.where('educationBase.status', '=', filter.status);
      if (filter.underPath) q = q.where('orgUnit.path', '>=', filter.underPath).where('orgUnit.path', '<', `${filter.underPath.slice(0, -1)}0`);
      return q.orderBy('educationBase.level').orderBy('educationBase.name').limit(1000).execute();
    },
    async orgUnit(id: string) {
      return db.selectFrom('orgUnit').select(['id', 'path', 'status']).where('id', '=', id).executeTakeFirst();
    },
    async nameTaken(name: string, exceptId?: string) {
      let q = db.selectFrom('educationBase').select('id').where('name', '=', name);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },
    async insert(row: EducationBaseTable) {
      await db.insertInto('educationBase').values(row).execute();
    },
    async update(id: string, patch: Partial<EducationBaseTable>) {
      await db.updateTable('educationBase').set(patch).where('id', '=', id).execute();
    },
  };
}

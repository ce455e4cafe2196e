import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';

/** Uploads an actor may see: their own, or those from an org node inside their scope. */
export function uploadRepository(db: Executor) {
  return {
    async findVisible(actor: Actor, id: string) {
      return db
        .selectFrom('upload')
        .selectAll()
        .where('id', '=', id)
        .where((eb) => eb.or([eb('upload.createdBy', '=', actor.userId), inOrgScope(eb, actor, 'upload.orgUnitId', 'upload.createdBy')]))
        .executeTakeFirst();
    },
  };
}

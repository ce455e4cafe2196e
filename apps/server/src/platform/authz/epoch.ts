import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Move the authorisation epoch (migration 20261129_0180). Call it in the same transaction as any write to
 * user_role, user_scope_org_unit, role (data scope), role_permission, or org_unit paths: servers keep each user's
 * roles, permissions and custom-scope paths only while the epoch stands still (auth/sessions.ts). A write to those
 * tables without it is seen within a minute, when the kept copy expires.
 */
export async function bumpAuthzEpoch(trx: Executor): Promise<void> {
  await sql`UPDATE authz_epoch SET n = n + 1 WHERE id = 1`.execute(trx);
}

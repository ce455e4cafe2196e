import type { AuditEntry } from '../audit/audit.js';
import { can, type Actor } from '../authz/actor.js';
import { inOrgScope } from '../authz/scope.js';
import type { Executor } from '../db/database.js';
import type { Platform } from '../context.js';

/**
 * Sealed records (封存, 刑事诉讼法 §286; security.md B15). A module that stores a sealed part of a record
 * (e.g. the offence details of a care case) registers the object type once, and on every read:
 *
 *   const grant = await sealedAccess.activeGrant(trx, actor, 'careCase.offence', caseId);
 *   if (grant) { await sealedAccess.logView(audit, grant); …include the sealed part… }
 *   // else: answer exactly as if there were no sealed part (no flag, no count, no different error)
 *
 * A grant is an access request the actor made, approved by someone else, not yet expired, for an object
 * whose org node is still in the actor's scope, while the actor still holds `sealed:request`.
 * See docs/sealed-records.md.
 */

export interface SealedObjectType {
  /** What the object is, in Chinese, for the request list (e.g. '帮扶对象违法犯罪记录'). */
  label: string;
  /**
   * The org node of the object, or undefined when there is no such object. Must answer for every object of
   * the type whether or not it carries a sealed part, so a request gives no sign that one exists.
   */
  orgUnitOf(db: Executor, objectId: string): Promise<string | undefined>;
}

export interface SealedGrant {
  requestId: string;
  objectType: string;
  objectId: string;
  orgUnitId: string;
  expiresAt: string;
  approvedBy: string;
}

type AuditFn = (entry: AuditEntry) => Promise<void>;

const registries = new WeakMap<Platform, Map<string, SealedObjectType>>();

function registry(platform: Platform) {
  let r = registries.get(platform);
  if (!r) registries.set(platform, (r = new Map()));
  return r;
}

export const sealedAccess = {
  /** Called once by the module that owns the object type (in its routes registration). */
  registerObjectType(platform: Platform, type: string, def: SealedObjectType): void {
    const r = registry(platform);
    // Building a second app on the same platform (tests) registers again: fine. Two modules claiming one type: not.
    const existing = r.get(type);
    if (existing && existing.label !== def.label) throw new Error(`sealed object type ${type} registered by two modules`);
    r.set(type, def);
  },

  objectType(platform: Platform, type: string): SealedObjectType | undefined {
    return registry(platform).get(type);
  },

  /** The approved, unexpired grant of this actor for this object, or undefined. */
  async activeGrant(db: Executor, actor: Actor, objectType: string, objectId: string, now: Date = new Date()): Promise<SealedGrant | undefined> {
    if (!can(actor, 'sealed:request')) return undefined;
    const row = await db
      .selectFrom('sealedAccessRequest')
      .select(['id', 'objectType', 'objectId', 'orgUnitId', 'expiresAt', 'decidedBy'])
      .where('objectType', '=', objectType)
      .where('objectId', '=', objectId)
      .where('requestedBy', '=', actor.userId)
      .where('status', '=', 'approved')
      .where('expiresAt', '>', now.toISOString())
      .where('decidedBy', 'is not', null)
      .where('decidedBy', '!=', actor.userId)
      .where((eb) => inOrgScope(eb, actor, 'sealedAccessRequest.orgUnitId'))
      .orderBy('expiresAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row || !row.expiresAt || !row.decidedBy) return undefined;
    return { requestId: row.id, objectType: row.objectType, objectId: row.objectId, orgUnitId: row.orgUnitId, expiresAt: row.expiresAt, approvedBy: row.decidedBy };
  },

  /** One audit row per view of a sealed part, in the reading transaction (if it fails, the read fails). */
  async logView(audit: AuditFn, grant: SealedGrant, detail: { field?: string; summary?: string } = {}): Promise<void> {
    await audit({
      event: 'sealed.view',
      objectType: grant.objectType,
      objectId: grant.objectId,
      summary: detail.summary ?? '查阅封存记录',
      detail: { requestId: grant.requestId, expiresAt: grant.expiresAt, ...(detail.field ? { field: detail.field } : {}) },
    });
  },
};

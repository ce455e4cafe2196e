import type { AuditEvent } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditEventRow } from './repository.js';
import { auditEventActions } from './policy.js';

export function presentAuditEvent(actor: Actor, row: AuditEventRow): AuditEvent {
  let detail: Record<string, unknown> | null = null;
  if (row.detail) {
    try {
      const parsed: unknown = JSON.parse(row.detail);
      detail = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch {
      detail = { raw: row.detail };
    }
  }
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    userId: row.userId,
    username: row.username,
    orgUnit: row.orgUnitId ? { id: row.orgUnitId, name: row.orgUnitName ?? '（已删除的组织）' } : null,
    ip: row.ip,
    event: row.event,
    objectType: row.objectType,
    objectId: row.objectId,
    result: row.result === 'failure' ? 'failure' : 'success',
    summary: row.summary,
    detail,
    actions: auditEventActions(actor, row),
  };
}

/** Chinese names of the events, for exports and the sign-in log. Unknown events show their code. */
export const auditEventLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'auth.forceLogout': '强制下线',
  'auth.passwordChange': '修改密码',
  'auth.secondFactorEnabled': '绑定动态验证码',
  'audit.export': '导出审计记录',
  'audit.verify': '校验审计记录',
  'audit.purge': '清理审计记录',
  'setting.update': '修改安全策略',
  'role.create': '新增角色',
  'role.update': '编辑角色',
};

import type { z } from 'zod';
import { auditResultLabels, type auditExportQuery, type auditListQuery, type loginLogListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { timeWithOffset } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { auditRepository, type AuditFilter } from './repository.js';
import { auditTrailActions, auditTrailPolicy } from './policy.js';
import { auditEventLabels, presentAuditEvent } from './presenter.js';

type ListQuery = z.output<typeof auditListQuery>;
type ExportQuery = z.output<typeof auditExportQuery>;
type LoginLogQuery = z.output<typeof loginLogListQuery>;

/** 网络安全法 §21: logs are kept at least six months, whatever the setting says. */
export const MIN_RETENTION_DAYS = 180;
const EXPORT_MAX_ROWS = 50_000;
const DAY_MS = 86_400_000;

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
/** The start of a China-time day, in the trail's own `at` format. */
const dayStart = (date: string) => `${date}T00:00:00.000+08:00`;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Query filters → stored-form filters. A date `to` includes the whole day. */
export function toFilter(query: Partial<ListQuery>): AuditFilter {
  const f: AuditFilter = {
    eventPrefix: query.event || undefined,
    username: query.username || undefined,
    result: query.result,
    objectType: query.objectType || undefined,
    objectId: query.objectId || undefined,
    q: query.q || undefined,
  };
  if (query.from) f.atFrom = isDate(query.from) ? dayStart(query.from) : timeWithOffset(new Date(query.from));
  if (query.to) {
    if (isDate(query.to)) f.atBefore = dayStart(nextDay(query.to));
    else f.atUntil = timeWithOffset(new Date(query.to));
  }
  return f;
}

function describeFilters(query: Partial<ListQuery>): Record<string, string> {
  const out: Record<string, string> = {};
  if (query.from) out['开始时间'] = query.from;
  if (query.to) out['结束时间'] = query.to;
  if (query.event) out['事件'] = query.event;
  if (query.username) out['用户'] = query.username;
  if (query.result) out['结果'] = auditResultLabels[query.result];
  if (query.objectType) out['对象类型'] = query.objectType;
  if (query.objectId) out['对象编号'] = query.objectId;
  if (query.q) out['摘要包含'] = query.q;
  return out;
}

export function createAuditService(platform: Platform) {
  const { db } = platform;
  const repo = auditRepository(db);

  async function page(actor: Actor, filter: AuditFilter, query: { page: number; pageSize: number; sort?: string }) {
    const { rows, total } = await repo.list(actor, filter, query);
    return { items: rows.map((r) => presentAuditEvent(actor, r)), total, page: query.page, pageSize: query.pageSize, actions: auditTrailActions(actor) };
  }

  return {
    list: (actor: Actor, query: ListQuery) => page(actor, toFilter(query), query),

    /** 登录日志: the sign-in side of the trail (events `auth.*`). */
    loginLogs(actor: Actor, query: LoginLogQuery) {
      const filter = toFilter(query);
      if (!filter.eventPrefix?.startsWith('auth.')) {
        // Only sign-in events: a shorter prefix ('auth') means all of them; any other prefix matches none.
        if (filter.eventPrefix && !'auth.'.startsWith(filter.eventPrefix)) filter.event = filter.eventPrefix;
        filter.eventPrefix = 'auth.';
      }
      return page(actor, filter, query);
    },

    async export(actor: Actor, who: AuditActor, query: ExportQuery) {
      if (!auditTrailPolicy.export(actor)) throw new AppError('FORBIDDEN');
      const filter = toFilter(query);
      const total = await repo.count(actor, filter);
      if (total > EXPORT_MAX_ROWS) throw new AppError('BAD_REQUEST', `符合条件的记录有 ${total} 条，单次最多导出 ${EXPORT_MAX_ROWS} 条，请缩小时间范围`);
      const rows: ReturnType<typeof presentAuditEvent>[] = [];
      for (let p = 1; rows.length < total; p++) {
        const res = await repo.list(actor, filter, { page: p, pageSize: 1000, sort: query.sort });
        if (!res.rows.length) break;
        rows.push(...res.rows.map((r) => presentAuditEvent(actor, r)));
      }
      const filters = describeFilters(query);
      const buffer = await buildWorkbook({
        title: '审计记录',
        columns: [
          { header: '流水号', type: 'count', value: (r) => r.seq },
          { header: '时间', type: 'text', width: 30, value: (r) => r.at },
          { header: '用户', width: 18, value: (r) => r.username },
          { header: '组织', width: 20, value: (r) => r.orgUnit?.name },
          { header: 'IP 地址', type: 'text', width: 18, value: (r) => r.ip },
          { header: '事件', width: 22, value: (r) => (auditEventLabels[r.event] ? `${auditEventLabels[r.event]}（${r.event}）` : r.event) },
          { header: '对象类型', value: (r) => r.objectType },
          { header: '对象编号', type: 'text', width: 38, value: (r) => r.objectId },
          { header: '结果', value: (r) => auditResultLabels[r.result] },
          { header: '摘要', width: 40, value: (r) => r.summary },
          { header: '详情', width: 60, value: (r) => (r.detail ? JSON.stringify(r.detail).slice(0, 2000) : null) },
        ],
        rows,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'audit.export', objectType: 'auditEvent', summary: `导出审计记录 ${rows.length} 条`, detail: { rows: rows.length, filters } });
      return buffer;
    },

    /** Walk the hash chain; the check itself is recorded, with its outcome. */
    async verify(actor: Actor, who: AuditActor) {
      if (!auditTrailPolicy.verify(actor)) throw new AppError('FORBIDDEN');
      const result = await platform.audit.verify(db);
      await platform.record(who, {
        event: 'audit.verify', objectType: 'auditEvent',
        summary: result.ok ? `校验审计记录：完整（${result.checked} 条）` : `校验审计记录：第 ${result.firstBroken!.seq} 条起不完整`,
        detail: { ...result },
      });
      return result;
    },

    /**
     * 清理: delete the oldest rows, before `before` (China time), never anything younger than
     * max(180 days, the retention setting) (security.md C19). What is deleted is always a prefix of the chain.
     */
    async purge(actor: Actor, who: AuditActor, before: string) {
      if (!auditTrailPolicy.purge(actor)) throw new AppError('FORBIDDEN');
      const settings = await platform.settings.security();
      const keepDays = Math.max(MIN_RETENTION_DAYS, settings.auditRetentionDays);
      const cutoff = dayStart(before);
      if (Date.parse(cutoff) > Date.now() - keepDays * DAY_MS) {
        throw new AppError('AUDIT_PURGE_TOO_RECENT', `${keepDays}天内的审计记录不能清理，请选择 ${timeWithOffset(new Date(Date.now() - keepDays * DAY_MS)).slice(0, 10)} 或更早的日期`, [
          { path: 'before', message: `只能清理${keepDays}天以前的记录` },
        ]);
      }
      const purged = await platform.transaction(who, async (trx, audit) => {
        const r = auditRepository(trx);
        const boundary = await r.purgeBoundary(cutoff);
        const deleted = boundary ? await r.deleteUpTo(boundary.lastSeq) : 0;
        await audit({
          event: 'audit.purge', objectType: 'auditEvent',
          summary: `清理 ${before} 以前的审计记录 ${deleted} 条`,
          detail: { before, deleted, lastPurgedSeq: boundary?.lastSeq ?? null, keepDays },
        });
        return deleted;
      });
      return { purged, before, firstKeptSeq: await repo.firstSeq() };
    },
  };
}

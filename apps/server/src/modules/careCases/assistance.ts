import { sql } from 'kysely';
import type { z } from 'zod';
import {
  assistanceKindLabels,
  type Assistance, type AssistanceKind, type AssistanceSummary, type assistanceCreate, type assistanceSummaryQuery,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { inOrgScope, orgUnitInScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { careCaseRepository } from './repository.js';
import { careCasePolicy } from './policy.js';
import { auditName } from './presenter.js';
import { assistanceFromStats, caseStatsAnswer, keepCaseStats } from './caseStats.js';
import { requireAllowed, type createCareCaseService } from './service.js';
import { newId } from '../../platform/db/ids.js';

type AssistanceInput = z.output<typeof assistanceCreate>;
type SummaryQuery = z.output<typeof assistanceSummaryQuery>;

/** The assistance ledger (助学/助困/助业): each help given, and totals per case, source, township and year. */
export function createAssistanceService(platform: Platform, cases: ReturnType<typeof createCareCaseService>) {
  const { db } = platform;

  async function listOf(caseId: string): Promise<Assistance[]> {
    const rows = await db
      .selectFrom('careAssistance')
      .leftJoin('appUser', 'appUser.id', 'careAssistance.recordedBy')
      .selectAll('careAssistance')
      .select('appUser.displayName as recordedByName')
      .where('careAssistance.caseId', '=', caseId)
      .orderBy('careAssistance.paidOn', 'desc')
      .orderBy('careAssistance.createdAt', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id, caseId: r.caseId, kind: r.kind as AssistanceKind, amountFen: Number(r.amountFen), goods: r.goods, fundingSource: r.fundingSource,
      approvedBy: r.approvedBy, paidOn: r.paidOn, receiptUploadId: r.receiptUploadId, employmentResult: r.employmentResult, note: r.note,
      recordedByName: r.recordedByName ?? '', createdAt: r.createdAt,
    }));
  }

  return {
    async list(actor: Actor, caseId: string) {
      await cases.load(actor, caseId);
      return listOf(caseId);
    },

    async add(actor: Actor, who: AuditActor, caseId: string, input: AssistanceInput) {
      const row = await cases.load(actor, caseId);
      requireAllowed(careCasePolicy.recordAssistance(actor, row));
      if (input.receiptUploadId) {
        // The receipt goes through the shared upload service first; here it must be one the caller may see.
        const upload = await db
          .selectFrom('upload')
          .select('id')
          .where('id', '=', input.receiptUploadId)
          .where((eb) => eb.or([eb('createdBy', '=', actor.userId), inOrgScope(eb, actor, 'upload.orgUnitId')]))
          .executeTakeFirst();
        if (!upload) throw new AppError('UPLOAD_NOT_FOUND', undefined, [{ path: 'receiptUploadId', message: '收据文件不存在，请重新上传' }]);
      }
      const id = newId();
      await platform.transaction(who, async (trx, audit) => {
        await keepCaseStats(trx, [caseId], () => trx.insertInto('careAssistance').values({
          id, caseId, kind: input.kind, amountFen: input.amountFen, goods: input.goods ?? null, fundingSource: input.fundingSource,
          approvedBy: input.approvedBy, paidOn: input.paidOn, receiptUploadId: input.receiptUploadId ?? null,
          employmentResult: input.employmentResult ?? null, note: input.note ?? null, recordedBy: actor.userId, createdAt: new Date().toISOString(),
        }).execute());
        await careCaseRepository(trx).update(caseId, { updatedAt: new Date().toISOString() });
        await audit({
          event: 'careCase.assistance', objectType: 'careCase', objectId: caseId,
          summary: `登记${assistanceKindLabels[input.kind]}：${auditName(row.name)} ¥${(input.amountFen / 100).toFixed(2)}${input.goods ? `，${input.goods}` : ''}`,
          detail: { assistanceId: id, kind: input.kind, amountFen: input.amountFen, fundingSource: input.fundingSource, paidOn: input.paidOn },
        });
      });
      return (await listOf(caseId)).find((a) => a.id === id)!;
    },

    /** Totals over the caller's scope: per kind, funding source, township and year. Sums in fen (exact). */
    async summary(actor: Actor, query: SummaryQuery): Promise<AssistanceSummary> {
      let underPath: string | undefined;
      if (query.orgUnitId) {
        const node = await db.selectFrom('orgUnit').select('path').where('id', '=', query.orgUnitId).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst();
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
        underPath = node.path;
      }
      // Actors who see by org node are answered from the summary tables (caseStats.ts); others from the ledger.
      const { total, byKind, bySource, byOrg, byYear } = caseStatsAnswer(actor)
        ? await assistanceFromStats(db, actor, { underPath, year: query.year, kind: query.kind })
        : await fromLedger();

      async function fromLedger() {
        let base = db
          .selectFrom('careAssistance')
          .innerJoin('careCase', 'careCase.id', 'careAssistance.caseId')
          .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
          .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'));
        if (query.year) base = base.where('careAssistance.paidOn', '>=', `${query.year}-01-01`).where('careAssistance.paidOn', '<=', `${query.year}-12-31`);
        if (query.kind) base = base.where('careAssistance.kind', '=', query.kind);
        if (underPath) base = base.where('orgUnit.path', '>=', underPath).where('orgUnit.path', '<', `${underPath.slice(0, -1)}0`);
        const n = sql<number>`COUNT(*)`;
        const fen = sql<number>`COALESCE(SUM(care_assistance.amount_fen), 0)`;
        const [total, byKind, bySource, byOrg, byYear] = await Promise.all([
          base.select([n.as('count'), fen.as('amountFen'), sql<number>`COUNT(DISTINCT care_assistance.case_id)`.as('cases')]).executeTakeFirstOrThrow(),
          base.select(['careAssistance.kind as key', n.as('count'), fen.as('amountFen')]).groupBy('careAssistance.kind').execute(),
          base.select(['careAssistance.fundingSource as key', n.as('count'), fen.as('amountFen')]).groupBy('careAssistance.fundingSource').execute(),
          base.select(['orgUnit.path as key', n.as('count'), fen.as('amountFen')]).groupBy('orgUnit.path').execute(),
          base.select([sql<string>`substr(care_assistance.paid_on, 1, 4)`.as('key'), n.as('count'), fen.as('amountFen')]).groupBy(sql`substr(care_assistance.paid_on, 1, 4)`).execute(),
        ]);
        return { total, byKind, bySource, byOrg, byYear };
      }
      // Roll each node up to its township (乡镇/街道): the township is the ancestor of kind 'township'.
      const townships = await db.selectFrom('orgUnit').select(['id', 'name', 'path']).where('kind', '=', 'township').execute();
      const townshipOf = (path: string) => townships.find((t) => path.startsWith(t.path));
      const tMap = new Map<string, { key: string; label: string; count: number; amountFen: number }>();
      for (const r of byOrg) {
        const t = townshipOf(r.key);
        const key = t?.id ?? 'county';
        const cur = tMap.get(key) ?? { key, label: t?.name ?? '县直', count: 0, amountFen: 0 };
        cur.count += Number(r.count);
        cur.amountFen += Number(r.amountFen);
        tMap.set(key, cur);
      }
      const norm = (rows: { key: string; count: number; amountFen: number }[], label: (k: string) => string) =>
        rows.map((r) => ({ key: r.key, label: label(r.key), count: Number(r.count), amountFen: Number(r.amountFen) })).sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));
      return {
        total: { count: Number(total.count), amountFen: Number(total.amountFen), cases: Number(total.cases) },
        byKind: norm(byKind, (k) => assistanceKindLabels[k as AssistanceKind] ?? k),
        bySource: norm(bySource, (k) => k),
        byTownship: [...tMap.values()].sort((a, b) => b.amountFen - a.amountFen || a.label.localeCompare(b.label)),
        byYear: norm(byYear, (k) => `${k}年`).sort((a, b) => a.key.localeCompare(b.key)),
      };
    },
  };
}

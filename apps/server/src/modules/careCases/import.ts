import {
  careCaseCategoryLabels, careCaseCreate, normalizeIdNumber, parseIdNumber, politicalStatusLabels, riskLevelLabels, sexLabels,
  type CareCaseCategory, type CareCaseImportDuplicate, type CareCaseImportJob, type CareCaseImportPreview, type ImportDuplicateAction, type RiskLevel,
  type careCaseImportCommit,
} from '@gg/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { CareCaseStatusChangeTable, CareCaseTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { cellText, findHeader, ImportErrors, importProgress, openPayload, parseLooseDate, readWorksheet, rowReader, sealPayload, withImportCache } from '../../platform/files/importKit.js';
import type { SheetRow, SheetValue } from '../../platform/files/xlsxReader.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { careCaseRepository, idNumberDomain } from './repository.js';
import { adjustCaseStats, caseStatSnapshot } from './caseStats.js';
import { caseAad, caseSecretFields, caseSecrets, encryptField } from './presenter.js';
import type { createCareCaseService } from './service.js';
import { newId } from '../../platform/db/ids.js';
import { rowInserter } from '../../platform/db/rowInserter.js';
import { withRoomToGrow } from '../../platform/memory.js';

type CreateInput = z.output<typeof careCaseCreate>;
type Field =
  | 'seq' | 'name' | 'sex' | 'birthDate' | 'idNumber' | 'politicalStatus' | 'householdAddress' | 'currentAddress' | 'orgUnit'
  | 'familySituation' | 'phone' | 'guardianName' | 'guardianPhone' | 'needsHelp' | 'categories' | 'riskLevel' | 'schoolOrWork'
  | 'guardianConsent' | 'legalBasis' | 'intakeDate';

/** The county ledger's columns and the variants offices use (matched without spaces, * and brackets). */
export const careCaseImportColumns: { field: Field; headers: string[] }[] = [
  { field: 'seq', headers: ['序号', '编号'] },
  { field: 'name', headers: ['姓名', '名字', '青少年姓名', '帮扶对象', '帮扶对象姓名'] },
  { field: 'sex', headers: ['性别'] },
  { field: 'birthDate', headers: ['出生年月', '出生日期', '出生年月日', '生日'] },
  { field: 'idNumber', headers: ['身份证号', '公民身份号码', '身份证号码', '身份证'] },
  { field: 'politicalStatus', headers: ['政治面貌'] },
  { field: 'householdAddress', headers: ['户籍地', '户籍地址', '户籍所在地', '户口所在地'] },
  { field: 'currentAddress', headers: ['常住地', '现住址', '居住地', '常住地址', '家庭住址', '现居住地'] },
  { field: 'orgUnit', headers: ['归口单位', '所属单位', '所属组织', '乡镇（街道）', '乡镇', '村（社区）', '责任单位'] },
  { field: 'familySituation', headers: ['家庭情况', '家庭状况', '家庭基本情况'] },
  { field: 'phone', headers: ['联系方式', '联系电话', '手机号', '手机号码', '电话'] },
  { field: 'guardianName', headers: ['监护人', '监护人姓名'] },
  { field: 'guardianPhone', headers: ['监护人电话', '监护人联系电话', '监护人联系方式'] },
  { field: 'needsHelp', headers: ['是否需要帮扶', '需要帮扶', '是否帮扶'] },
  { field: 'categories', headers: ['帮扶类别', '类别', '对象类别', '人员类别', '类型'] },
  { field: 'riskLevel', headers: ['风险等级', '风险'] },
  { field: 'schoolOrWork', headers: ['就读学校', '学校或工作单位', '学校', '工作单位', '就读学校或工作单位'] },
  { field: 'guardianConsent', headers: ['监护人同意', '监护人是否同意'] },
  { field: 'legalBasis', headers: ['法律依据'] },
  { field: 'intakeDate', headers: ['登记日期', '建档日期', '纳入日期'] },
];
const headerOf = (f: Field) => careCaseImportColumns.find((c) => c.field === f)!.headers[0];
const labelOfPath: Record<string, Field> = {
  name: 'name', idNumber: 'idNumber', categories: 'categories', orgUnitId: 'orgUnit', politicalStatus: 'politicalStatus', phone: 'phone',
  householdAddress: 'householdAddress', currentAddress: 'currentAddress', schoolOrWork: 'schoolOrWork', guardianName: 'guardianName',
  guardianPhone: 'guardianPhone', familySituation: 'familySituation', riskLevel: 'riskLevel', needsHelp: 'needsHelp', intakeDate: 'intakeDate',
  guardianConsent: 'guardianConsent', legalBasis: 'legalBasis',
};

const PREVIEW_MINUTES = 30;
const MAX_ROWS = 10_000;
/** New records a statement in the commit, and a batch for the seal thread. */
const BATCH = 100;
const previewAad = (id: string) => `care_case_import_preview:${id}:payload`;

const categoryByWord: Record<string, CareCaseCategory> = {
  ...Object.fromEntries(Object.entries(careCaseCategoryLabels).map(([k, v]) => [v, k as CareCaseCategory])),
  失足青少年: 'offender', 失管青少年: 'unsupervised', 失学青少年: 'dropout', 失业青年: 'unemployed', 失业青少年: 'unemployed', 失亲儿童: 'bereaved', 失亲青少年: 'bereaved',
  留守: 'unsupervised', 留守儿童: 'unsupervised', 辍学: 'dropout', 孤儿: 'bereaved', 单亲: 'bereaved',
};
const yes = new Set(['是', '需要', 'Y', 'y', '1', '√', '同意']);
const no = new Set(['否', '不需要', 'N', 'n', '0', '×', '不同意']);

/** Ledger dates (kept for callers; the kit's loose date reader). */
export const parseLedgerDate = (raw: SheetValue) => parseLooseDate(raw);

/** A valid row as the preview keeps it for the commit; `bidx` is the ID number's blind index (older payloads lack it). */
interface StoredRow { row: number; input: CreateInput; bidx?: string; duplicate?: { existingId: string; matchedBy: 'idNumber' | 'nameBirthDate' } }
type CommitInput = z.output<typeof careCaseImportCommit>;

/** Ledger import (office-files.md): preview with row/column errors, nothing written until commit, then all or nothing. */
export function createCareCaseImport(platform: Platform, cases: ReturnType<typeof createCareCaseService>) {
  const { db, cipher } = platform;
  const progress = importProgress(platform);

  async function orgResolver(actor: Actor) {
    const nodes = await careCaseRepository(db).orgUnitsInScope(actor);
    const names = new Map(nodes.map((n) => [n.id, n.name]));
    const withNames = nodes.map((n) => ({ pathNames: n.path.split('/').filter(Boolean).map((id) => names.get(id) ?? ''), ...n }));
    // A ledger names the same few units on thousands of rows: each text is resolved once.
    const known = new Map<string, { id?: string; error?: string }>();
    return (value: string): { id?: string; error?: string } => {
      let res = known.get(value);
      if (!res) known.set(value, (res = resolve(value)));
      return res;
    };
    function resolve(value: string): { id?: string; error?: string } {
      const segs = value.split(/[/／>＞\\-]+/).map((s) => s.trim()).filter(Boolean);
      const matches = withNames.filter((n) => n.pathNames.length >= segs.length && segs.every((s, i) => n.pathNames[n.pathNames.length - segs.length + i] === s));
      if (!matches.length) return { error: `找不到归口单位“${value}”（或不在您的管理范围内）` };
      if (matches.length > 1) return { error: `有${matches.length}个名为“${segs.at(-1)}”的单位，请连同上级一起填写，如“${matches[0].pathNames.slice(-2).join('/')}”` };
      return { id: matches[0].id };
    }
  }

  return {
    async template() {
      return buildWorkbook<Record<string, string>>({
        title: '关爱帮扶对象台账（导入模板）',
        columns: careCaseImportColumns.filter((c) => c.field !== 'seq').map((c) => ({ header: c.headers[0], type: 'text' as const, width: 14, value: (r) => r[c.field] })),
        rows: [{
          name: '张小明', sex: '男', birthDate: '2010-05', idNumber: '（18位，以文本格式填写）', politicalStatus: '群众', householdAddress: '某某村3组', currentAddress: '某某村3组',
          orgUnit: '某某镇/某某村', familySituation: '父母外出务工，随祖父母生活', phone: '', guardianName: '张某某', guardianPhone: '13800000000', needsHelp: '是',
          categories: '失学、失管', riskLevel: '中', schoolOrWork: '', guardianConsent: '是', legalBasis: '', intakeDate: '2025-09-01',
        }],
        filters: { 说明: '帮扶类别填写 失足、失管、失学、失业、失亲（可多个，用“、”分开）；未满14周岁须填写“监护人同意”或“法律依据”' },
        exportedBy: '关工通',
      });
    },

    async preview(actor: Actor, who: AuditActor, file: { filename: string | null; buffer: Buffer }): Promise<CareCaseImportPreview> {
      // The sheet and its rows are live while the checks make garbage: room for the heap to grow (platform/memory.ts).
      return withRoomToGrow(async () => {
        const ws = await readWorksheet(file.buffer);
        // Header: the first of the top rows naming 姓名 and at least one more known column (a merged title may sit above).
        const header = findHeader(ws, careCaseImportColumns, { anchor: 'name', minKnown: 2 });
        const missing = (['name', 'idNumber', 'orgUnit', 'categories'] as Field[]).filter((f) => !header?.colOf.has(f));
        if (!header || missing.length) {
          throw new AppError('IMPORT_FILE_UNREADABLE', `没有找到必需的列：${missing.map(headerOf).join('、')}（可下载导入模板对照）`);
        }
        const columns: CareCaseImportPreview['columns'] = header.columns;
        // Errors name the column as the file calls it (公民身份号码, 联系电话, …).
        const columnName = header.columnName;
        const resolveOrg = await orgResolver(actor);
        const errors = new ImportErrors();
        const parsed: { row: number; input?: CreateInput; bidx?: string; birthDate?: string; name: string; orgUnitName: string; categories: string[] }[] = [];
        const get = (row: SheetRow, f: Field) => (header.colOf.has(f) ? row.getCell(header.colOf.get(f)!).value : null);
        const text = (row: SheetRow, f: Field) => cellText(get(row, f));
        for (let r = header.headerRow + 1; r <= ws.rowCount; r++) {
          if (rowReader(ws, header, r).blank) continue;
          const row = ws.getRow(r);
          if (parsed.length >= MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `一次最多导入${MAX_ROWS}行，请分批导入`);
          const rowErrors: { column: string; message: string }[] = [];
          const err = (f: Field, message: string) => rowErrors.push({ column: columnName(f), message });
          const name = text(row, 'name');
          // ID number: Excel-damaged numbers, check digit, birth date.
          const idRaw = text(row, 'idNumber');
          const id = idRaw ? parseIdNumber(idRaw) : undefined;
          if (!idRaw) err('idNumber', '请填写身份证号');
          else if (!id!.ok) err('idNumber', id!.reason);
          // Categories: several in one cell, joined by 、，, ; or spaces.
          const catWords = text(row, 'categories').split(/[、，,;；\s/]+/).filter(Boolean);
          const categories = [...new Set(catWords.map((w) => categoryByWord[w]))];
          if (!catWords.length) err('categories', '请填写帮扶类别（失足、失管、失学、失业、失亲）');
          else if (categories.includes(undefined as never)) err('categories', `无法识别的帮扶类别“${catWords.filter((w) => !categoryByWord[w]).join('、')}”`);
          const orgText = text(row, 'orgUnit');
          let orgUnitId: string | undefined;
          if (!orgText) err('orgUnit', '请填写归口单位');
          else {
            const res = resolveOrg(orgText);
            if (res.error) err('orgUnit', res.error);
            orgUnitId = res.id;
          }
          if (id?.ok) {
            const sexText = text(row, 'sex');
            if (sexText && sexText !== sexLabels[id.info.sex]) err('sex', `性别“${sexText}”与身份证号不符（应为${sexLabels[id.info.sex]}）`);
            const birth = parseLedgerDate(get(row, 'birthDate'));
            if (birth === null) err('birthDate', `无法识别的日期“${text(row, 'birthDate')}”`);
            else if (birth && birth.slice(0, 7) !== id.info.birthDate.slice(0, 7)) err('birthDate', `出生年月与身份证号不符（身份证为${id.info.birthDate.slice(0, 7)}）`);
          }
          const intake = parseLedgerDate(get(row, 'intakeDate'));
          if (intake === null) err('intakeDate', `无法识别的日期“${text(row, 'intakeDate')}”`);
          const flag = (f: Field) => {
            const v = text(row, f);
            if (!v) return undefined;
            if (yes.has(v)) return true;
            if (no.has(v)) return false;
            err(f, `请填写“是”或“否”`);
            return undefined;
          };
          const political = text(row, 'politicalStatus');
          const politicalStatus = political ? (Object.entries(politicalStatusLabels).find(([, l]) => l === political || l.replace('中共', '') === political)?.[0] ?? null) : undefined;
          if (politicalStatus === null) err('politicalStatus', `无法识别的政治面貌“${political}”`);
          const risk = text(row, 'riskLevel').replace(/风险$/, '');
          const riskLevel = risk ? (Object.entries(riskLevelLabels).find(([k, l]) => l === risk || k === risk)?.[0] as RiskLevel | undefined) : undefined;
          if (risk && !riskLevel) err('riskLevel', `风险等级只能是 高、中、低`);
          const candidate = {
            name, idNumber: id?.ok ? id.value : idRaw || '', categories: categories.filter(Boolean), orgUnitId: orgUnitId ?? newId(),
            ...(politicalStatus ? { politicalStatus } : {}),
            phone: text(row, 'phone') || undefined, householdAddress: text(row, 'householdAddress') || undefined, currentAddress: text(row, 'currentAddress') || undefined,
            schoolOrWork: text(row, 'schoolOrWork') || undefined, guardianName: text(row, 'guardianName') || undefined, guardianPhone: text(row, 'guardianPhone') || undefined,
            familySituation: text(row, 'familySituation') || undefined, riskLevel: riskLevel ?? 'low', needsHelp: flag('needsHelp') ?? true,
            ...(intake ? { intakeDate: intake } : {}), guardianConsent: flag('guardianConsent'), legalBasis: text(row, 'legalBasis') || undefined,
          };
          // The same schema as the form: field errors map back to the ledger's columns.
          const checked = careCaseCreate.safeParse(candidate);
          if (!checked.success) {
            for (const issue of checked.error.issues) {
              const f = labelOfPath[String(issue.path[0])];
              if (!f || rowErrors.some((e) => e.column === columnName(f))) continue;
              err(f, issue.message);
            }
          }
          const bidx = id?.ok ? cipher.blindIndex(id.value, idNumberDomain) : undefined;
          for (const e of rowErrors) errors.add(r, e.column, e.message);
          parsed.push({ row: r, input: rowErrors.length || !checked.success ? undefined : checked.data, bidx, birthDate: id?.ok ? id.info.birthDate : undefined, name, orgUnitName: orgText, categories: catWords });
        }
        if (!parsed.length) throw new AppError('IMPORT_EMPTY');
        // Duplicates within the file are errors (which one is right?).
        const seen = new Map<string, number>();
        for (const p of parsed) {
          if (!p.bidx) continue;
          const first = seen.get(p.bidx);
          if (first !== undefined) {
            errors.add(p.row, columnName('idNumber'), `与第${first}行身份证号重复`);
            p.input = undefined;
          } else seen.set(p.bidx, p.row);
        }
        // Against the registry: the same ID number in scope, or the same name and birth date, is a duplicate the user
        // decides on (skip / update / keep both); the same ID number outside the caller's scope is an error.
        const repo = careCaseRepository(db);
        const existing = await repo.byBidx([...seen.keys()]);
        const duplicates: CareCaseImportDuplicate[] = [];
        const stored = new Map<number, StoredRow>();
        for (const p of parsed) if (p.input) stored.set(p.row, { row: p.row, input: p.input, bidx: p.bidx });
        // One query per 500 duplicates, not one per row.
        const inScopeById = await repo.findManyInScope(actor, [...existing.values()].map((e) => e.id));
        for (const p of parsed) {
          if (!p.bidx || !existing.has(p.bidx) || seen.get(p.bidx) !== p.row) continue;
          const inScope = inScopeById.get(existing.get(p.bidx)!.id);
          if (!inScope || inScope.status === 'merged' || inScope.anonymizedAt) {
            errors.add(p.row, columnName('idNumber'), '该身份证号已在其他单位建档（重复），请联系县关工委办公室');
            p.input = undefined;
            stored.delete(p.row);
          } else if (p.input) {
            duplicates.push({ row: p.row, name: p.name, existingId: inScope.id, existingName: inScope.name, existingOrgUnitName: inScope.orgUnitName, matchedBy: 'idNumber', allowed: ['skip', 'update'] });
            stored.get(p.row)!.duplicate = { existingId: inScope.id, matchedBy: 'idNumber' };
          }
        }
        // Birth dates as the ID numbers gave them above (a stored row's ID number is valid).
        const birthOf = new Map(parsed.map((p) => [p.row, p.birthDate!]));
        const byNameBirth = await namesakes(actor, [...stored.values()].filter((s) => !s.duplicate).map((s) => [s.input.name, birthOf.get(s.row)!]));
        for (const sr of stored.values()) {
          if (sr.duplicate) continue;
          const match = byNameBirth.get(`${sr.input.name}|${birthOf.get(sr.row)}`);
          if (!match) continue;
          duplicates.push({ row: sr.row, name: sr.input.name, existingId: match.id, existingName: match.name, existingOrgUnitName: match.orgUnitName, matchedBy: 'nameBirthDate', allowed: ['skip', 'update', 'keep'] });
          sr.duplicate = { existingId: match.id, matchedBy: 'nameBirthDate' };
        }
        const valid = [...stored.values()].filter((v) => !errors.has(v.row));
        const invalidRows = errors.rows.size;
        const previewId = newId();
        const now = new Date();
        const expiresAt = new Date(now.getTime() + PREVIEW_MINUTES * 60_000).toISOString();
        await platform.transaction(who, async (trx, audit) => {
          await trx.deleteFrom('careCaseImportPreview').where('expiresAt', '<', now.toISOString()).execute();
          await trx.insertInto('careCaseImportPreview').values({
            id: previewId, createdBy: actor.userId, createdAt: now.toISOString(), expiresAt, fileName: file.filename, rowCount: parsed.length,
            invalidCount: invalidRows, status: 'previewed', createdCount: 0, message: null, payloadEnc: sealPayload(cipher, valid, previewAad(previewId)),
          }).execute();
          await audit({
            event: 'careCase.importPreview', objectType: 'careCase', summary: `预览导入帮扶对象台账：${parsed.length} 行，问题行 ${invalidRows} 行，与已有档案重复 ${duplicates.length} 行`,
            detail: { rows: parsed.length, invalidRows, duplicates: duplicates.length, fileName: file.filename },
          });
        });
        return {
          previewId, fileName: file.filename, rowCount: parsed.length, validCount: parsed.length - invalidRows, invalidCount: invalidRows, columns, errors: errors.sorted(),
          duplicates: duplicates.sort((a, b) => a.row - b.row),
          sample: parsed.slice(0, 20).map((p) => ({ row: p.row, name: p.name, orgUnitName: p.orgUnitName, categories: p.categories })), expiresAt,
        };
      });
    },

    /**
     * Start the commit: every row in one transaction (all or nothing), each duplicate as the user chose; progress is
     * polled via `job` (or GET /api/import-jobs/:id) from any instance.
     */
    async commit(actor: Actor, who: AuditActor, input: CommitInput | string): Promise<CareCaseImportJob> {
      const body: CommitInput = typeof input === 'string' ? { previewId: input } : input;
      const previewId = body.previewId;
      const preview = await db.selectFrom('careCaseImportPreview').selectAll().where('id', '=', previewId).where('createdBy', '=', actor.userId).executeTakeFirst();
      if (!preview || preview.status !== 'previewed' || preview.expiresAt < new Date().toISOString()) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      if (preview.invalidCount > 0) throw new AppError('IMPORT_HAS_ERRORS', `文件中有 ${preview.invalidCount} 行有问题，须全部改正后重新上传；为保证台账完整，不能只导入部分行`);
      const rows = openPayload<StoredRow[]>(cipher, preview.payloadEnc, previewAad(previewId));
      // Every duplicate needs a decision, and "keep both" is impossible for the same ID number.
      const chosen = new Map((body.choices ?? []).map((c) => [c.row, c.action]));
      const plan = rows.map((r) => ({ action: (r.duplicate ? chosen.get(r.row) ?? body.duplicates : 'create') as ImportDuplicateAction | 'create' | undefined, ...r }));
      const undecided = plan.filter((p) => p.duplicate && !p.action);
      if (undecided.length) {
        throw new AppError('VALIDATION_FAILED', `有 ${undecided.length} 行与已有档案重复，请选择跳过、更新或两份都保留`, undecided.slice(0, 20).map((p) => ({ path: `第${p.row}行`, message: '请选择重复行的处理方式' })));
      }
      const impossible = plan.filter((p) => p.duplicate?.matchedBy === 'idNumber' && p.action === 'keep');
      if (impossible.length) {
        throw new AppError('VALIDATION_FAILED', '身份证号相同的是同一人，不能两份都保留', impossible.slice(0, 20).map((p) => ({ path: `第${p.row}行`, message: '身份证号相同，只能跳过或更新' })));
      }
      const claimed = await db.updateTable('careCaseImportPreview').set({ status: 'running' }).where('id', '=', previewId).where('status', '=', 'previewed').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      const state = await progress.start(previewId, 'careCase', actor.userId, plan.length);
      void withRoomToGrow(() => this.run(actor, who, previewId, plan, preview.fileName));
      return { previewId, status: 'running', total: state.total, done: 0, created: 0, updated: 0, skipped: 0, message: null };
    },

    async run(actor: Actor, who: AuditActor, previewId: string, plan: (StoredRow & { action?: ImportDuplicateAction | 'create' })[], fileName: string | null) {
      const counts = { created: 0, updated: 0, skipped: 0 };
      try {
        await platform.transaction(who, (trx, audit) => withImportCache(platform, trx, async () => {
          const r = careCaseRepository(trx);
          const now = new Date().toISOString();
          const updatedIds: string[] = [];
          let done = 0;
          // The records to update, read in one query per 500 (inside the transaction: still in scope now?).
          const targets = await r.findManyInScope(actor, plan.filter((p) => p.action === 'update').map((p) => p.duplicate!.existingId));
          // The summary tables take the difference of the updated records' share and the new records' (keepCaseStats).
          const statsBefore = await caseStatSnapshot(trx, [...targets.keys()]);
          // The blind index is unique: a record created since the preview makes the whole batch fail (nothing written).
          const creating = plan.filter((p) => p.action !== 'skip' && p.action !== 'update');
          const clash = await r.byBidx(creating.map((p) => p.bidx ?? cipher.blindIndex(normalizeIdNumber(p.input.idNumber), idNumberDomain)));
          if (clash.size) throw new AppError('CARE_CASE_DUPLICATE', `预览之后又有 ${clash.size} 人已建档，请重新上传预览`);
          // Written as they are made, 100 cases a statement, so that a row is garbage once written rather than held (and
          // promoted by the collector) until the whole file is built. New ids (newId, UUID version 7) ascend in the
          // file's order: each index keyed by a case id, and the changes' primary key, fill at their right edge.
          // Categories and changes go 500 a statement, each after the cases it names.
          const newCases: CareCaseTable[] = [];
          const newCats: { caseId: string; category: string }[] = [];
          const newChanges: CareCaseStatusChangeTable[] = [];
          const statCases: { id: string; orgUnitId: string; intakeDate: string; status: string; outcome: null }[] = [];
          const statCats: { caseId: string; category: string }[] = [];
          // Each statement built and compiled once per transaction (rowInserter), not per hundred rows.
          const insertCases = rowInserter(trx, 'careCase');
          const insertCats = rowInserter(trx, 'careCaseCategory');
          const insertChanges = rowInserter(trx, 'careCaseStatusChange');
          const write = async (all: boolean) => {
            if (newCases.length) await insertCases(newCases.splice(0));
            while (newCats.length >= 500 || (all && newCats.length)) await insertCats(newCats.splice(0, 500));
            while (newChanges.length >= 500 || (all && newChanges.length)) await insertChanges(newChanges.splice(0, 500));
          };
          // Skips and updates first, in the file's order (two rows may update the same record: the second sees the first).
          for (const p of plan) {
            if (p.action === 'skip') counts.skipped++;
            if (p.action !== 'update') continue;
            // The existing record must still be in scope and open to edits.
            const target = targets.get(p.duplicate!.existingId);
            if (!target || target.status === 'merged' || target.anonymizedAt) throw new AppError('CARE_CASE_NOT_FOUND', `第${p.row}行要更新的档案已不存在或已合并，请重新上传预览`);
            await r.update(target.id, updatePatch(target.id, p.input, now));
            const categories = [...new Set([...target.categories, ...p.input.categories])];
            await r.setCategories(target.id, categories);
            targets.set(target.id, { ...target, categories });
            newChanges.push({ id: newId(), caseId: target.id, kind: 'status', fromStatus: target.status, toStatus: target.status, note: '台账导入更新档案', at: now, byUserId: actor.userId });
            updatedIds.push(target.id);
            counts.updated++;
            if (++done % 100 === 0) await progress.report(previewId, done);
          }
          done += counts.skipped;
          // Then the new records, 100 at a time: the seal thread encrypts the next hundred's fields while these are
          // written (cipher.encryptMany; ~5 µs a field on the main thread otherwise). "Keep both" for a namesake with
          // another ID number makes a second record; the same ID is never kept twice.
          const ids = creating.map(() => newId());
          const seal = (from: number) => {
            const batch = creating.slice(from, from + BATCH);
            const secrets = batch.map((p) => caseSecrets(p.input, p.input.idNumber));
            const pairs: string[] = [];
            secrets.forEach((values, j) => values.forEach((v, f) => v && pairs.push(v, caseAad(ids[from + j]!, caseSecretFields[f]!))));
            const sealed = cipher.encryptMany(pairs).then((tokens) => {
              let t = 0;
              return secrets.map((values) => values.map((v) => (v ? tokens[t++]! : null)));
            });
            // Awaited in its turn; should a write fail first, its failure is not left unhandled.
            sealed.catch(() => undefined);
            return sealed;
          };
          let next = seal(0);
          for (let from = 0; from < creating.length; from += BATCH) {
            const sealed = await next;
            if (from + BATCH < creating.length) next = seal(from + BATCH);
            for (let j = 0; j < sealed.length; j++) {
              const p = creating[from + j]!;
              const id = ids[from + j]!;
              // `source` first: the form's input has none, and a key after a leading spread costs a hidden class a row.
              const row = cases.newCaseRow(actor, { source: 'import', ...p.input }, id, now, p.bidx, sealed[j]);
              newCases.push(row);
              statCases.push({ id, orgUnitId: row.orgUnitId, intakeDate: row.intakeDate, status: row.status, outcome: null });
              for (const c of new Set(p.input.categories)) {
                newCats.push({ caseId: id, category: c });
                statCats.push({ caseId: id, category: c });
              }
              newChanges.push({ id: newId(), caseId: id, kind: 'created', fromStatus: null, toStatus: 'intake', note: '台账导入', at: now, byUserId: actor.userId });
              counts.created++;
            }
            await write(false);
            done += sealed.length;
            await progress.report(previewId, done);
          }
          await write(true);
          await adjustCaseStats(trx, statsBefore, await caseStatSnapshot(trx, [...targets.keys()], { cases: statCases, categories: statCats }));
          await trx.updateTable('careCaseImportPreview').set({ status: 'done', createdCount: counts.created, payloadEnc: '' }).where('id', '=', previewId).execute();
          await audit({
            event: 'careCase.import', objectType: 'careCase',
            summary: `导入帮扶对象台账：新建 ${counts.created} 条，更新 ${counts.updated} 条，跳过 ${counts.skipped} 条`,
            detail: { rows: counts.created, ...counts, fileName, updatedIds },
          });
        }));
        await progress.finish(previewId, { status: 'done', ...counts });
      } catch (e) {
        const message = e instanceof AppError ? e.message : '导入失败，没有写入任何数据，请稍后重试';
        await db.updateTable('careCaseImportPreview').set({ status: 'failed', message }).where('id', '=', previewId).execute().catch(() => undefined);
        await progress.finish(previewId, { status: 'failed', message }).catch(() => undefined);
      }
    },

    async job(actor: Actor, previewId: string): Promise<CareCaseImportJob> {
      const row = await db.selectFrom('careCaseImportPreview').select(['id', 'status', 'rowCount', 'invalidCount', 'createdCount', 'message']).where('id', '=', previewId).where('createdBy', '=', actor.userId).executeTakeFirst();
      if (!row) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      const p = await progress.read(previewId, actor.userId);
      if (p) return { previewId, status: p.status, total: p.total, done: p.done, created: p.created, updated: p.updated, skipped: p.skipped, message: p.message };
      const total = row.rowCount - row.invalidCount;
      return { previewId, status: row.status as CareCaseImportJob['status'], total, done: row.status === 'done' ? total : 0, created: Number(row.createdCount), message: row.message };
    },
  };

  /**
   * Existing records in scope with the same name and birth date as rows of the file: the file's (name, birth date)
   * pairs joined to the name index, 500 pairs a query (by name alone a common name brought back every namesake).
   */
  async function namesakes(actor: Actor, namesAndBirthDates: [string, string][]) {
    const out = new Map<string, { id: string; name: string; orgUnitName: string }>();
    const pairs = new Map<string, [string, string]>();
    for (const [name, birthDate] of namesAndBirthDates) pairs.set(`${name}|${birthDate}`, [name, birthDate]);
    const all = [...pairs.values()];
    for (let i = 0; i < all.length; i += 500) {
      // VALUES names its columns column1, column2 on both SQLite and PostgreSQL.
      const keys = sql<{ column1: string; column2: string }>`(VALUES ${sql.join(all.slice(i, i + 500).map(([n, b]) => sql`(${n}, ${b})`))})`.as('k');
      const found = await db
        .selectFrom(keys)
        .innerJoin('careCase', (j) => j.onRef('careCase.name', '=', 'k.column1').onRef('careCase.birthDate', '=', 'k.column2'))
        .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
        .select(['careCase.id', 'careCase.name', 'careCase.birthDate', 'orgUnit.name as orgUnitName'])
        .where('careCase.status', '!=', 'merged')
        .where('careCase.anonymizedAt', 'is', null)
        .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'))
        .execute();
      for (const f of found) out.set(`${f.name}|${f.birthDate}`, { id: f.id, name: f.name, orgUnitName: f.orgUnitName });
    }
    return out;
  }

  /** The ledger's values over an existing record; its identity (ID number, sex, birth date) and status stay. */
  function updatePatch(id: string, input: CreateInput, now: string) {
    const keys = pinyinKeys(input.name);
    return {
      name: input.name, namePinyin: keys.full, nameInitials: keys.initials, orgUnitId: input.orgUnitId, riskLevel: input.riskLevel, needsHelp: input.needsHelp ? 1 : 0,
      ...(input.politicalStatus ? { politicalStatus: input.politicalStatus } : {}),
      ...(input.schoolOrWork ? { schoolOrWork: input.schoolOrWork } : {}),
      ...(input.guardianName ? { guardianName: input.guardianName } : {}),
      ...(input.phone ? { phoneEnc: encryptField(cipher, id, 'phone', input.phone) } : {}),
      ...(input.householdAddress ? { householdAddressEnc: encryptField(cipher, id, 'householdAddress', input.householdAddress) } : {}),
      ...(input.currentAddress ? { currentAddressEnc: encryptField(cipher, id, 'currentAddress', input.currentAddress) } : {}),
      ...(input.guardianPhone ? { guardianPhoneEnc: encryptField(cipher, id, 'guardianPhone', input.guardianPhone) } : {}),
      ...(input.familySituation ? { familySituationEnc: encryptField(cipher, id, 'familySituation', input.familySituation) } : {}),
      ...(input.guardianConsent !== undefined ? { guardianConsent: input.guardianConsent ? 1 : 0 } : {}),
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
      updatedAt: now,
    };
  }
}

import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  careCaseCategoryLabels, careCaseCreate, parseIdNumber, politicalStatusLabels, riskLevelLabels, sexLabels,
  type CareCaseCategory, type CareCaseImportJob, type CareCaseImportPreview, type RiskLevel,
} from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { detectUploadKind } from '../../platform/files/uploads.js';
import { normalizeCell } from '../users/import.js';
import { careCaseRepository, idNumberDomain } from './repository.js';
import type { createCareCaseService } from './service.js';

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
const headerKey = (h: string) => normalizeCell(h).replace(/[\s*＊:：()（）]/g, '');
const synonyms = new Map(careCaseImportColumns.flatMap((c) => c.headers.map((h) => [headerKey(h), c.field] as const)));
const headerOf = (f: Field) => careCaseImportColumns.find((c) => c.field === f)!.headers[0];
const labelOfPath: Record<string, Field> = {
  name: 'name', idNumber: 'idNumber', categories: 'categories', orgUnitId: 'orgUnit', politicalStatus: 'politicalStatus', phone: 'phone',
  householdAddress: 'householdAddress', currentAddress: 'currentAddress', schoolOrWork: 'schoolOrWork', guardianName: 'guardianName',
  guardianPhone: 'guardianPhone', familySituation: 'familySituation', riskLevel: 'riskLevel', needsHelp: 'needsHelp', intakeDate: 'intakeDate',
  guardianConsent: 'guardianConsent', legalBasis: 'legalBasis',
};

const PREVIEW_MINUTES = 30;
const MAX_ROWS = 10_000;
const previewAad = (id: string) => `care_case_import_preview:${id}:payload`;

const categoryByWord: Record<string, CareCaseCategory> = {
  ...Object.fromEntries(Object.entries(careCaseCategoryLabels).map(([k, v]) => [v, k as CareCaseCategory])),
  失足青少年: 'offender', 失管青少年: 'unsupervised', 失学青少年: 'dropout', 失业青年: 'unemployed', 失业青少年: 'unemployed', 失亲儿童: 'bereaved', 失亲青少年: 'bereaved',
  留守: 'unsupervised', 留守儿童: 'unsupervised', 辍学: 'dropout', 孤儿: 'bereaved', 单亲: 'bereaved',
};
const yes = new Set(['是', '需要', 'Y', 'y', '1', '√', '同意']);
const no = new Set(['否', '不需要', 'N', 'n', '0', '×', '不同意']);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // Excel turns an ID number typed without a leading quote into 1.10101E+17: the digits are gone.
    if (Math.abs(v) >= 1e15) return v.toExponential(5).toUpperCase();
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'object') {
    if ('richText' in v) return normalizeCell(v.richText.map((t) => t.text).join(''));
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return normalizeCell(String(v.text));
    return '';
  }
  return normalizeCell(String(v));
}

/** Dates as real dates, Excel serials, `2008.05`, `2008年5月`, `2008-05-01`, `2008/5/1`, `20080501`; null = unreadable. */
export function parseLedgerDate(raw: ExcelJS.CellValue): string | undefined | null {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 1000 && raw < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000).toISOString().slice(0, 10);
  }
  const s = cellText(raw).replace(/\s+/g, '');
  if (!s) return undefined;
  const m = /^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?)?月?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

interface StoredRow { row: number; input: CreateInput }
interface Progress { total: number; done: number; status: CareCaseImportJob['status']; created: number; message: string | null }

/** Ledger import (office-files.md): preview with row/column errors, nothing written until commit, then all or nothing. */
export function createCareCaseImport(platform: Platform, cases: ReturnType<typeof createCareCaseService>) {
  const { db, cipher } = platform;
  // Progress of running commits on this instance (another instance answers from the preview row).
  const progress = new Map<string, Progress>();

  async function orgResolver(actor: Actor) {
    const nodes = await careCaseRepository(db).orgUnitsInScope(actor);
    const names = new Map(nodes.map((n) => [n.id, n.name]));
    const withNames = nodes.map((n) => ({ ...n, pathNames: n.path.split('/').filter(Boolean).map((id) => names.get(id) ?? '') }));
    return (value: string): { id?: string; error?: string } => {
      const segs = value.split(/[/／>＞\\-]+/).map((s) => s.trim()).filter(Boolean);
      const matches = withNames.filter((n) => n.pathNames.length >= segs.length && segs.every((s, i) => n.pathNames[n.pathNames.length - segs.length + i] === s));
      if (!matches.length) return { error: `找不到归口单位“${value}”（或不在您的管理范围内）` };
      if (matches.length > 1) return { error: `有${matches.length}个名为“${segs.at(-1)}”的单位，请连同上级一起填写，如“${matches[0].pathNames.slice(-2).join('/')}”` };
      return { id: matches[0].id };
    };
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
      if (detectUploadKind(file.buffer) !== 'xlsx') throw new AppError('IMPORT_FILE_UNREADABLE');
      const wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
      } catch {
        throw new AppError('IMPORT_FILE_UNREADABLE');
      }
      const ws = wb.worksheets.find((w) => w.state !== 'hidden' && !['填表说明', '导出说明'].includes(w.name));
      if (!ws) throw new AppError('IMPORT_EMPTY');
      // Header: the first of the top rows naming 姓名 and at least one more known column (a merged title may sit above).
      let headerRow = 0;
      const colOf = new Map<Field, number>();
      const columns: CareCaseImportPreview['columns'] = [];
      for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
        const found: { col: number; header: string; field: Field | null }[] = [];
        ws.getRow(r).eachCell((cell, col) => {
          const header = cellText(cell.value);
          if (header) found.push({ col, header, field: synonyms.get(headerKey(header)) ?? null });
        });
        if (found.some((f) => f.field === 'name') && found.filter((f) => f.field).length >= 2) {
          headerRow = r;
          for (const f of found) {
            columns.push({ header: f.header, field: f.field });
            if (f.field && !colOf.has(f.field)) colOf.set(f.field, f.col);
          }
        }
      }
      const missing = (['name', 'idNumber', 'orgUnit', 'categories'] as Field[]).filter((f) => !colOf.has(f));
      if (!headerRow || missing.length) {
        throw new AppError('IMPORT_FILE_UNREADABLE', `没有找到必需的列：${(headerRow ? missing : ['name', 'idNumber', 'orgUnit', 'categories'] as Field[]).map(headerOf).join('、')}（可下载导入模板对照）`);
      }
      // Errors name the column as the file calls it (公民身份号码, 联系电话, …).
      const fileHeader = new Map<Field, string>();
      for (const c of columns) if (c.field && !fileHeader.has(c.field as Field)) fileHeader.set(c.field as Field, c.header);
      const columnName = (f: Field) => fileHeader.get(f) ?? headerOf(f);
      const resolveOrg = await orgResolver(actor);
      const errors: CareCaseImportPreview['errors'] = [];
      const parsed: { row: number; input?: CreateInput; bidx?: string; name: string; orgUnitName: string; categories: string[] }[] = [];
      const get = (row: ExcelJS.Row, f: Field) => (colOf.has(f) ? row.getCell(colOf.get(f)!).value : null);
      const text = (row: ExcelJS.Row, f: Field) => cellText(get(row, f));
      for (let r = headerRow + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (!row.hasValues || !careCaseImportColumns.some((c) => c.field !== 'seq' && text(row, c.field))) continue;
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
          name, idNumber: id?.ok ? id.value : idRaw || '', categories: categories.filter(Boolean), orgUnitId: orgUnitId ?? crypto.randomUUID(),
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
        for (const e of rowErrors) errors.push({ row: r, ...e });
        parsed.push({ row: r, input: rowErrors.length || !checked.success ? undefined : checked.data, bidx, name, orgUnitName: orgText, categories: catWords });
      }
      if (!parsed.length) throw new AppError('IMPORT_EMPTY');
      // Duplicates: within the file, and against every existing record (in scope or not: no silent duplicates).
      const seen = new Map<string, number>();
      for (const p of parsed) {
        if (!p.bidx) continue;
        const first = seen.get(p.bidx);
        if (first !== undefined) {
          errors.push({ row: p.row, column: columnName('idNumber'), message: `与第${first}行身份证号重复` });
          p.input = undefined;
        } else seen.set(p.bidx, p.row);
      }
      const existing = await careCaseRepository(db).byBidx([...seen.keys()]);
      for (const p of parsed) {
        if (!p.bidx || !existing.has(p.bidx) || seen.get(p.bidx) !== p.row) continue;
        const inScope = await careCaseRepository(db).findInScope(actor, existing.get(p.bidx)!.id);
        errors.push({ row: p.row, column: columnName('idNumber'), message: inScope ? '该身份证号已经建档（重复）' : '该身份证号已在其他单位建档（重复），请联系县关工委办公室' });
        p.input = undefined;
      }
      errors.sort((a, b) => a.row - b.row);
      const valid: StoredRow[] = parsed.filter((p) => p.input).map((p) => ({ row: p.row, input: p.input! }));
      const invalidRows = new Set(errors.map((e) => e.row)).size;
      const previewId = crypto.randomUUID();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + PREVIEW_MINUTES * 60_000).toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('careCaseImportPreview').where('expiresAt', '<', now.toISOString()).execute();
        await trx.insertInto('careCaseImportPreview').values({
          id: previewId, createdBy: actor.userId, createdAt: now.toISOString(), expiresAt, fileName: file.filename, rowCount: parsed.length,
          invalidCount: invalidRows, status: 'previewed', createdCount: 0, message: null, payloadEnc: cipher.encrypt(JSON.stringify(valid), previewAad(previewId)),
        }).execute();
        await audit({ event: 'careCase.importPreview', objectType: 'careCase', summary: `预览导入帮扶对象台账：${parsed.length} 行，问题行 ${invalidRows} 行`, detail: { rows: parsed.length, invalidRows, fileName: file.filename } });
      });
      return {
        previewId, fileName: file.filename, rowCount: parsed.length, validCount: parsed.length - invalidRows, invalidCount: invalidRows, columns, errors,
        sample: parsed.slice(0, 20).map((p) => ({ row: p.row, name: p.name, orgUnitName: p.orgUnitName, categories: p.categories })), expiresAt,
      };
    },

    /** Start the commit: every row in one transaction (all or nothing), progress polled via `job`. */
    async commit(actor: Actor, who: AuditActor, previewId: string): Promise<CareCaseImportJob> {
      const preview = await db.selectFrom('careCaseImportPreview').selectAll().where('id', '=', previewId).where('createdBy', '=', actor.userId).executeTakeFirst();
      if (!preview || preview.status !== 'previewed' || preview.expiresAt < new Date().toISOString()) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      if (preview.invalidCount > 0) throw new AppError('IMPORT_HAS_ERRORS', `文件中有 ${preview.invalidCount} 行有问题，须全部改正后重新上传；为保证台账完整，不能只导入部分行`);
      const claimed = await db.updateTable('careCaseImportPreview').set({ status: 'running' }).where('id', '=', previewId).where('status', '=', 'previewed').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      const rows = JSON.parse(cipher.decrypt(preview.payloadEnc, previewAad(previewId))) as StoredRow[];
      const state: Progress = { total: rows.length, done: 0, status: 'running', created: 0, message: null };
      progress.set(previewId, state);
      void this.run(actor, who, previewId, rows, state, preview.fileName);
      return { previewId, ...state };
    },

    async run(actor: Actor, who: AuditActor, previewId: string, rows: StoredRow[], state: Progress, fileName: string | null) {
      try {
        await platform.transaction(who, async (trx, audit) => {
          const r = careCaseRepository(trx);
          const now = new Date().toISOString();
          const caseRows = [];
          const cats: { caseId: string; category: string }[] = [];
          const changes = [];
          for (const { input } of rows) {
            const id = crypto.randomUUID();
            caseRows.push(cases.newCaseRow(actor, { ...input, source: 'import' }, id, now));
            for (const c of new Set(input.categories)) cats.push({ caseId: id, category: c });
            changes.push({ id: crypto.randomUUID(), caseId: id, kind: 'created', fromStatus: null, toStatus: 'intake', note: '台账导入', at: now, byUserId: actor.userId });
          }
          // The blind index is unique: a record created since the preview makes the whole batch fail (nothing written).
          const clash = await r.byBidx(caseRows.map((c) => c.idNumberBidx!));
          if (clash.size) throw new AppError('CARE_CASE_DUPLICATE', `预览之后又有 ${clash.size} 人已建档，请重新上传预览`);
          const batch = 100;
          for (let i = 0; i < caseRows.length; i += batch) {
            await trx.insertInto('careCase').values(caseRows.slice(i, i + batch)).execute();
            state.done = Math.min(caseRows.length, i + batch);
          }
          for (let i = 0; i < cats.length; i += 500) await trx.insertInto('careCaseCategory').values(cats.slice(i, i + 500)).execute();
          for (let i = 0; i < changes.length; i += 500) await trx.insertInto('careCaseStatusChange').values(changes.slice(i, i + 500)).execute();
          await trx.updateTable('careCaseImportPreview').set({ status: 'done', createdCount: caseRows.length, payloadEnc: '' }).where('id', '=', previewId).execute();
          await audit({ event: 'careCase.import', objectType: 'careCase', summary: `导入帮扶对象台账 ${caseRows.length} 条`, detail: { rows: caseRows.length, fileName } });
        });
        Object.assign(state, { status: 'done', created: rows.length, done: rows.length });
      } catch (e) {
        const message = e instanceof AppError ? e.message : '导入失败，没有写入任何数据，请稍后重试';
        Object.assign(state, { status: 'failed', done: 0, message });
        await db.updateTable('careCaseImportPreview').set({ status: 'failed', message }).where('id', '=', previewId).execute().catch(() => undefined);
      }
    },

    async job(actor: Actor, previewId: string): Promise<CareCaseImportJob> {
      const row = await db.selectFrom('careCaseImportPreview').select(['id', 'status', 'rowCount', 'invalidCount', 'createdCount', 'message']).where('id', '=', previewId).where('createdBy', '=', actor.userId).executeTakeFirst();
      if (!row) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      const live = progress.get(previewId);
      if (live && live.status === 'running') return { previewId, ...live };
      const total = row.rowCount - row.invalidCount;
      return { previewId, status: row.status as CareCaseImportJob['status'], total, done: row.status === 'done' ? total : 0, created: Number(row.createdCount), message: row.message };
    },
  };
}

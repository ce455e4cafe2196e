import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../platform/files/excel.js';
import { maskIdNumber, maskName, parseIdNumber, trainingEducationLabels, trainingEducations, type TrainingImportPreview } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { detectUploadKind } from '../../platform/files/uploads.js';
import { openPayload, sealPayload } from '../../platform/files/importKit.js';
import { classPolicy } from './policy.js';
import { importPayloadAad } from './presenter.js';
import type { TraineeInput, TrainingService } from './service.js';
import { newId } from '../../platform/db/ids.js';

const PREVIEW_MINUTES = 30;
const MAX_ROWS = 1000;
const HEADERS = { 姓名: 'name', 身份证号: 'idNumber', 联系电话: 'phone', 文化程度: 'education' } as const;
const mobile = /^1[3-9]\d{9}$/;
const landline = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return text(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}

/**
 * Roster import for one class: upload → preview (every row checked: identity, phone, education, duplicates in the
 * file and in the class; linked to a care case in scope with the same ID number) → confirm, all or nothing.
 * The preview's rows are kept encrypted for 30 minutes.
 */
export function createTrainingImport(platform: Platform, service: TrainingService) {
  const { db, cipher } = platform;

  return {
    async template() {
      const wb = new (await loadExcelJS()).Workbook();
      const ws = wb.addWorksheet('学员花名册');
      ws.addRow(Object.keys(HEADERS));
      ws.getColumn(2).numFmt = '@';
      ws.getColumn(3).numFmt = '@';
      ws.columns.forEach((c) => (c.width = 22));
      const help = wb.addWorksheet('填表说明');
      help.addRow(['姓名、身份证号必填；联系电话选填；文化程度填：' + trainingEducations.map((e) => trainingEducationLabels[e]).join('、')]);
      help.addRow(['已在关爱帮扶台账中的青少年，按身份证号自动关联帮扶档案。']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    async preview(actor: Actor, who: AuditActor, classId: string, content: Buffer): Promise<TrainingImportPreview> {
      const c = await service.load(actor, classId);
      if (!classPolicy.import(actor, c)) throw new AppError('TRAINING_CLASS_STATE');
      if (detectUploadKind(content) !== 'xlsx') throw new AppError('IMPORT_FILE_UNREADABLE');
      const wb = new (await loadExcelJS()).Workbook();
      try {
        await wb.xlsx.load(content as unknown as ArrayBuffer);
      } catch {
        throw new AppError('IMPORT_FILE_UNREADABLE');
      }
      const ws = wb.worksheets.find((w) => w.name !== '填表说明') ?? wb.worksheets[0];
      if (!ws) throw new AppError('IMPORT_EMPTY');
      const header = new Map<number, string>();
      (ws.getRow(1).values as ExcelJS.CellValue[]).forEach((v, i) => {
        const h = text(v) as keyof typeof HEADERS;
        if (HEADERS[h]) header.set(i, HEADERS[h]);
      });
      if (![...header.values()].includes('name') || ![...header.values()].includes('idNumber')) {
        throw new AppError('VALIDATION_FAILED', '表头须包含“姓名”“身份证号”两列（请使用导入模板）');
      }
      const errors: TrainingImportPreview['errors'] = [];
      const rows: (TraineeInput & { row: number })[] = [];
      const seen = new Map<string, number>();
      const existing = new Set((await db.selectFrom('trainingEnrolment').select('idNumberBidx').where('classId', '=', classId).execute()).map((e) => e.idNumberBidx));
      const educationByLabel = new Map(trainingEducations.map((e) => [trainingEducationLabels[e], e]));
      for (let r = 2; r <= ws.rowCount; r++) {
        const values = ws.getRow(r).values as ExcelJS.CellValue[];
        const cells: Record<string, string> = {};
        header.forEach((field, i) => (cells[field] = text(values?.[i])));
        if (!Object.values(cells).some(Boolean)) continue;
        if (rows.length + errors.length >= MAX_ROWS) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_ROWS} 行`);
        const before = errors.length;
        if (!cells.name) errors.push({ row: r, column: '姓名', message: '请填写姓名' });
        else if (cells.name.length > 50) errors.push({ row: r, column: '姓名', message: '姓名不能超过50个字' });
        const parsed = parseIdNumber(cells.idNumber ?? '');
        if (!parsed.ok) errors.push({ row: r, column: '身份证号', message: cells.idNumber ? parsed.reason : '请填写身份证号' });
        if (cells.phone && !mobile.test(cells.phone) && !landline.test(cells.phone)) errors.push({ row: r, column: '联系电话', message: '电话号码格式不正确' });
        if (cells.education && !educationByLabel.has(cells.education)) errors.push({ row: r, column: '文化程度', message: `文化程度应为：${[...educationByLabel.keys()].join('、')}` });
        if (parsed.ok) {
          const bidx = cipher.blindIndex(parsed.value, 'training.idNumber');
          if (seen.has(bidx)) errors.push({ row: r, column: '身份证号', message: `与第 ${seen.get(bidx)} 行重复` });
          else if (existing.has(bidx)) errors.push({ row: r, column: '身份证号', message: '该学员已报名本期培训班' });
          seen.set(bidx, r);
        }
        if (errors.length > before || !parsed.ok) continue;
        const person = await service.resolveTrainee(actor, db, { name: cells.name, idNumber: parsed.value, phone: cells.phone || null, education: cells.education ? educationByLabel.get(cells.education)! : null });
        rows.push({ row: r, ...person });
      }
      if (!rows.length && !errors.length) throw new AppError('IMPORT_EMPTY');
      const id = newId();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + PREVIEW_MINUTES * 60_000).toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('trainingImportPreview').values({
          id, classId, createdBy: actor.userId, createdAt: now.toISOString(), expiresAt, payloadEnc: sealPayload(cipher, rows, importPayloadAad(id)),
          rowCount: rows.length + errors.length, invalidCount: new Set(errors.map((e) => e.row)).size, usedAt: null,
        }).execute();
        await audit({ event: 'training.import.preview', objectType: 'trainingClass', objectId: classId, summary: `上传学员花名册：${c.title}（${rows.length} 行有效，${errors.length} 处问题）`, detail: { previewId: id, valid: rows.length, errors: errors.length } });
      });
      return {
        previewId: id, rowCount: rows.length + new Set(errors.map((e) => e.row)).size, validCount: rows.length, errors,
        sample: rows.slice(0, 20).map((p) => ({ row: p.row, name: maskName(p.name), idNumber: maskIdNumber(p.idNumber), careCase: Boolean(p.careCaseId) })),
        expiresAt,
      };
    },

    /** All rows or none: a preview with problem rows is refused; seats fill first, the rest join the waiting list. */
    async commit(actor: Actor, who: AuditActor, classId: string, previewId: string) {
      const c = await service.load(actor, classId);
      if (!classPolicy.import(actor, c)) throw new AppError('TRAINING_CLASS_STATE');
      const p = await db.selectFrom('trainingImportPreview').selectAll().where('id', '=', previewId).where('classId', '=', classId).where('createdBy', '=', actor.userId).executeTakeFirst();
      if (!p || p.usedAt || p.expiresAt < new Date().toISOString()) throw new AppError('TRAINING_IMPORT_EXPIRED');
      if (Number(p.invalidCount) > 0) throw new AppError('IMPORT_HAS_ERRORS', '导入文件中有问题行，请按提示修改后重新上传；全部正确后才能导入');
      const rows = openPayload<(TraineeInput & { row: number })[]>(cipher, p.payloadEnc, importPayloadAad(previewId));
      return platform.transaction(who, async (trx, audit) => {
        const used = await trx.updateTable('trainingImportPreview').set({ usedAt: new Date().toISOString() }).where('id', '=', previewId).where('usedAt', 'is', null).executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw new AppError('TRAINING_IMPORT_EXPIRED');
        const created = await service.insertTrainees(trx, actor, c, rows);
        const waiting = created.filter((x) => x.status === 'waiting').length;
        await audit({ event: 'training.import', objectType: 'trainingClass', objectId: classId, summary: `导入学员花名册：${c.title} ${created.length} 人（候补 ${waiting} 人）`, detail: { previewId, created: created.length, waiting, linkedToCases: created.filter((x) => x.careCaseId).length } });
        return { created: created.length, waiting };
      });
    },
  };
}

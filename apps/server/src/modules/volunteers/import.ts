import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../platform/files/excel.js';
import {
  committeePostLabels,
  parseIdNumber,
  politicalStatusLabels,
  sexLabels,
  volunteerAvailabilityLabels,
  volunteerCategoryLabels,
  volunteerCreate,
  volunteerHealthLabels,
  volunteerSpecialtyLabels,
  type VolunteerImportPreview,
} from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { orgUnitInScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { cellText as kitCellText, findHeader, importProgress, openPayload, parseLooseDate as kitParseLooseDate, readWorksheet, sealPayload, withImportCache } from '../../platform/files/importKit.js';
import { withRoomToGrow } from '../../platform/memory.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { importPayloadAad, idNumberAad, phoneAad } from './presenter.js';
import { volunteerRepository } from './repository.js';
import { ID_NUMBER_BIDX_DOMAIN } from './service.js';
import { newId } from '../../platform/db/ids.js';

type Field =
  | 'name' | 'category' | 'sex' | 'birthDate' | 'idNumber' | 'phone' | 'township' | 'orgUnit' | 'formerPost' | 'formerUnit'
  | 'politicalStatus' | 'specialties' | 'health' | 'availability' | 'committeePost' | 'joinDate' | 'remark';

/** Header synonyms (office-files.md: tolerant reading). The first entry is the template's header. */
export const importColumns: { field: Field; headers: string[] }[] = [
  { field: 'name', headers: ['姓名', '名字', '志愿者姓名'] },
  { field: 'category', headers: ['类别', '五老类别', '人员类别', '类型'] },
  { field: 'sex', headers: ['性别'] },
  { field: 'birthDate', headers: ['出生日期', '出生年月', '出生年月日', '生日'] },
  { field: 'idNumber', headers: ['身份证号', '公民身份号码', '身份证号码', '身份证'] },
  { field: 'phone', headers: ['联系电话', '手机号', '手机号码', '电话', '手机'] },
  { field: 'township', headers: ['乡镇（街道）', '乡镇', '所属乡镇', '乡镇(街道)', '街道'] },
  { field: 'orgUnit', headers: ['村（社区）', '所属组织', '村(社区)', '村社区', '所在单位', '组织'] },
  { field: 'formerPost', headers: ['原职务', '原任职务', '退休前职务'] },
  { field: 'formerUnit', headers: ['原工作单位', '原单位', '退休前单位'] },
  { field: 'politicalStatus', headers: ['政治面貌'] },
  { field: 'specialties', headers: ['特长', '专长', '服务特长'] },
  { field: 'health', headers: ['健康状况', '身体状况'] },
  { field: 'availability', headers: ['可服务时间', '服务时间'] },
  { field: 'committeePost', headers: ['关工委职务', '职务'] },
  { field: 'joinDate', headers: ['加入日期', '加入时间', '入会时间'] },
  { field: 'remark', headers: ['备注'] },
];
const headerOf = (field: Field) => importColumns.find((c) => c.field === field)!.headers[0];

/** Full-width digits and letters to half-width, trimmed (the kit's cell reader already does it). */
const halfWidth = (s: string) => s.trim();
const cellText = (v: ExcelJS.CellValue) => kitCellText(v);

/** Dates as real dates, Excel serials, `1950.05`, `1950年5月`, `1950-05-01`, `1950/5/1`, `19500501` (the import kit's reader). */
export const parseLooseDate = (raw: ExcelJS.CellValue) => kitParseLooseDate(raw);

function byLabel<T extends string>(labels: Record<T, string>, raw: string, extra: Record<string, T> = {}): T | null | undefined {
  const s = raw.replace(/\s+/g, '');
  if (!s) return undefined;
  for (const [code, label] of Object.entries(labels) as [T, string][]) if (label === s || code === s) return code;
  if (s in extra) return extra[s];
  return null;
}

interface ParsedRow {
  row: number;
  input: z.output<typeof volunteerCreate> | null;
  errors: { column: string; message: string }[];
  display: { name: string; category: string | null; orgUnitName: string | null; birthDate: string | null; idNumber: string | null };
  duplicateOf: string | null;
}

/** What the preview keeps (encrypted) until the user confirms. */
interface StoredPreview {
  rows: { input: z.output<typeof volunteerCreate>; duplicateOf: string | null }[];
}

const PREVIEW_MINUTES = 30;
const MAX_ROWS = 5000;

export function createVolunteerImport(platform: Platform) {
  const { db, cipher } = platform;

  async function scopeNodes(actor: Actor) {
    return db.selectFrom('orgUnit').select(['id', 'name', 'kind', 'path', 'status']).where((eb) => orgUnitInScope(eb, actor)).execute();
  }

  return {
    async preview(actor: Actor, who: AuditActor, file: { filename: string; content: Buffer }): Promise<VolunteerImportPreview> {
      // The sheet and its rows are live while the checks make garbage: room for the heap to grow (platform/memory.ts).
      return withRoomToGrow(async () => {
        const ws = await readWorksheet(file.content, { unreadable: 'VOLUNTEER_IMPORT_UNREADABLE', empty: 'VOLUNTEER_IMPORT_EMPTY' });
        // The header row: the first of the top rows that names 姓名 (a merged title row may sit above it).
        const header = findHeader(ws, importColumns, { anchor: 'name', minKnown: 1, scanRows: 6 });
        if (!header) throw new AppError('VOLUNTEER_IMPORT_UNREADABLE', '没有找到表头：第一行（或标题下一行）须有“姓名”列');
        const headerRow = header.headerRow;
        const mapping = new Map<number, Field>([...header.colOf].map(([f, col]) => [col, f]));
        const columns: { header: string; field: string | null }[] = header.columns;

        const nodes = await scopeNodes(actor);
        const own = actor.orgUnitId ? nodes.find((n) => n.id === actor.orgUnitId) : undefined;
        const seenId = new Map<string, number>();
        const seenNameBirth = new Map<string, number>();
        const repo = volunteerRepository(db);
        const parsed: ParsedRow[] = [];
        // Rows to look up in the register, all at once after the rows are read (not two queries a row).
        const toLookUp: { entry: ParsedRow; bidx: string | null; name: string; birthDate: string }[] = [];

        for (let r = headerRow + 1; r <= ws.rowCount; r++) {
          const row = ws.getRow(r);
          const raw = new Map<Field, ExcelJS.CellValue>();
          for (const [col, field] of mapping) raw.set(field, row.getCell(col).value);
          const text = (f: Field) => halfWidth(cellText(raw.get(f) ?? null));
          if ([...mapping.values()].every((f) => !text(f))) continue;
          if (parsed.length >= MAX_ROWS) throw new AppError('VOLUNTEER_IMPORT_UNREADABLE', `一次最多导入${MAX_ROWS}行，请分批导入`);
          const errors: { column: string; message: string }[] = [];
          const err = (f: Field, message: string) => errors.push({ column: headerOf(f), message });

          const category = byLabel(volunteerCategoryLabels, text('category'), { 干部: 'cadre', 战士: 'veteran', 专家: 'expert', 教师: 'teacher', 模范: 'model' });
          if (category === null) err('category', '类别应为 老干部、老战士、老专家、老教师、老模范 之一');
          const sex = byLabel(sexLabels, text('sex'));
          if (sex === null) err('sex', '性别应为 男 或 女');
          const birthDate = parseLooseDate(raw.get('birthDate') ?? null);
          if (birthDate === null) err('birthDate', '出生日期无法识别（可写 1950-05-01、1950.05、1950年5月）');
          const joinDate = parseLooseDate(raw.get('joinDate') ?? null);
          if (joinDate === null) err('joinDate', '加入日期无法识别');
          const politicalStatus = byLabel(politicalStatusLabels, text('politicalStatus'), { 党员: 'cpc', 团员: 'league', 预备党员: 'probationary' });
          if (politicalStatus === null) err('politicalStatus', '政治面貌不在可选范围内');
          const health = byLabel(volunteerHealthLabels, text('health'), { 好: 'good', 健康: 'good', 较好: 'good' });
          if (health === null) err('health', '健康状况应为 良好、一般、较差');
          const availability = byLabel(volunteerAvailabilityLabels, text('availability'), { 每周: 'weekly', 每月: 'monthly' });
          if (availability === null) err('availability', '可服务时间应为 每周可服务、每月可服务、不定期');
          const committeePost = byLabel(committeePostLabels, text('committeePost'));
          if (committeePost === null) err('committeePost', '关工委职务应为 主任、副主任、委员 或 无');
          const specialties: string[] = [];
          for (const part of text('specialties').split(/[、，,;；\s/]+/).filter(Boolean)) {
            const code = byLabel(volunteerSpecialtyLabels, part, { 法律咨询: 'law', 心理: 'psychology', 教育: 'education', 技能: 'skills', 医疗: 'health', 党史: 'history' });
            if (!code) err('specialties', `特长“${part}”不在可选范围内`);
            else specialties.push(code);
          }
          // The org node: township and village columns, names matched within the actor's scope.
          let orgUnitId: string | undefined;
          const townshipName = text('township');
          const orgName = text('orgUnit');
          let township: (typeof nodes)[number] | undefined;
          if (townshipName) {
            const found = nodes.filter((n) => n.name === townshipName && n.kind === 'township');
            if (found.length === 1) township = found[0];
            else err('township', found.length ? '乡镇名称有重名' : `乡镇“${townshipName}”不存在或不在您的管理范围内`);
          }
          if (orgName) {
            const found = nodes.filter((n) => n.name === orgName && (!township || n.path.startsWith(township.path)));
            if (found.length === 1) orgUnitId = found[0].id;
            else err('orgUnit', found.length ? '组织名称有重名，请同时填写乡镇' : `组织“${orgName}”不存在或不在您的管理范围内`);
          } else if (township) orgUnitId = township.id;
          else if (!townshipName && own) orgUnitId = own.id;
          else if (!townshipName) err('township', '请填写乡镇或村（社区）');
          const orgStatus = nodes.find((n) => n.id === orgUnitId)?.status;
          if (orgUnitId && orgStatus !== 'active') err('orgUnit', '所属组织已停用');

          const idText = cellText(raw.get('idNumber') ?? null).trim();
          if (idText && !errors.some((e) => e.column === headerOf('idNumber'))) {
            const p = parseIdNumber(idText);
            if (!p.ok) err('idNumber', p.reason);
          }
          const candidate = {
            orgUnitId: orgUnitId ?? '00000000-0000-4000-8000-000000000000',
            category: category ?? undefined,
            name: text('name'),
            sex: sex ?? undefined,
            birthDate: birthDate ?? undefined,
            idNumber: idText && parseIdNumber(idText).ok ? idText : undefined,
            phone: text('phone').replace(/\s+/g, '') || undefined,
            formerPost: text('formerPost') || undefined,
            formerUnit: text('formerUnit') || undefined,
            politicalStatus: politicalStatus ?? undefined,
            health: health ?? undefined,
            availability: availability ?? undefined,
            committeePost: committeePost ?? undefined,
            joinDate: joinDate ?? undefined,
            specialties,
            remark: text('remark') || undefined,
          };
          // The same schema as the form.
          const result = volunteerCreate.safeParse(candidate);
          const fieldOf: Record<string, Field> = { orgUnitId: 'orgUnit' };
          if (!result.success) {
            for (const issue of result.error.issues) {
              const key = String(issue.path[0] ?? 'name');
              const f = (fieldOf[key] ?? key) as Field;
              if (f === 'orgUnit' && orgUnitId === undefined) continue;
              if (importColumns.some((c) => c.field === f) && !errors.some((e) => e.column === headerOf(f))) err(f, issue.message);
            }
          }
          const input = result.success ? result.data : null;
          let lookUp: { bidx: string | null; name: string; birthDate: string } | undefined;
          if (input) {
            const idp = input.idNumber ? parseIdNumber(input.idNumber) : undefined;
            const bd = idp?.ok ? idp.info.birthDate : input.birthDate!;
            const bidx = input.idNumber ? cipher.blindIndex(input.idNumber, ID_NUMBER_BIDX_DOMAIN) : null;
            const nb = `${input.name}|${bd}`;
            const earlier = (bidx && seenId.get(bidx)) || seenNameBirth.get(nb);
            if (earlier) err(input.idNumber && seenId.get(bidx!) ? 'idNumber' : 'name', `与第${earlier}行重复`);
            if (bidx) seenId.set(bidx, r);
            if (!seenNameBirth.has(nb)) seenNameBirth.set(nb, r);
            lookUp = { bidx, name: input.name, birthDate: bd };
          }
          const p = idText ? parseIdNumber(idText) : undefined;
          const entry: ParsedRow = {
            row: r,
            input: errors.length ? null : input,
            errors,
            duplicateOf: null,
            display: {
              name: text('name'),
              category: category ? volunteerCategoryLabels[category] : text('category') || null,
              orgUnitName: nodes.find((n) => n.id === orgUnitId)?.name ?? (orgName || townshipName || null),
              birthDate: (p?.ok ? p.info.birthDate : birthDate) ?? null,
              idNumber: p?.ok ? `${p.value.slice(0, 4)}**********${p.value.slice(-4)}` : idText ? '（有误）' : null,
            },
          };
          parsed.push(entry);
          if (lookUp) toLookUp.push({ entry, ...lookUp });
        }
        if (parsed.length === 0) throw new AppError('VOLUNTEER_IMPORT_EMPTY');
        // The register: the same person (by ID number, else name and birth date) in scope is a duplicate the user
        // decides on; registered outside the caller's scope, an error.
        const register = importRegister(await repo.findForImport(toLookUp));
        for (const { entry, bidx, name, birthDate } of toLookUp) {
          const existing = register.find(bidx, name, birthDate);
          if (!existing) continue;
          if (nodes.some((n) => n.id === existing.orgUnitId)) entry.duplicateOf = existing.id;
          else {
            entry.errors.push({ column: headerOf(bidx ? 'idNumber' : 'name'), message: '该志愿者已在其他单位登记，请联系县关工委办公室核实' });
            entry.input = null;
          }
        }
        const invalid = parsed.filter((p) => p.errors.length).length;
        const id = newId();
        const now = new Date();
        const payload: StoredPreview = { rows: parsed.filter((p) => p.input).map((p) => ({ input: p.input!, duplicateOf: p.duplicateOf })) };
        await platform.transaction(who, async (trx, audit) => {
          await trx.deleteFrom('volunteerImportPreview').where('expiresAt', '<', now.toISOString()).execute();
          await trx
            .insertInto('volunteerImportPreview')
            .values({
              id, createdBy: actor.userId, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + PREVIEW_MINUTES * 60_000).toISOString(),
              fileName: file.filename.slice(0, 200), rowCount: parsed.length, invalidCount: invalid, payloadEnc: sealPayload(cipher, payload, importPayloadAad(id)),
            })
            .execute();
          await audit({ event: 'volunteer.import.preview', objectType: 'volunteer', summary: `导入五老志愿者预览：${parsed.length} 行，问题 ${invalid} 行`, detail: { file: file.filename, rows: parsed.length, invalid } });
        });
        return {
          token: invalid ? null : id,
          fileName: file.filename,
          total: parsed.length,
          valid: parsed.length - invalid,
          invalid,
          duplicates: parsed.filter((p) => p.duplicateOf).length,
          columns,
          rows: parsed.map((p) => ({ row: p.row, ...p.display, errors: p.errors, duplicateOf: p.duplicateOf })),
        };
      });
    },

    /** All or nothing: every row in one transaction with one audit row; a preview with problems cannot be committed. */
    async commit(actor: Actor, who: AuditActor, token: string, duplicates: 'skip' | 'update') {
      // The whole file is live while its rows are written: room for the heap to grow (platform/memory.ts).
      return withRoomToGrow(async () => {
        const preview = await db
          .selectFrom('volunteerImportPreview')
          .selectAll()
          .where('id', '=', token)
          .where('createdBy', '=', actor.userId)
          .where('expiresAt', '>', new Date().toISOString())
          .executeTakeFirst();
        if (!preview) throw new AppError('VOLUNTEER_IMPORT_EXPIRED');
        if (preview.invalidCount > 0) throw new AppError('VOLUNTEER_IMPORT_HAS_ERRORS');
        const payload = openPayload<StoredPreview>(cipher, preview.payloadEnc, importPayloadAad(preview.id));
        const nodes = new Set((await scopeNodes(actor)).map((n) => n.id));
        let created = 0;
        let updated = 0;
        let skipped = 0;
        // Progress (GET /api/import-jobs/:token) while the one transaction runs; the answer still comes at the end.
        const progress = importProgress(platform);
        await progress.start(preview.id, 'volunteer', actor.userId, payload.rows.length);
        try {
        await platform.transaction(who, (trx, audit) => withImportCache(platform, trx, async () => {
          const gone = await trx.deleteFrom('volunteerImportPreview').where('id', '=', preview.id).executeTakeFirst();
          if (Number(gone.numDeletedRows) !== 1) throw new AppError('VOLUNTEER_IMPORT_EXPIRED');
          const repo = volunteerRepository(trx);
          const now = new Date().toISOString();
          let done = 0;
          const rows = payload.rows.map(({ input }) => {
            const idp = input.idNumber ? parseIdNumber(input.idNumber) : undefined;
            const bidx = input.idNumber ? cipher.blindIndex(input.idNumber, ID_NUMBER_BIDX_DOMAIN) : null;
            return { input, bidx, birthDate: idp?.ok ? idp.info.birthDate : input.birthDate!, sex: idp?.ok ? idp.info.sex : input.sex! };
          });
          // Looked up again inside the transaction (the database may have changed since the preview), for all rows at
          // once; the register as each row finds it is kept below (register.note), as row-by-row look-ups would see it.
          const register = importRegister(await repo.findForImport(rows.map((r) => ({ bidx: r.bidx, name: r.input.name, birthDate: r.birthDate }))));
          for (const { input, bidx, birthDate, sex } of rows) {
            if (++done % 50 === 0) await progress.report(preview.id, done);
            if (!nodes.has(input.orgUnitId)) throw new AppError('VOLUNTEER_IMPORT_HAS_ERRORS', '所属组织已不在您的管理范围内，请重新上传');
            const existing = register.find(bidx, input.name, birthDate);
            if (existing) {
              if (!nodes.has(existing.orgUnitId)) throw new AppError('VOLUNTEER_DUPLICATE', `${input.name}已在其他单位登记，请重新上传`);
              if (duplicates === 'skip') {
                skipped++;
                continue;
              }
              const keys = pinyinKeys(input.name);
              await repo.update(existing.id, {
                orgUnitId: input.orgUnitId, category: input.category, name: input.name, namePinyin: keys.full, nameInitials: keys.initials, sex, birthDate,
                ...(input.idNumber && { idNumberEnc: cipher.encrypt(input.idNumber, idNumberAad(existing.id)), idNumberBidx: bidx }),
                ...(input.phone && { phoneEnc: cipher.encrypt(input.phone, phoneAad(existing.id)) }),
                ...(input.formerPost && { formerPost: input.formerPost }),
                ...(input.formerUnit && { formerUnit: input.formerUnit }),
                ...(input.politicalStatus && { politicalStatus: input.politicalStatus }),
                ...(input.health && { health: input.health }),
                ...(input.availability && { availability: input.availability }),
                committeePost: input.committeePost,
                ...(input.joinDate && { joinDate: input.joinDate }),
                ...(input.remark && { remark: input.remark }),
                updatedAt: now,
              });
              if (input.specialties.length) await repo.replaceSpecialties(existing.id, input.specialties);
              register.note({ id: existing.id, orgUnitId: input.orgUnitId, name: input.name, birthDate, idNumberBidx: input.idNumber ? bidx : existing.idNumberBidx });
              updated++;
              continue;
            }
            const id = newId();
            const keys = pinyinKeys(input.name);
            await repo.insert(
              {
                id, orgUnitId: input.orgUnitId, userId: null, category: input.category, name: input.name, namePinyin: keys.full, nameInitials: keys.initials, sex, birthDate,
                idNumberEnc: input.idNumber ? cipher.encrypt(input.idNumber, idNumberAad(id)) : null, idNumberBidx: bidx,
                phoneEnc: input.phone ? cipher.encrypt(input.phone, phoneAad(id)) : null,
                formerPost: input.formerPost ?? null, formerUnit: input.formerUnit ?? null, politicalStatus: input.politicalStatus ?? null,
                health: input.health ?? null, availability: input.availability ?? null, committeePost: input.committeePost, joinDate: input.joinDate ?? null,
                status: 'active', remark: input.remark ?? null, createdAt: now, updatedAt: now, createdBy: actor.userId,
              },
              input.specialties,
            );
            register.note({ id, orgUnitId: input.orgUnitId, name: input.name, birthDate, idNumberBidx: bidx });
            created++;
          }
          await audit({
            event: 'volunteer.import', objectType: 'volunteer',
            summary: `导入五老志愿者：新增 ${created} 人，更新 ${updated} 人，跳过 ${skipped} 人`,
            detail: { file: preview.fileName, rows: payload.rows.length, created, updated, skipped, duplicates },
          });
        }));
        } catch (e) {
          await progress.finish(preview.id, { status: 'failed', message: e instanceof AppError ? e.message : '导入失败，没有写入任何数据' });
          throw e;
        }
        await progress.finish(preview.id, { status: 'done', created, updated, skipped });
        return { created, updated, skipped };
      });
    },

    /** The template: headers, drop-downs for coded columns and a 填表说明 sheet. */
    async template(): Promise<Buffer> {
      const wb = new (await loadExcelJS()).Workbook();
      wb.creator = '关工通';
      const ws = wb.addWorksheet('五老志愿者');
      const headers = importColumns.map((c) => c.headers[0]);
      ws.addRow(headers).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      headers.forEach((h, i) => {
        const col = ws.getColumn(i + 1);
        col.width = Math.max(12, h.length * 2 + 4);
        if (h === '身份证号' || h === '联系电话') col.numFmt = '@';
      });
      const lists: Partial<Record<Field, string[]>> = {
        category: Object.values(volunteerCategoryLabels),
        sex: Object.values(sexLabels),
        politicalStatus: Object.values(politicalStatusLabels),
        health: Object.values(volunteerHealthLabels),
        availability: Object.values(volunteerAvailabilityLabels),
        committeePost: Object.values(committeePostLabels),
      };
      importColumns.forEach((c, i) => {
        const list = lists[c.field];
        if (!list) return;
        const letter = ws.getColumn(i + 1).letter;
        for (let r = 2; r <= 1000; r++) {
          ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
        }
      });
      const info = wb.addWorksheet('填表说明');
      info.getColumn(1).width = 16;
      info.getColumn(2).width = 80;
      const notes: [string, string][] = [
        ['姓名', '必填。'],
        ['类别', `必填：${Object.values(volunteerCategoryLabels).join('、')}。`],
        ['身份证号', '建议填写，请以文本格式填写（先输入英文单引号），否则 Excel 会把后几位变成 0 且无法恢复。填写后出生日期和性别以身份证号为准。'],
        ['出生日期、性别', '未填身份证号时必填。日期可写 1950-05-01、1950.05、1950年5月。'],
        ['乡镇（街道）、村（社区）', '填写本人所在组织的名称；不填时登记到您本人所在组织。村（社区）有重名时请同时填写乡镇。'],
        ['特长', `可填多个，用“、”分隔：${Object.values(volunteerSpecialtyLabels).join('、')}。`],
        ['重复', '身份证号相同，或姓名和出生日期相同，视为同一人；导入时可选择跳过或更新已登记的人。'],
      ];
      for (const n of notes) info.addRow(n);
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}

type RegisterEntry = { id: string; orgUnitId: string; name: string; birthDate: string; idNumberBidx: string | null };

/**
 * The records an import's rows may match, looked up once (by the preview, and again inside the commit's transaction)
 * and kept as the commit changes them: a record updated by a row takes the row's name, birth date and ID number, a
 * created one is added, so that each row matches what `findByIdNumberBidx` and then `findByNameBirth` would return at
 * that point of the commit.
 */
function importRegister(found: RegisterEntry[]) {
  const byBidx = new Map<string, RegisterEntry>();
  const byNameBirth = new Map<string, RegisterEntry[]>();
  const key = (name: string, birthDate: string) => `${name}|${birthDate}`;
  const add = (e: RegisterEntry) => {
    if (e.idNumberBidx) byBidx.set(e.idNumberBidx, e);
    const k = key(e.name, e.birthDate);
    byNameBirth.set(k, [...(byNameBirth.get(k) ?? []), e]);
  };
  const byId = new Map<string, RegisterEntry>();
  for (const e of found) {
    byId.set(e.id, e);
    add(e);
  }
  return {
    /** By ID number first; else the same name and birth date where at least one side has no ID number. */
    find(bidx: string | null, name: string, birthDate: string): RegisterEntry | undefined {
      return (bidx ? byBidx.get(bidx) : undefined) ?? byNameBirth.get(key(name, birthDate))?.find((r) => !bidx || !r.idNumberBidx || r.idNumberBidx === bidx);
    },
    /** A record as the commit has just written it. */
    note(e: RegisterEntry) {
      const before = byId.get(e.id);
      if (before) {
        if (before.idNumberBidx && byBidx.get(before.idNumberBidx) === before) byBidx.delete(before.idNumberBidx);
        const k = key(before.name, before.birthDate);
        const rest = byNameBirth.get(k)!.filter((r) => r !== before);
        if (rest.length) byNameBirth.set(k, rest);
        else byNameBirth.delete(k);
      }
      byId.set(e.id, e);
      add(e);
    },
  };
}

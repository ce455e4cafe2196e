import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../platform/files/excel.js';
import { maskPhone, userCreate, type UserImportField, type UserImportPreview } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { SheetCell } from '../../platform/files/xlsxReader.js';
import { cellText as kitCellText, findHeader, importProgress, normalizeCell, openPayload, readWorksheet, sealPayload, type ImportColumn } from '../../platform/files/importKit.js';
import { memberUnitRepository } from '../memberUnits/repository.js';
import { userRepository, usernameKey } from './repository.js';
import { newUserRow, type createUserService } from './service.js';
import { phoneAad } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

const PREVIEW_MINUTES = 30;
const MAX_ROWS = 5000;
const previewAad = (id: string) => `user_import_preview:${id}:payload`;

export const importLabels: Record<UserImportField, string> = {
  username: '用户名', displayName: '姓名', phone: '手机号', orgUnit: '所属组织', memberUnit: '成员单位', remark: '备注',
};

/** Header words county offices actually use, per field (matched after removing spaces, * and brackets). */
const headerSynonyms: Record<UserImportField, string[]> = {
  username: ['用户名', '账号', '帐号', '登录名', '登录账号', '用户账号', '账户'],
  displayName: ['姓名', '名字', '用户姓名', '真实姓名', '人员姓名'],
  phone: ['手机号', '手机', '手机号码', '联系电话', '电话', '电话号码', '联系方式'],
  orgUnit: ['所属组织', '组织', '所在组织', '所属单位', '单位', '组织机构', '所属机构', '部门', '所属部门'],
  memberUnit: ['成员单位', '所属成员单位'],
  remark: ['备注', '说明'],
};

const schemaPathToField: Record<string, UserImportField> = {
  username: 'username', displayName: 'displayName', phone: 'phone', orgUnitId: 'orgUnit', memberUnitId: 'memberUnit', remark: 'remark',
};

interface ImportRow { row: number; username: string; displayName: string; phone?: string; orgUnitId: string | null; memberUnitId: string | null; remark?: string }

/** Kept for callers: the import kit's cell normaliser. */
export { normalizeCell };

const cellText = (cell: SheetCell): string => kitCellText(cell.value);
const importColumns: ImportColumn<UserImportField>[] = (Object.keys(headerSynonyms) as UserImportField[]).map((field) => ({ field, headers: headerSynonyms[field] }));

const splitPath = (v: string) => v.split(/[/／>＞\\]+/).map((s) => s.trim()).filter(Boolean);

export function createUserImport(platform: Platform, service: ReturnType<typeof createUserService>) {
  const { db, cipher } = platform;

  async function orgResolver(actor: Actor) {
    const nodes = await userRepository(db).orgUnitsInScope(actor);
    const names = await userRepository(db).orgUnitNames(nodes.flatMap((n) => n.path.split('/').filter(Boolean)));
    const withNames = nodes.map((n) => ({ pathNames: n.path.split('/').filter(Boolean).map((id) => names.get(id) ?? ''), ...n }));
    return (value: string): { id?: string; error?: string } => {
      const segs = splitPath(value);
      if (!segs.length) return {};
      const matches = withNames.filter((n) => {
        if (n.pathNames.length < segs.length) return false;
        return segs.every((s, i) => n.pathNames[n.pathNames.length - segs.length + i] === s);
      });
      if (matches.length === 0) return { error: `找不到组织“${value}”（或不在您的管理范围内）` };
      if (matches.length > 1) return { error: `有${matches.length}个名为“${segs.at(-1)}”的组织，请连同上级一起填写，如“${matches[0].pathNames.slice(-2).join('/')}”` };
      if (matches[0].status !== 'active') return { error: `组织“${value}”已停用` };
      return { id: matches[0].id };
    };
  }

  async function memberUnitResolver(actor: Actor) {
    const units = await memberUnitRepository(db).allNames();
    return (value: string): { id?: string; error?: string } => {
      if (!actor.scope.all) return { error: '只有全县范围的管理员可以导入成员单位的账号' };
      const found = units.filter((u) => u.name === value || u.shortName === value);
      if (found.length !== 1) return { error: found.length ? `有多个成员单位叫“${value}”，请填写全称` : `找不到成员单位“${value}”` };
      if (found[0].status !== 'active') return { error: `成员单位“${value}”已停用` };
      return { id: found[0].id };
    };
  }

  async function readSheet(buffer: Buffer) {
    // E29: the content must be an .xlsx, whatever the file name says.
    return readWorksheet(buffer, { notXlsx: 'UPLOAD_TYPE_REJECTED', notXlsxMessage: '只能上传 Excel（.xlsx）文件', empty: 'IMPORT_FILE_UNREADABLE', skipSheets: ['成员单位列表', '组织列表'] });
  }

  return {
    async preview(actor: Actor, who: AuditActor, file: { filename: string | null; buffer: Buffer }): Promise<UserImportPreview> {
      const ws = await readSheet(file.buffer);
      // The header is the first row (of the first 10) naming at least two known columns: a merged title row may sit above it.
      const header = findHeader(ws, importColumns, { minKnown: 2, scanRows: 10 });
      const headerRow = header?.headerRow ?? 0;
      const columns = header?.columns ?? [];
      const colOf = header?.colOf ?? new Map<UserImportField, number>();
      if (!headerRow || !colOf.has('username') || !colOf.has('displayName')) {
        throw new AppError('IMPORT_FILE_UNREADABLE', '没有找到表头：表格中须有“用户名”和“姓名”两列（可下载导入模板对照）');
      }
      const resolveOrg = await orgResolver(actor);
      const resolveUnit = await memberUnitResolver(actor);
      const errors: UserImportPreview['errors'] = [];
      const rows: UserImportPreview['rows'] = [];
      const valid: ImportRow[] = [];
      const firstRowOfKey = new Map<string, number>();
      const candidates: { row: number; key: string }[] = [];
      const showPhone = (v: string) => (actor.permissions.has('user:unmask') ? v : maskPhone(v));

      for (let r = headerRow + 1; r <= ws.rowCount; r++) {
        const get = (f: UserImportField) => (colOf.has(f) ? cellText(ws.getRow(r).getCell(colOf.get(f)!)) : '');
        const values = Object.fromEntries((Object.keys(importLabels) as UserImportField[]).map((f) => [f, get(f)])) as Record<UserImportField, string>;
        if (Object.values(values).every((v) => !v)) continue;
        if (rows.length >= MAX_ROWS) throw new AppError('BAD_REQUEST', `一次最多导入${MAX_ROWS}行，请分批导入`);
        const rowErrors: UserImportPreview['errors'] = [];
        const err = (f: UserImportField, message: string) => rowErrors.push({ row: r, column: importLabels[f], message });
        const phone = values.phone.replace(/\s+/g, '');
        const org = values.orgUnit ? resolveOrg(values.orgUnit) : {};
        const unit = values.memberUnit ? resolveUnit(values.memberUnit) : {};
        if (org.error) err('orgUnit', org.error);
        if (unit.error) err('memberUnit', unit.error);
        // The same schema as the form; its messages, attached to the spreadsheet's columns.
        const parsed = userCreate.safeParse({
          username: values.username || undefined, displayName: values.displayName || undefined, phone: phone || undefined,
          orgUnitId: org.id ?? (org.error ? newId() : undefined), memberUnitId: unit.id ?? (unit.error ? newId() : undefined),
          remark: values.remark || undefined,
        });
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = schemaPathToField[String(issue.path[0] ?? 'orgUnitId')] ?? 'orgUnit';
            if ((field === 'orgUnit' && org.error) || (field === 'memberUnit' && unit.error)) continue;
            err(field, issue.message);
          }
        }
        if (values.username) {
          const key = usernameKey(values.username);
          const first = firstRowOfKey.get(key);
          if (first) err('username', `与第${first}行的用户名重复（不区分大小写）`);
          else {
            firstRowOfKey.set(key, r);
            candidates.push({ row: r, key });
          }
        }
        rows.push({ row: r, username: values.username || null, displayName: values.displayName || null, phone: phone ? showPhone(phone) : null, orgUnit: values.orgUnit || null, memberUnit: values.memberUnit || null, ok: true });
        errors.push(...rowErrors);
        if (parsed.success && !rowErrors.length) {
          valid.push({ row: r, username: parsed.data.username, displayName: parsed.data.displayName, phone: parsed.data.phone, orgUnitId: org.id ?? null, memberUnitId: unit.id ?? null, remark: parsed.data.remark });
        }
      }
      if (!rows.length) throw new AppError('IMPORT_EMPTY');
      const taken = await userRepository(db).takenKeys(candidates.map((c) => c.key));
      for (const c of candidates) if (taken.has(c.key)) errors.push({ row: c.row, column: importLabels.username, message: '用户名已被使用（系统中已有该账号）' });
      const badRows = new Set(errors.map((e) => e.row));
      for (const row of rows) row.ok = !badRows.has(row.row);
      errors.sort((a, b) => a.row - b.row);
      const validRows = valid.filter((v) => !badRows.has(v.row));

      const id = newId();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + PREVIEW_MINUTES * 60_000).toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('userImportPreview').where('expiresAt', '<', now.toISOString()).execute();
        await trx.insertInto('userImportPreview').values({
          id, createdBy: actor.userId, createdAt: now.toISOString(), expiresAt, fileName: file.filename?.slice(0, 200) ?? null,
          rowCount: rows.length, invalidCount: badRows.size, payloadEnc: sealPayload(cipher, validRows, previewAad(id)),
        }).execute();
        await audit({ event: 'user.importPreview', objectType: 'user', summary: `导入用户预览：${rows.length} 行，${badRows.size} 行有问题`, detail: { rows: rows.length, invalid: badRows.size, fileName: file.filename } });
      });
      return {
        token: id, expiresAt, fileName: file.filename,
        columns: columns.map((c) => ({ header: c.header, field: c.field, label: c.field ? importLabels[c.field] : null })),
        total: rows.length, valid: validRows.length, invalid: badRows.size, rows, errors,
      };
    },

    /** All rows in one transaction, or none (F32); one audit row with the count. Passwords are shown once. */
    async commit(actor: Actor, who: AuditActor, token: string, skipInvalid: boolean) {
      const preview = await db.selectFrom('userImportPreview').selectAll().where('id', '=', token).where('createdBy', '=', actor.userId).executeTakeFirst();
      if (!preview || Date.parse(preview.expiresAt) <= Date.now()) throw new AppError('IMPORT_PREVIEW_EXPIRED');
      if (preview.invalidCount > 0 && !skipInvalid) throw new AppError('IMPORT_HAS_ERRORS', `导入文件中有${preview.invalidCount}行有问题，请修改后重新上传，或选择只导入没有问题的行`);
      const rows = openPayload<ImportRow[]>(cipher, preview.payloadEnc, previewAad(preview.id));
      if (!rows.length) throw new AppError('IMPORT_EMPTY');
      const prepared: (ImportRow & { id: string; password: string; hash: string })[] = [];
      // Progress (GET /api/import-jobs/:token): hashing the one-time passwords is the slow part.
      const progress = importProgress(platform);
      await progress.start(preview.id, 'user', actor.userId, rows.length);
      try {
      for (let i = 0; i < rows.length; i += 8) {
        await progress.report(preview.id, i);
        const batch = await Promise.all(rows.slice(i, i + 8).map(async (r) => ({ ...r, id: newId(), ...(await service.oneTimePassword()) })));
        prepared.push(...batch.map(({ password, hash, ...r }) => ({ ...r, password, hash })));
      }
      await platform.transaction(who, async (trx, audit) => {
        // Deleting the preview first makes a second commit of the same token find nothing.
        const claimed = await trx.deleteFrom('userImportPreview').where('id', '=', preview.id).executeTakeFirst();
        if (Number(claimed.numDeletedRows) !== 1) throw new AppError('IMPORT_PREVIEW_EXPIRED');
        const r = userRepository(trx);
        const taken = await r.takenKeys(prepared.map((p) => usernameKey(p.username)));
        if (taken.size) {
          const clash = prepared.filter((p) => taken.has(usernameKey(p.username)));
          throw new AppError('USERNAME_TAKEN', `预览之后有${clash.length}个用户名已被他人使用，未导入任何数据，请重新上传`, clash.map((p) => ({ path: `第${p.row}行`, message: `用户名 ${p.username} 已被使用` })));
        }
        const now = new Date().toISOString();
        for (const p of prepared) {
          await r.insert(newUserRow({
            id: p.id, username: p.username, displayName: p.displayName, phoneEnc: p.phone ? cipher.encrypt(p.phone, phoneAad(p.id)) : null,
            orgUnitId: p.orgUnitId, memberUnitId: p.memberUnitId, remark: p.remark ?? null, passwordHash: p.hash, now, createdBy: actor.userId,
          }));
        }
        await audit({
          event: 'user.import', objectType: 'user', summary: `导入用户 ${prepared.length} 个${preview.invalidCount ? `（跳过有问题的 ${preview.invalidCount} 行）` : ''}`,
          detail: { rows: prepared.length, skipped: preview.invalidCount, fileName: preview.fileName, usernames: prepared.map((p) => p.username) },
        });
      });
      } catch (e) {
        await progress.finish(preview.id, { status: 'failed', message: e instanceof AppError ? e.message : '导入失败，没有写入任何数据' });
        throw e;
      }
      await progress.finish(preview.id, { status: 'done', created: prepared.length, skipped: preview.invalidCount });
      return {
        created: prepared.length, skipped: preview.invalidCount,
        users: prepared.map((p) => ({ id: p.id, username: p.username, displayName: p.displayName, oneTimePassword: p.password })),
      };
    },

    async template(actor: Actor): Promise<Buffer> {
      const wb = new (await loadExcelJS()).Workbook();
      wb.creator = '关工通';
      const ws = wb.addWorksheet('用户导入');
      const headers = (Object.keys(importLabels) as UserImportField[]).map((f) => importLabels[f]);
      const header = ws.addRow(headers.map((h) => (h === '用户名' || h === '姓名' ? `${h}*` : h)));
      header.font = { bold: true };
      header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
      [18, 12, 16, 28, 24, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
      ws.getColumn(3).numFmt = '@';
      ws.views = [{ state: 'frozen', ySplit: 1 }];

      // Drop-downs: org nodes in the actor's scope (as 上级/本级 paths) and active member units.
      const nodes = await userRepository(db).orgUnitsInScope(actor);
      const names = await userRepository(db).orgUnitNames(nodes.flatMap((n) => n.path.split('/').filter(Boolean)));
      const scopeDepth = Math.min(...nodes.map((n) => n.path.split('/').filter(Boolean).length));
      const orgPaths = nodes
        .filter((n) => n.status === 'active')
        .map((n) => n.path.split('/').filter(Boolean).slice(Math.max(0, scopeDepth - 1)).map((id) => names.get(id)).join('/'))
        .sort();
      const units = (await memberUnitRepository(db).allNames()).filter((u) => u.status === 'active').map((u) => u.name).sort();
      const lists = wb.addWorksheet('组织列表', { state: 'hidden' });
      orgPaths.forEach((p) => lists.addRow([p]));
      const unitList = wb.addWorksheet('成员单位列表', { state: 'hidden' });
      units.forEach((u) => unitList.addRow([u]));
      for (let r = 2; r <= 1000; r++) {
        if (orgPaths.length) ws.getCell(r, 4).dataValidation = { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`组织列表!$A$1:$A$${orgPaths.length}`] };
        if (units.length && actor.scope.all) ws.getCell(r, 5).dataValidation = { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`成员单位列表!$A$1:$A$${units.length}`] };
      }

      const help = wb.addWorksheet('填表说明');
      help.getColumn(1).width = 14;
      help.getColumn(2).width = 80;
      help.addRow(['用户导入填表说明']).font = { bold: true, size: 14 };
      [
        ['用户名*', '必填。2～32位字母、数字或 _ . @ -；不区分大小写，不能与已有账号重复。'],
        ['姓名*', '必填，不超过20个字。'],
        ['手机号', '选填。11位手机号或座机（如 0797-1234567）。请设为文本格式，避免被 Excel 改成科学计数法。'],
        ['所属组织', '与“成员单位”二选一。填组织名称；有重名时连同上级一起填，如“东风镇/东风村”。可从下拉列表选择。'],
        ['成员单位', '与“所属组织”二选一。填成员单位全称或简称（仅全县范围的管理员可导入）。'],
        ['备注', '选填，不超过200个字。'],
        ['密码', '不需要填写。每个新账号由系统生成一次性密码，导入成功后只显示一次，首次登录须修改。'],
        ['角色', '导入的账号暂无角色，请由安全管理员在“用户管理”中分配角色。'],
        ['其他', '第一行为表头（上方可有标题行）；空行会被忽略；全角数字和空格会自动转换。一次最多导入5000行。'],
      ].forEach((r) => help.addRow(r));
      help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}

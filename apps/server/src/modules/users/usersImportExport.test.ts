import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { asWith, auditRows } from './testSupport.js';

async function sheetRows(buffer: Buffer, name?: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = name ? wb.getWorksheet(name)! : wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, wb };
}

/** A spreadsheet the way an office would send it: a merged title row, header synonyms, messy cells. */
async function workbook(header: string[], rows: (string | number | null)[][], title = true) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  if (title) {
    ws.addRow(['东风镇关工委联络员名单']);
    ws.mergeCells(1, 1, 1, header.length);
  }
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(buffer: Buffer, filename = '名单.xlsx') {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(buffer)]), filename);
  return fd;
}

const userCount = (s: TestServer) => s.platform.db.selectFrom('appUser').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));

describe('users: export and import', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('D22 exports are masked by default; a full export needs user:unmask and a reason, carries a watermark, and is audited with its row count', async () => {
    const admin = await s.as('systemAdmin');
    await admin.post('/api/users', { username: 'export.one', displayName: '=cmd|calc', phone: '13811112222', orgUnitId: s.tree.townshipA, remark: '+SUM(1,2)' });
    await admin.post('/api/users', { username: 'export.two', displayName: '@导出', phone: '13933334444', orgUnitId: s.tree.villageB1, remark: '-1' });

    const masked = await admin.get('/api/users/export?q=export');
    expect(masked.status).toBe(200);
    expect(masked.headers.get('content-type')).toContain('spreadsheetml');
    const { rows, wb } = await sheetRows(masked.body);
    expect(rows[0][0]).toBe('用户账号一览表');
    expect(rows[1].slice(0, 4)).toEqual(['序号', '用户名', '姓名', '手机号']);
    const one = rows.find((r) => r[1] === 'export.one')!;
    expect(one[2]).toBe(`'=cmd|calc`);
    expect(one[3]).toBe('138****2222');
    expect(one[11]).toBe(`'+SUM(1,2)`);
    const two = rows.find((r) => r[1] === 'export.two')!;
    expect(two[2]).toBe(`'@导出`);
    expect(two[11]).toBe(`'-1`);
    expect(JSON.stringify(rows)).not.toMatch(/13811112222|13933334444/);
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(await sheetRows(masked.body, '导出说明').then((x) => x.rows))).toContain('已脱敏');
    expect(wb.worksheets).toHaveLength(2);
    const [maskedAudit] = await auditRows(s, 'user.export');
    expect(JSON.parse(maskedAudit.detail!)).toMatchObject({ rows: 2, full: false });

    const refused = await admin.get('/api/users/export?q=export&full=1&reason=核对');
    expect(refused.status).toBe(403);
    const unmasker = await asWith(s, 'systemAdmin', ['user:unmask']);
    const noReason = await unmasker.get('/api/users/export?q=export&full=1');
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    // Holding user:unmask alone does not unmask an export: it must be asked for.
    const defaultForUnmasker = await sheetRows((await unmasker.get('/api/users/export?q=export')).body);
    expect(JSON.stringify(defaultForUnmasker.rows)).not.toContain('13811112222');

    const full = await unmasker.get(`/api/users/export?q=export&full=1&reason=${encodeURIComponent('年度联络员核对')}`);
    expect(full.status).toBe(200);
    const fullRows = (await sheetRows(full.body)).rows;
    expect(fullRows.find((r) => r[1] === 'export.one')![3]).toBe('13811112222');
    const watermark = String(fullRows.at(-1)![0]);
    expect(watermark).toContain(unmasker.username);
    expect(watermark).toContain('年度联络员核对');
    const audits = await auditRows(s, 'user.export');
    const fullAudit = audits.at(-1)!;
    expect(fullAudit.username).toBe(unmasker.username);
    expect(JSON.parse(fullAudit.detail!)).toMatchObject({ rows: 2, full: true, reason: '年度联络员核对' });
    expect(fullAudit.detail).not.toContain('13811112222');
    expect((await (await s.as('securityAdmin')).get('/api/users/export')).status).toBe(403);
  });

  it('offers a template with a 填表说明 sheet and drop-downs', async () => {
    const admin = await s.as('systemAdmin');
    await (await s.as('countyOffice')).post('/api/member-units', { name: '县人社局' });
    const res = await admin.get('/api/users/import/template');
    expect(res.status).toBe(200);
    const { rows, wb } = await sheetRows(res.body);
    expect(rows[0]).toEqual(['用户名*', '姓名*', '手机号', '所属组织', '成员单位', '备注']);
    expect(wb.getWorksheet('填表说明')).toBeTruthy();
    expect(JSON.stringify((await sheetRows(res.body, '填表说明')).rows)).toContain('一次性密码');
    expect(JSON.stringify((await sheetRows(res.body, '成员单位列表')).rows)).toContain('县人社局');
    expect(JSON.stringify((await sheetRows(res.body, '组织列表')).rows)).toContain('测试县/东风镇/东风村');
    expect(wb.worksheets[0].getCell('E2').dataValidation?.type).toBe('list');
  });

  it('import preview reports every bad row and column in Chinese and writes nothing; commit is refused while problems remain', async () => {
    const admin = await s.as('systemAdmin');
    await admin.post('/api/users', { username: 'already.here', displayName: '已有', orgUnitId: s.tree.root });
    const unit = await (await s.as('countyOffice')).post('/api/member-units', { name: '县卫健委', shortName: '卫健委' });
    const other = await s.as('systemAdmin');
    const before = await userCount(s);
    const file = await workbook(['账号', '名字', '联系电话', '组织', '成员单位', '备注'], [
      ['imp.good', '张三', '１３８１２３４５６７８', '东风镇/东风村', null, '全角数字'],
      ['imp.unit', '李四', 13812345679, null, '卫健委', null],
      ['imp.badphone', '王五', '12345', '东风村', null, null],
      ['IMP.GOOD', '张三三', null, '东风村', null, null],
      ['already.here', '重复', null, '东风村', null, null],
      ['imp.noorg', '赵六', null, '不存在村', null, null],
      [null, null, null, null, null, null],
      ['imp.noname', null, null, '东风村', null, null],
      ['imp.nowhere', '孙七', null, null, null, null],
    ]);
    const res = await admin.post('/api/users/import/preview', upload(file));
    expect(res.status).toBe(200);
    expect(res.body.columns.map((c: { field: string }) => c.field)).toEqual(['username', 'displayName', 'phone', 'orgUnit', 'memberUnit', 'remark']);
    expect(res.body).toMatchObject({ total: 8, valid: 2, invalid: 6, fileName: '名单.xlsx' });
    const errors = res.body.errors as { row: number; column: string; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual([]);
    expect(at(5)).toEqual([expect.stringMatching(/^手机号:电话号码格式不正确/)]);
    expect(at(6)).toEqual(['用户名:与第3行的用户名重复（不区分大小写）']);
    expect(at(7)).toEqual(['用户名:用户名已被使用（系统中已有该账号）']);
    expect(at(8)).toEqual([expect.stringMatching(/^所属组织:找不到组织“不存在村”/)]);
    expect(at(10)).toEqual([expect.stringMatching(/^姓名:请填写姓名/)]);
    expect(at(11)).toEqual(['所属组织:请选择所属组织或成员单位']);
    expect(res.body.rows.find((r: { row: number }) => r.row === 3)).toMatchObject({ username: 'imp.good', phone: '138****5678', ok: true });
    expect(await userCount(s)).toBe(before);
    const stored = await s.platform.db.selectFrom('userImportPreview').selectAll().where('id', '=', res.body.token).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ createdBy: admin.userId, rowCount: 8, invalidCount: 6 });
    expect(stored.payloadEnc).not.toContain('13812345678');
    expect(stored.payloadEnc).not.toContain('imp.good');

    const blocked = await admin.post('/api/users/import/commit', { token: res.body.token });
    expect(blocked.status).toBe(400);
    expect(blocked.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(await userCount(s)).toBe(before);
    // Another administrator cannot commit someone else's preview.
    expect((await other.post('/api/users/import/commit', { token: res.body.token, skipInvalid: true })).status).toBe(410);

    const done = await admin.post('/api/users/import/commit', { token: res.body.token, skipInvalid: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ created: 2, skipped: 6 });
    expect(done.body.users.map((u: { username: string }) => u.username)).toEqual(['imp.good', 'imp.unit']);
    expect(await userCount(s)).toBe(before + 2);
    const good = await s.platform.db.selectFrom('appUser').selectAll().where('usernameKey', '=', 'imp.good').executeTakeFirstOrThrow();
    expect(good).toMatchObject({ orgUnitId: s.tree.villageA1, mustChangePassword: 1, remark: '全角数字', createdBy: admin.userId });
    expect((await admin.get(`/api/users/${good.id}`)).body.phone).toBe('138****5678');
    const unitUser = await s.platform.db.selectFrom('appUser').selectAll().where('usernameKey', '=', 'imp.unit').executeTakeFirstOrThrow();
    expect(unitUser).toMatchObject({ orgUnitId: null, memberUnitId: unit.body.id });
    const [audit] = await auditRows(s, 'user.import');
    expect(JSON.parse(audit.detail!)).toMatchObject({ rows: 2, skipped: 6, fileName: '名单.xlsx' });
    // The imported account signs in with its one-time password and must change it.
    const login = await s.client().post('/api/auth/login', { username: 'imp.good', password: done.body.users[0].oneTimePassword });
    expect(login.body.pending).toEqual(['changePassword']);
    // A token commits once.
    expect((await admin.post('/api/users/import/commit', { token: res.body.token, skipInvalid: true })).status).toBe(410);
  });

  it('F32 commit is all-or-nothing: a clash found at commit writes no row; expired previews are refused', async () => {
    const admin = await s.as('systemAdmin');
    const file = await workbook(['用户名', '姓名', '所属组织'], [
      ['batch.a', '甲', '西岭村'],
      ['batch.b', '乙', '西岭乡/西岭村'],
      ['batch.c', '丙', '东风镇'],
    ], false);
    const preview = await admin.post('/api/users/import/preview', upload(file));
    expect(preview.body).toMatchObject({ total: 3, valid: 3, invalid: 0 });
    // Someone takes one of the names between preview and commit.
    expect((await admin.post('/api/users', { username: 'Batch.B', displayName: '抢先', orgUnitId: s.tree.root })).status).toBe(200);
    const before = await userCount(s);
    const importsBefore = (await auditRows(s, 'user.import')).length;
    const clash = await admin.post('/api/users/import/commit', { token: preview.body.token });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('USERNAME_TAKEN');
    expect(clash.body.details).toEqual([{ path: '第3行', message: '用户名 batch.b 已被使用' }]);
    expect(await userCount(s)).toBe(before);
    expect(await s.platform.db.selectFrom('appUser').select('id').where('usernameKey', 'in', ['batch.a', 'batch.c']).execute()).toHaveLength(0);
    expect(await auditRows(s, 'user.import')).toHaveLength(importsBefore);
    // The preview survives the failed commit's rollback but can be expired.
    await s.platform.db.updateTable('userImportPreview').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('id', '=', preview.body.token).execute();
    const expired = await admin.post('/api/users/import/commit', { token: preview.body.token });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('IMPORT_PREVIEW_EXPIRED');
  });

  it('E29 rejects uploads that are not spreadsheets and files without the needed headers; needs user:import', async () => {
    const admin = await s.as('systemAdmin');
    const previews = () => s.platform.db.selectFrom('userImportPreview').select('id').execute().then((r) => r.length);
    const previewsBefore = await previews();
    const html = await admin.post('/api/users/import/preview', upload(Buffer.from('<html><script>alert(1)</script></html>'), 'users.xlsx'));
    expect(html.status).toBe(415);
    expect(html.body.code).toBe('UPLOAD_TYPE_REJECTED');
    const noHeader = await admin.post('/api/users/import/preview', upload(await workbook(['甲', '乙'], [['a', 'b']])));
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.message).toContain('用户名');
    const empty = await admin.post('/api/users/import/preview', upload(await workbook(['用户名', '姓名'], [])));
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('IMPORT_EMPTY');
    const json = await admin.post('/api/users/import/preview', { file: 'x' });
    expect(json.status).toBe(400);
    const security = await s.as('securityAdmin');
    expect((await security.post('/api/users/import/preview', upload(await workbook(['用户名', '姓名'], [['x1', '某']])))).status).toBe(403);
    expect(await previews()).toBe(previewsBefore);
  });
});

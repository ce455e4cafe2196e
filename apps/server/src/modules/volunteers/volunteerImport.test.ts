import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { idNumberCheckChar } from '@gg/shared';

const idNumber = (birth: string, seq: string) => {
  const first17 = `360123${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

async function workbook(rows: unknown[][], title = true): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  if (title) ws.addRow(['东风镇“五老”志愿者花名册']);
  for (const r of rows) ws.addRow(r);
  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf as ArrayBuffer]);
}

function form(blob: Blob, name = '花名册.xlsx') {
  const f = new FormData();
  f.append('file', blob, name);
  return f;
}

async function readSheet(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const header = ['序号', '姓名', '五老类别', '性别', '出生年月', '公民身份号码', '手机号', '乡镇', '村（社区）', '特长', '政治面貌'];

describe('volunteer import and export', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('reports every bad row by row and column, refuses to commit, and writes nothing', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const file = await workbook([
      header,
      [1, '张三丰', '老教师', '', '', idNumber('19480315', '135'), '13812345678', '东风镇', '东风村', '宣讲、党史', '中共党员'],
      [2, '李四', '老战士', '男', '1962.01', '', '', '东风镇', '红旗社区', '', '群众'],
      [3, '王五', '老工人', '男', '1950年5月', '', '', '东风镇', '', '', ''],
      [4, '赵六', '老干部', '男', '', 3.60123194803151e17, '', '东风镇', '', '', ''],
      [5, '钱七', '老专家', '女', '1955-02-30', '', '', '西岭乡', '西岭村', '', ''],
      [6, '孙八', '老模范', '女', '1956-03-01', '', '1234', '东风镇', '不存在村', '唱歌', ''],
      [7, '张三丰', '老教师', '男', '1948-03-15', idNumber('19480315', '135'), '', '东风镇', '东风村', '', ''],
    ]);
    const res = await officer.post('/api/volunteers/import/preview', form(file));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 7, valid: 2, invalid: 5, token: null });
    const byRow = new Map(res.body.rows.map((r: { row: number; errors: { column: string; message: string }[] }) => [r.row, r.errors]));
    expect(byRow.get(3)).toEqual([]);
    expect(byRow.get(4)).toEqual([]);
    expect(byRow.get(5)).toEqual([expect.objectContaining({ column: '类别' })]);
    expect(JSON.stringify(byRow.get(6))).toContain('科学计数法');
    const row7 = JSON.stringify(byRow.get(7));
    expect(row7).toContain('出生日期');
    expect(row7).toContain('西岭乡');
    const row8 = (byRow.get(8) as { column: string }[]).map((e) => e.column).sort();
    expect(row8).toEqual(['村（社区）', '特长', '联系电话'].sort());
    expect(JSON.stringify(byRow.get(9))).toContain('与第3行重复');
    expect(res.body.columns.find((c: { header: string }) => c.header === '公民身份号码').field).toBe('idNumber');
    expect(JSON.stringify(res.body)).not.toContain(idNumber('19480315', '135'));
    const preview = await s.platform.db.selectFrom('volunteerImportPreview').selectAll().executeTakeFirstOrThrow();
    expect(preview.payloadEnc).not.toContain('张三丰');
    const commit = await officer.post('/api/volunteers/import/commit', { token: preview.id });
    expect(commit.status).toBe(400);
    expect(commit.body.code).toBe('VOLUNTEER_IMPORT_HAS_ERRORS');
    expect(await s.platform.db.selectFrom('volunteer').select('id').execute()).toHaveLength(0);
  });

  it('F32 commits a clean file all or nothing, dedupes against the register (skip or update), and audits the count', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const existing = await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '张三丰', idNumber: idNumber('19480315', '135') });
    expect(existing.status).toBe(200);
    const file = await workbook([
      header,
      [1, '张三丰', '老教师', '', '', idNumber('19480315', '135'), '13812345678', '东风镇', '东风村', '宣讲、党史', '中共党员'],
      [2, '李四', '老战士', '男', '1962.01', '', '', '东风镇', '红旗社区', '法律', '群众'],
      [3, '王五', '老干部', '男', new Date(Date.UTC(1950, 4, 1)), '', '', '', '', '', ''],
    ]);
    const res = await officer.post('/api/volunteers/import/preview', form(file));
    expect(res.body).toMatchObject({ total: 3, valid: 3, invalid: 0, duplicates: 1 });
    expect(res.body.rows[0].duplicateOf).toBe(existing.body.id);
    const other = await s.as('townshipOfficer', 'townshipA');
    expect((await other.post('/api/volunteers/import/commit', { token: res.body.token })).status).toBe(410);
    const done = await officer.post('/api/volunteers/import/commit', { token: res.body.token, duplicates: 'update' });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ created: 2, updated: 1, skipped: 0 });
    // Progress of the commit (polled by the page while it runs), the caller's own only.
    const progress = await officer.get(`/api/import-jobs/${res.body.token}`);
    expect(progress.body).toMatchObject({ kind: 'volunteer', status: 'done', total: 3, done: 3, created: 2, updated: 1, skipped: 0 });
    expect((await other.get(`/api/import-jobs/${res.body.token}`)).status).toBe(404);
    expect((await officer.post('/api/volunteers/import/commit', { token: res.body.token })).status).toBe(410);
    const list = await officer.get('/api/volunteers?pageSize=100&sort=name');
    expect(list.body.items.map((i: { name: string; orgUnitName: string }) => [i.name, i.orgUnitName])).toEqual([['李四', '红旗社区'], ['王五', '东风镇'], ['张三丰', '东风村']]);
    const zhang = list.body.items.find((i: { name: string }) => i.name === '张三丰');
    expect(zhang).toMatchObject({ phone: '138****5678', specialties: ['history', 'lecturing'], politicalStatus: 'cpc', birthDate: '1948-03-15' });
    expect(list.body.items.find((i: { name: string }) => i.name === '李四').birthDate).toBe('1962-01-01');
    const audit = await s.platform.db.selectFrom('auditEvent').select('detail').where('event', '=', 'volunteer.import').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ rows: 3, created: 2, updated: 1, skipped: 0 });

    // A file that is not a spreadsheet is refused by its content.
    const fake = await officer.post('/api/volunteers/import/preview', form(new Blob(['<html>姓名</html>']), 'x.xlsx'));
    expect(fake.status).toBe(400);
    expect(fake.body.code).toBe('VOLUNTEER_IMPORT_UNREADABLE');
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post('/api/volunteers/import/preview', form(file))).status).toBe(403);
    const template = await officer.get('/api/volunteers/import/template');
    expect(template.status).toBe(200);
    expect((await readSheet(template.body))[0]).toContain('身份证号');
  });

  it('D22 exports masked by default; a full export needs unmask, a reason, carries a watermark and is logged', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const res = await officer.get('/api/volunteers/export?category=teacher');
    expect(res.status).toBe(200);
    const rows = await readSheet(res.body);
    expect(rows[0][0]).toBe('“五老”志愿者花名册');
    expect(rows[1].slice(0, 3)).toEqual(['序号', '姓名', '类别']);
    expect(rows).toHaveLength(4); // title, header, 张三丰, 合计 (hours)
    expect(rows[3][0]).toBe('合计');
    expect(JSON.stringify(rows)).toContain('3601**********');
    expect(JSON.stringify(rows)).not.toContain(idNumber('19480315', '135'));
    expect(JSON.stringify(rows)).toContain('138****5678');
    expect((await officer.get('/api/volunteers/export?full=true&reason=核对')).status).toBe(403);
    const office = await s.as('countyOffice');
    expect((await office.get('/api/volunteers/export?full=true')).status).toBe(400);
    const full = await office.get(`/api/volunteers/export?full=true&reason=${encodeURIComponent('上报县民政局核对')}&q=zsf`);
    expect(full.status).toBe(200);
    const fullRows = await readSheet(full.body);
    expect(JSON.stringify(fullRows)).toContain(idNumber('19480315', '135'));
    expect(JSON.stringify(fullRows)).toContain('完整信息导出');
    const events = await s.platform.db.selectFrom('auditEvent').select(['event', 'detail']).where('event', 'in', ['volunteer.export', 'volunteer.export.full']).orderBy('seq').execute();
    expect(events.map((e) => [e.event, JSON.parse(e.detail!).rows])).toEqual([['volunteer.export', 1], ['volunteer.export.full', 1]]);
    expect(JSON.parse(events[1].detail!).reason).toBe('上报县民政局核对');
  });

  it('the commit matches each row against the register as the rows before it left it (looked up once, not row by row)', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const zhaoId = idNumber('19500101', '246');
    const sunId = idNumber('19520201', '357');
    const zhao = await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '赵六', idNumber: zhaoId });
    const sun = await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '孙八', idNumber: sunId });
    expect([zhao.status, sun.status]).toEqual([200, 200]);
    const file = await workbook([
      header,
      // 赵六's ID number under a new name: he is renamed 赵六一 ...
      [1, '赵六一', '老教师', '', '', zhaoId, '', '东风镇', '东风村', '', ''],
      // ... so a 赵六 born the same day, with no ID number, is now nobody in the register: a new volunteer.
      [2, '赵六', '老战士', '男', '1950.01', '', '', '东风镇', '东风村', '', ''],
      // No ID number: the same name and birth date make it 孙八, whom it updates (phone) ...
      [3, '孙八', '老教师', '男', '1952.02', '', '13900001111', '东风镇', '东风村', '宣讲', ''],
      // ... and his ID number under a new name is him again, updated a second time.
      [4, '孙八一', '老教师', '', '', sunId, '', '东风镇', '东风村', '', ''],
    ]);
    const res = await officer.post('/api/volunteers/import/preview', form(file));
    expect(res.body).toMatchObject({ total: 4, valid: 4, invalid: 0 });
    const done = await officer.post('/api/volunteers/import/commit', { token: res.body.token, duplicates: 'update' });
    expect(done.body).toEqual({ created: 1, updated: 3, skipped: 0 });
    expect((await officer.get(`/api/volunteers/${zhao.body.id}`)).body).toMatchObject({ name: '赵六一', category: 'teacher' });
    expect((await officer.get(`/api/volunteers/${sun.body.id}`)).body).toMatchObject({ name: '孙八一', phone: '139****1111', birthDate: '1952-02-01' });
    const born = await s.platform.db.selectFrom('volunteer').select(['name', 'category']).where('birthDate', 'in', ['1950-01-01', '1952-02-01']).orderBy('name').execute();
    expect(born).toEqual([{ name: '孙八一', category: 'teacher' }, { name: '赵六', category: 'veteran' }, { name: '赵六一', category: 'teacher' }]);

    // Someone registered outside the officer's township, found by ID number or by name and birth date, is an error
    // on that row (the county office has to look into it); the other rows stay valid.
    const office = await s.as('countyOffice');
    const liId = idNumber('19490505', '468');
    expect((await office.post('/api/volunteers', { orgUnitId: s.tree.villageB1, category: 'cadre', name: '李九', idNumber: liId })).status).toBe(200);
    expect((await office.post('/api/volunteers', { orgUnitId: s.tree.villageB1, category: 'cadre', name: '周十', sex: 'male', birthDate: '1947-07-01' })).status).toBe(200);
    const outside = await officer.post('/api/volunteers/import/preview', form(await workbook([
      header,
      [1, '李九', '老干部', '', '', liId, '', '东风镇', '东风村', '', ''],
      [2, '周十', '老干部', '男', '1947.07', '', '', '东风镇', '东风村', '', ''],
      [3, '吴十一', '老干部', '男', '1947.07', '', '', '东风镇', '东风村', '', ''],
    ])));
    expect(outside.body).toMatchObject({ total: 3, valid: 1, invalid: 2, duplicates: 0 });
    expect(outside.body.rows.map((r: { errors: { column: string; message: string }[] }) => r.errors)).toEqual([
      [{ column: '身份证号', message: '该志愿者已在其他单位登记，请联系县关工委办公室核实' }],
      [{ column: '姓名', message: '该志愿者已在其他单位登记，请联系县关工委办公室核实' }],
      [],
    ]);
  });
});

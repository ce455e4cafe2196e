import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';

async function readSheet(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, info: wb.getWorksheet('导出说明') };
}

describe('member units', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('creates a unit with an encrypted liaison phone, audits it, and refuses a duplicate name', async () => {
    const office = await s.as('countyOffice');
    const bad = await office.post('/api/member-units', { name: '', liaisonPhone: '123', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const created = await office.post('/api/member-units', { name: '县教育局', shortName: '教育局', duties: '负责学校关工工作', liaisonName: '王老师', liaisonPhone: '13812345678', leaderName: '李局长', sortOrder: 3 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: '县教育局', shortName: '教育局', liaisonPhone: '13812345678', sortOrder: 3, status: 'active', userCount: 0 });
    expect(created.body.actions).toEqual(['update', 'disable']);
    const row = await s.platform.db.selectFrom('memberUnit').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.liaisonPhoneEnc).toBeTruthy();
    expect(row.liaisonPhoneEnc).not.toContain('13812345678');
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'memberUnit.create').where('objectId', '=', created.body.id).executeTakeFirstOrThrow();
    expect(audit.username).toBe(office.username);
    expect(audit.detail).not.toContain('13812345678');
    expect(audit.detail).toContain('138****5678');
    const dup = await office.post('/api/member-units', { name: ' 县教育局 ' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('MEMBER_UNIT_NAME_TAKEN');
    expect(await s.platform.db.selectFrom('memberUnit').select('id').where('name', '=', '县教育局').execute()).toHaveLength(1);
  });

  it('B12 masks the liaison phone for readers who may not edit member units', async () => {
    const office = await s.as('countyOffice');
    const created = await office.post('/api/member-units', { name: '县民政局', liaisonPhone: '13900001111' });
    const leader = await s.as('countyLeader');
    const seen = await leader.get(`/api/member-units/${created.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.liaisonPhone).toBe('139****1111');
    expect(seen.body.actions).toEqual([]);
    const list = await leader.get('/api/member-units?q=民政');
    expect(list.body.items.map((i: { liaisonPhone: string }) => i.liaisonPhone)).toEqual(['139****1111']);
    expect((await leader.post('/api/member-units', { name: '越权单位' })).status).toBe(403);
  });

  it('edits only the fields sent, clears with an empty string, disables and re-enables with audit rows', async () => {
    const office = await s.as('countyOffice');
    const created = await office.post('/api/member-units', { name: '县司法局', shortName: '司法局', liaisonPhone: '13700002222', sortOrder: 7 });
    const id = created.body.id;
    const edited = await office.patch(`/api/member-units/${id}`, { duties: '普法宣传', shortName: '' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ duties: '普法宣传', shortName: null, sortOrder: 7, liaisonPhone: '13700002222' });
    const phone = await office.patch(`/api/member-units/${id}`, { liaisonPhone: '13700003333' });
    expect(phone.body.liaisonPhone).toBe('13700003333');
    const phoneAudit = await s.platform.db.selectFrom('auditEvent').select('detail').where('event', '=', 'memberUnit.update').where('objectId', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(phoneAudit.detail!)).toEqual({ before: { liaisonPhone: '137****2222' }, after: { liaisonPhone: '137****3333' } });
    const taken = await office.patch(`/api/member-units/${id}`, { name: '县民政局' });
    expect(taken.status).toBe(409);
    const disabled = await office.patch(`/api/member-units/${id}`, { status: 'disabled' });
    expect(disabled.body.status).toBe('disabled');
    expect(disabled.body.actions).toEqual(['update', 'enable']);
    const events = await s.platform.db.selectFrom('auditEvent').select('event').where('objectId', '=', id).orderBy('seq').execute();
    expect(events.map((e) => e.event)).toEqual(['memberUnit.create', 'memberUnit.update', 'memberUnit.update', 'memberUnit.disable']);
    const filtered = await office.get('/api/member-units?status=disabled');
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await office.patch(`/api/member-units/${id}`, { status: 'active' })).body.status).toBe('active');
    expect((await office.patch(`/api/member-units/${crypto.randomUUID()}`, { duties: 'x' })).status).toBe(404);
  });

  it('lists with sort and pagination, counts attached accounts, and rejects sorts off the allowlist', async () => {
    const office = await s.as('countyOffice');
    const unit = await office.post('/api/member-units', { name: '团县委', sortOrder: 1 });
    await s.createUser({ username: `tw_${Date.now()}`, role: 'memberUnitLiaison', at: { memberUnitId: unit.body.id } });
    const page1 = await office.get('/api/member-units?sort=sortOrder&pageSize=2&page=1');
    expect(page1.status).toBe(200);
    expect(page1.body.pageSize).toBe(2);
    expect(page1.body.items[0]).toMatchObject({ name: '团县委', userCount: 1 });
    expect(page1.body.total).toBeGreaterThanOrEqual(4);
    const desc = await office.get('/api/member-units?sort=-name&pageSize=100');
    const names = desc.body.items.map((i: { name: string }) => i.name);
    expect(names).toHaveLength(desc.body.total);
    expect((await office.get('/api/member-units?sort=name;DROP TABLE member_unit')).status).toBe(400);
    expect((await office.get("/api/member-units?q=' OR 1=1 --")).body.total).toBe(0);
  });

  it('a member-unit liaison sees only their own unit; others answer 404', async () => {
    const office = await s.as('countyOffice');
    const own = await office.post('/api/member-units', { name: '县妇联', liaisonPhone: '13600004444' });
    const other = await office.post('/api/member-units', { name: '县科协' });
    const liaison = await s.as('memberUnitLiaison', { memberUnitId: own.body.id });
    const list = await liaison.get('/api/member-units?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: own.body.id, liaisonPhone: '136****4444' });
    expect((await liaison.get(`/api/member-units/${own.body.id}`)).status).toBe(200);
    const hidden = await liaison.get(`/api/member-units/${other.body.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('MEMBER_UNIT_NOT_FOUND');
    expect((await liaison.patch(`/api/member-units/${own.body.id}`, { duties: '改' })).status).toBe(403);
    // A township officer (not attached to a unit) reads every unit.
    const officer = await s.as('townshipOfficer', 'townshipA');
    expect((await officer.get(`/api/member-units/${other.body.id}`)).status).toBe(200);
  });

  it('D22 exports Excel with masked phones for non-editors, escapes formulas, and audits the row count', async () => {
    const office = await s.as('countyOffice');
    await office.post('/api/member-units', { name: '=HYPERLINK("http://x")', liaisonPhone: '13512345678', duties: '@SUM(A1)' });
    const res = await office.get('/api/member-units/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const { rows } = await readSheet(res.body);
    expect(rows[0][0]).toBe('关工委成员单位一览表');
    expect(rows[1].slice(0, 3)).toEqual(['序号', '单位名称', '简称']);
    const formulaRow = rows.find((r) => String(r[1]).includes('HYPERLINK'))!;
    expect(formulaRow[1]).toBe(`'=HYPERLINK("http://x")`);
    expect(formulaRow[6]).toBe(`'@SUM(A1)`);
    expect(formulaRow[5]).toBe('13512345678');
    const total = (await office.get('/api/member-units?pageSize=1')).body.total;
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'memberUnit.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).rows).toBe(total);
    expect(audit.username).toBe(office.username);

    // A reader with export but not edit rights gets masked phones in the file too.
    const roleId = crypto.randomUUID();
    const now = new Date().toISOString();
    await s.platform.db.insertInto('role').values({ id: roleId, code: 'muExporter', name: '成员单位导出', description: null, dataScope: 'all', builtin: 0, separatedDuty: null, requiresSecondFactor: 0, createdAt: now, updatedAt: now }).execute();
    await s.platform.db.insertInto('rolePermission').values([{ roleId, permission: 'memberUnit:read' }, { roleId, permission: 'memberUnit:export' }]).execute();
    const exporterName = `mu_exporter_${Date.now()}`;
    const exporterId = await s.createUser({ username: exporterName, role: 'countyLeader' });
    await s.platform.db.insertInto('userRole').values({ userId: exporterId, roleId }).execute();
    await bumpAuthzEpoch(s.platform.db);
    const exporter = await s.login(exporterName);
    const masked = await readSheet((await exporter.get('/api/member-units/export?q=HYPERLINK')).body);
    expect(masked.rows).toHaveLength(4); // title, header, one unit, 合计
    expect(masked.rows[2][5]).toBe('135****5678');
    expect(JSON.stringify(masked.rows)).not.toContain('13512345678');

    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/member-units/export')).status).toBe(403);
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness.js';
import { auditRows, birthYearsAgo, caseInput, fakeIdNumber } from './testSupport.js';
import { idNumberDomain } from './repository.js';
import { caseAad } from './presenter.js';

let seq = 300;
const nextId = (years = 16) => fakeIdNumber(birthYearsAgo(years), seq += 2);

async function sheetRows(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

async function ledger(rows: (string | number | Date)[][], headers: string[], title = '东风镇关爱帮扶对象台账') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, buf: Buffer, name = '台账.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([buf]), name);
  return c.post('/api/care-cases/import/preview', form);
}

async function waitForJob(c: Client, previewId: string) {
  for (let i = 0; i < 200; i++) {
    const job = await c.get(`/api/care-cases/import/${previewId}`);
    if (job.body.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('care cases: sealed offence details, export and ledger import', () => {
  let s: TestServer;
  // SQLite's writer's page cache before any import (imports raise it for their commit and must give it back).
  let writerCache: unknown;
  beforeAll(async () => {
    s = await startTestServer();
    writerCache = s.dialect === 'sqlite' ? s.platform.handle.sqlite!.pragma('cache_size', { simple: true }) : undefined;
  });
  afterAll(() => s.close());

  it('B15 without an approved grant a case with offence details answers exactly like one without', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const withOffence = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId(), name: '封存甲', categories: ['offender'], offence: { offenceDate: '2024-05-01', narrative: '盗窃摩托车一辆，价值三千元', disposition: '附条件不起诉' } }))).body;
    const without = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId(), name: '封存乙', categories: ['offender'] }))).body;
    const raw = await s.platform.db.selectFrom('careCaseOffence').selectAll().where('caseId', '=', withOffence.id).executeTakeFirstOrThrow();
    expect(raw.detailsEnc).not.toContain('盗窃');
    const strip = (b: Record<string, unknown>) => Object.keys(b).sort();
    const d1 = await officer.get(`/api/care-cases/${withOffence.id}`);
    const d2 = await officer.get(`/api/care-cases/${without.id}`);
    expect(strip(d1.body)).toEqual(strip(d2.body));
    expect(d1.body.actions).toEqual(d2.body.actions);
    expect(JSON.stringify(d1.body)).not.toMatch(/盗窃|附条件|offence|hasOffence/i);
    const o1 = await officer.get(`/api/care-cases/${withOffence.id}/offence`);
    const o2 = await officer.get(`/api/care-cases/${without.id}/offence`);
    expect([o1.status, o2.status]).toEqual([403, 403]);
    expect({ ...o1.body, requestId: '' }).toEqual({ ...o2.body, requestId: '' });
    expect((await officer.get(`/api/care-cases?q=${encodeURIComponent('盗窃')}`)).body.total).toBe(0);
    const t1 = (await officer.get(`/api/care-cases/${withOffence.id}/timeline`)).body;
    expect(JSON.stringify(t1)).not.toContain('盗窃');
    const audit = await auditRows(s, 'careCase.create', withOffence.id);
    expect(audit[0].detail).not.toMatch(/offence|盗窃/);
    // Asking for access answers the same for both.
    const r1 = await officer.post('/api/sealed-access-requests', { objectType: 'careCase.offence', objectId: withOffence.id, orgUnitId: s.tree.villageA1, reason: '办理复学手续需要核实原处理结果' });
    const r2 = await officer.post('/api/sealed-access-requests', { objectType: 'careCase.offence', objectId: without.id, orgUnitId: s.tree.villageA1, reason: '办理复学手续需要核实原处理结果' });
    expect([r1.status, r2.status]).toEqual([200, 200]);
    // Writing needs a grant too, the same for both.
    expect((await officer.put(`/api/care-cases/${without.id}/offence`, { narrative: '补录' })).status).toBe(403);
    // Another township cannot even ask.
    const officerB = await s.as('townshipOfficer', 'townshipB');
    expect((await officerB.post('/api/sealed-access-requests', { objectType: 'careCase.offence', objectId: withOffence.id, orgUnitId: s.tree.villageA1, reason: '办理复学手续需要核实原处理结果' })).status).toBe(404);
  });

  it('B15 an approved, unexpired grant reads the details; every view is logged; expiry ends access', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const approver = await s.as('countyOffice');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId(), name: '封存丙', categories: ['offender'], offence: { narrative: '寻衅滋事', disposition: '训诫' } }))).body;
    const req = await officer.post('/api/sealed-access-requests', { objectType: 'careCase.offence', objectId: c.id, orgUnitId: s.tree.villageA1, reason: '制定矫治帮扶计划需要了解原案情' });
    const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await approver.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt })).status).toBe(200);
    const read = await officer.get(`/api/care-cases/${c.id}/offence`);
    expect(read.status).toBe(200);
    expect(read.body.offence).toMatchObject({ narrative: '寻衅滋事', disposition: '训诫' });
    await officer.get(`/api/care-cases/${c.id}/offence`);
    const views = await auditRows(s, 'sealed.view', c.id);
    expect(views).toHaveLength(2);
    expect(views[0].username).toBe(officer.username);
    const upd = await officer.put(`/api/care-cases/${c.id}/offence`, { narrative: '寻衅滋事（已核实）', disposition: '训诫' });
    expect(upd.status).toBe(200);
    expect(upd.body.offence.narrative).toBe('寻衅滋事（已核实）');
    // The approver, who never asked, still sees nothing; and an expired grant is no grant.
    expect((await approver.get(`/api/care-cases/${c.id}/offence`)).status).toBe(403);
    await s.platform.db.updateTable('sealedAccessRequest').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('id', '=', req.body.id).execute();
    expect((await officer.get(`/api/care-cases/${c.id}/offence`)).status).toBe(403);
  });

  it('D22 export is masked by default; a full export needs exportFull and a reason, carries a watermark, audited with row count', async () => {
    const office = await s.as('countyOffice');
    const officer = await s.as('townshipOfficer', 'townshipA');
    const idNumber = nextId();
    await office.post('/api/care-cases', caseInput(s, { idNumber, name: '=HYPERLINK("x")', categories: ['bereaved'], orgUnitId: s.tree.villageB1 }));
    const masked = await officer.get('/api/care-cases/export?category=bereaved');
    expect(masked.status).toBe(200);
    const rowsA = await sheetRows(masked.body);
    expect(rowsA.flat().join('|')).not.toContain(idNumber);
    expect(rowsA.flat().join('|')).not.toContain('HYPERLINK'); // out of the township's scope
    const full = await officer.get('/api/care-cases/export?full=true&reason=核对');
    expect(full.status).toBe(403);
    const noReason = await office.get('/api/care-cases/export?full=true&category=bereaved');
    expect(noReason.status).toBe(400);
    const ok = await office.get(`/api/care-cases/export?full=true&category=bereaved&reason=${encodeURIComponent('民政局核对孤儿名单')}`);
    expect(ok.status).toBe(200);
    const rows = await sheetRows(ok.body);
    const text = rows.flat().join('|');
    expect(text).toContain(idNumber);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toMatch(new RegExp(`完整信息导出：.*${office.username}`));
    const maskedOffice = await sheetRows((await office.get('/api/care-cases/export?category=bereaved')).body);
    expect(maskedOffice.flat().join('|')).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    const audit = await auditRows(s, 'careCase.exportFull');
    expect(JSON.parse(audit.at(-1)!.detail!)).toMatchObject({ rows: 1, full: true, reason: '民政局核对孤儿名单' });
    expect((await auditRows(s, 'careCase.export')).length).toBeGreaterThanOrEqual(2);
  });

  it('imports a county ledger: tolerant headers and dates, row/column errors, nothing written until commit, then all rows', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const existingId = nextId();
    await officer.post('/api/care-cases', caseInput(s, { idNumber: existingId, name: '已有人' }));
    const headers = ['序号', '姓名', '性别', '出生年月', '公民身份号码', '政治面貌', '户籍地', '常住地', '归口单位', '家庭情况', '联系电话', '监护人', '监护人电话', '是否需要帮扶', '类别'];
    const good1 = fakeIdNumber('20080512', 501);
    const good2 = fakeIdNumber('20070101', 502);
    const bad = good1.slice(0, 17) + (good1[17] === '1' ? '2' : '1');
    const under14 = nextId(10);
    const rows = [
      [1, '黄一', '男', '2008.05', good1.toLowerCase().replace('x', 'x'), '共青团员', '东风村', '东风村', '东风镇/东风村', '单亲家庭', '13811112222', '黄父', '13911112222', '是', '失学、失管'],
      [2, '黄二', '女', '2007年1月', String.fromCharCode(0xff10 + Number(good2[0])) + good2.slice(1), '群众', '红旗社区', '红旗社区', '红旗社区', '', '', '', '', '是', '失业'],
      [3, '黄三', '', '2008-05', bad, '', '', '', '东风村', '', '', '', '', '是', '失足'],
      [4, '黄四', '', '', 3.60781200805125e17, '', '', '', '东风村', '', '', '', '', '是', '失足'],
      [5, '黄五', '', '', nextId(), '', '', '', '不存在村', '', '', '', '', '是', '失学'],
      [6, '黄六', '', '', existingId, '', '', '', '东风村', '', '', '', '', '是', '失学'],
      [7, '黄七', '', '', good1, '', '', '', '东风村', '', '', '', '', '是', '失学'],
      [8, '黄八', '', '', under14, '', '', '', '东风村', '', '', '', '', '是', '失亲'],
      [9, '黄九', '', '', nextId(), '', '', '', '西岭村', '', '', '', '', '是', '失学'],
    ];
    const prev = await upload(officer, await ledger(rows, headers));
    expect(prev.status).toBe(200);
    expect(prev.body).toMatchObject({ rowCount: 9, invalidCount: 6, validCount: 3 });
    const byRow = (r: number) => prev.body.errors.filter((e: { row: number }) => e.row === r + 2);
    expect(byRow(1)).toEqual([]);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual([{ row: 5, column: '公民身份号码', message: expect.stringContaining('校验位') }]);
    expect(byRow(4)[0].message).toMatch(/科学计数法/);
    expect(byRow(5)[0]).toMatchObject({ column: '归口单位', message: expect.stringContaining('不存在村') });
    // Already registered in scope: not an error but a duplicate the user decides on (same ID: skip or update only).
    expect(byRow(6)).toEqual([]);
    expect(prev.body.duplicates).toEqual([expect.objectContaining({ row: 8, name: '黄六', existingName: '已有人', matchedBy: 'idNumber', allowed: ['skip', 'update'] })]);
    expect(byRow(7)[0].message).toMatch(/与第3行身份证号重复/);
    expect(byRow(8)[0]).toMatchObject({ column: '监护人同意', message: expect.stringContaining('未满14周岁') });
    expect(byRow(9)[0].column).toBe('归口单位'); // another township: out of scope
    expect(prev.body.columns.find((c: { header: string }) => c.header === '公民身份号码').field).toBe('idNumber');
    const count = async () => (await s.platform.db.selectFrom('careCase').select('id').where('name', 'like', '黄%').execute()).length;
    expect(await count()).toBe(0);
    const refused = await officer.post('/api/care-cases/import/commit', { previewId: prev.body.previewId });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(await count()).toBe(0);
    // Fixed file: only the good rows.
    const fixed = await upload(officer, await ledger(rows.slice(0, 2), headers));
    expect(fixed.body.invalidCount).toBe(0);
    const other = await s.as('townshipOfficer', 'townshipA');
    expect((await other.post('/api/care-cases/import/commit', { previewId: fixed.body.previewId })).status).toBe(410);
    const started = await officer.post('/api/care-cases/import/commit', { previewId: fixed.body.previewId });
    expect(started.status).toBe(200);
    const job = await waitForJob(officer, fixed.body.previewId);
    expect(job.body).toMatchObject({ status: 'done', created: 2, total: 2, done: 2 });
    expect(await count()).toBe(2);
    const imported = await s.platform.db.selectFrom('careCase').selectAll().where('name', '=', '黄一').executeTakeFirstOrThrow();
    expect(imported).toMatchObject({ sex: 'male', birthDate: '2008-05-12', source: 'import', politicalStatus: 'league' });
    // The blind index the preview computed is the one stored (duplicate checks find the imported person).
    expect(imported.idNumberBidx).toBe(s.platform.cipher.blindIndex(good1.toUpperCase(), idNumberDomain));
    expect(s.platform.cipher.decrypt(imported.idNumberEnc, caseAad(imported.id, 'idNumber'))).toBe(good1.toUpperCase());
    // Each field sealed beside the main thread sits in its own column under its own AAD; empty cells stay empty.
    const open = (token: string | null, field: Parameters<typeof caseAad>[1]) => token && s.platform.cipher.decrypt(token, caseAad(imported.id, field));
    expect({
      phone: open(imported.phoneEnc, 'phone'), householdAddress: open(imported.householdAddressEnc, 'householdAddress'), currentAddress: open(imported.currentAddressEnc, 'currentAddress'),
      guardianPhone: open(imported.guardianPhoneEnc, 'guardianPhone'), familySituation: open(imported.familySituationEnc, 'familySituation'), contacts: imported.contactsEnc,
    }).toEqual({ phone: '13811112222', householdAddress: '东风村', currentAddress: '东风村', guardianPhone: '13911112222', familySituation: '单亲家庭', contacts: null });
    const second = await s.platform.db.selectFrom('careCase').selectAll().where('name', '=', '黄二').executeTakeFirstOrThrow();
    expect([second.phoneEnc, second.guardianPhoneEnc, second.familySituationEnc]).toEqual([null, null, null]);
    // And the API shows them masked, as for a case entered by hand.
    expect((await officer.get(`/api/care-cases/${imported.id}`)).body).toMatchObject({ phone: '138****2222', guardianPhone: '139****2222' });
    expect((await auditRows(s, 'careCase.import')).at(-1)!.detail).toContain('"rows":2');
    expect((await officer.post('/api/care-cases/import/commit', { previewId: fixed.body.previewId })).status).toBe(410);
    const notExcel = await upload(officer, Buffer.from('<html>hi</html>'), 'x.xlsx');
    expect(notExcel.status).toBe(400);
  });

  it('import duplicates: per row (or for all) skip / update existing / keep both, applied all or nothing; progress from any instance', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const sameId = fakeIdNumber('20090304', 611);
    const x = (await officer.post('/api/care-cases', caseInput(s, { idNumber: sameId, name: '甲某', schoolOrWork: '旧学校' }))).body;
    const y = (await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber('20090304', 613), name: '乙某' }))).body;
    const headers = ['姓名', '身份证号', '归口单位', '帮扶类别', '就读学校'];
    const rows = [
      ['甲某', sameId, '东风村', '失业', '县职业中专'],
      ['乙某', fakeIdNumber('20090304', 615), '东风村', '失学', ''],
      ['丙某', fakeIdNumber('20090304', 617), '东风村', '失学', ''],
    ];
    const prev = await upload(officer, await ledger(rows, headers));
    expect(prev.body).toMatchObject({ invalidCount: 0, validCount: 3 });
    expect(prev.body.duplicates).toEqual([
      expect.objectContaining({ row: 3, existingId: x.id, matchedBy: 'idNumber', allowed: ['skip', 'update'] }),
      expect.objectContaining({ row: 4, existingId: y.id, matchedBy: 'nameBirthDate', allowed: ['skip', 'update', 'keep'] }),
    ]);
    const undecided = await officer.post('/api/care-cases/import/commit', { previewId: prev.body.previewId });
    expect(undecided.status).toBe(400);
    expect(undecided.body.message).toMatch(/2 行与已有档案重复/);
    const keepSameId = await officer.post('/api/care-cases/import/commit', { previewId: prev.body.previewId, duplicates: 'keep' });
    expect(keepSameId.status).toBe(400);
    expect((await officer.post('/api/care-cases/import/commit', { previewId: prev.body.previewId, duplicates: 'merge' })).status).toBe(400);
    const started = await officer.post('/api/care-cases/import/commit', { previewId: prev.body.previewId, duplicates: 'skip', choices: [{ row: 3, action: 'update' }, { row: 4, action: 'keep' }] });
    expect(started.status).toBe(200);
    const job = await waitForJob(officer, prev.body.previewId);
    expect(job.body).toMatchObject({ status: 'done', created: 2, updated: 1, skipped: 0 });
    const progress = await officer.get(`/api/import-jobs/${prev.body.previewId}`);
    expect(progress.body).toMatchObject({ kind: 'careCase', status: 'done', total: 3, done: 3, created: 2, updated: 1 });
    expect((await (await s.as('townshipOfficer', 'townshipA')).get(`/api/import-jobs/${prev.body.previewId}`)).status).toBe(404);
    const updated = await s.platform.db.selectFrom('careCase').selectAll().where('id', '=', x.id).executeTakeFirstOrThrow();
    expect(updated).toMatchObject({ schoolOrWork: '县职业中专', status: 'intake', source: 'manual' });
    const cats = await s.platform.db.selectFrom('careCaseCategory').select('category').where('caseId', '=', x.id).execute();
    expect(cats.map((c) => c.category)).toContain('unemployed');
    expect(await s.platform.db.selectFrom('careCase').select('id').where('name', '=', '乙某').execute()).toHaveLength(2);
    expect(await s.platform.db.selectFrom('careCase').select('id').where('name', '=', '甲某').execute()).toHaveLength(1);
    const audit = JSON.parse(String((await auditRows(s, 'careCase.import')).at(-1)!.detail));
    expect(audit).toMatchObject({ created: 2, updated: 1, skipped: 0, updatedIds: [x.id] });
  });

  it('a 5,000-row ledger with 50 bad rows reports exactly those 50 and writes nothing until confirmed', async () => {
    const office = await s.as('countyOffice');
    const headers = ['序号', '姓名', '性别', '出生年月', '身份证号', '归口单位', '帮扶类别'];
    const rows: (string | number)[][] = [];
    const badRows = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const day = new Date(Date.UTC(2003, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      let id = fakeIdNumber(day, 100 + Math.floor(i / 3000) * 400 + (i % 400), String(360700 + Math.floor(i / 400) % 99));
      if (i % 100 === 37) {
        id = id.slice(0, 17) + (id[17] === '3' ? '4' : '3');
        badRows.add(i + 3);
      }
      rows.push([i + 1, `批量${i}`, '', '', id, i % 2 ? '东风村' : '西岭乡/西岭村', i % 3 ? '失学' : '失管、失亲']);
    }
    const prev = await upload(office, await ledger(rows, headers));
    expect(prev.status).toBe(200);
    expect(prev.body.rowCount).toBe(5000);
    expect(prev.body.invalidCount).toBe(50);
    expect(new Set(prev.body.errors.map((e: { row: number }) => e.row))).toEqual(badRows);
    const count = async () => Number((await s.platform.db.selectFrom('careCase').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', '批量%').executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);
    const good = rows.filter((_r, i) => !badRows.has(i + 3));
    const fixed = await upload(office, await ledger(good, headers));
    expect(fixed.body.invalidCount).toBe(0);
    expect(await count()).toBe(0);
    await office.post('/api/care-cases/import/commit', { previewId: fixed.body.previewId });
    const job = await waitForJob(office, fixed.body.previewId);
    expect(job.body).toMatchObject({ status: 'done', created: 4950 });
    expect(await count()).toBe(4950);
    // Written 100 cases a statement: every case has its categories and its 'created' change, ids in the order made.
    const imported = await s.platform.db.selectFrom('careCase').select(['id', 'name']).where('name', 'like', '批量%').orderBy('id').execute();
    const n = async (table: 'careCaseCategory' | 'careCaseStatusChange') =>
      Number((await s.platform.db.selectFrom(table).innerJoin('careCase', 'careCase.id', `${table}.caseId`).select((eb) => eb.fn.countAll<number>().as('n')).where('careCase.name', 'like', '批量%').executeTakeFirstOrThrow()).n);
    expect(await n('careCaseCategory')).toBe(good.reduce((k, r) => k + String(r[6]).split('、').length, 0));
    expect(await n('careCaseStatusChange')).toBe(4950);
    const order = good.map((r) => String(r[1]));
    expect(imported.map((r) => r.name)).toEqual(order);
    // The commit's larger page cache (withImportCache) is given back: SQLite's writer is at its default again.
    if (s.dialect === 'sqlite') expect(s.platform.handle.sqlite!.pragma('cache_size', { simple: true })).toBe(writerCache);
    // The registry is asked about the rows 500 at a time while the file is read: the same 1,200 people again are
    // duplicates by ID number in every part of the file, and a namesake of 批量4000 (same birth date, another ID
    // number) after them is one by name and birth date.
    const again = good.slice(0, 1200);
    const day = new Date(Date.UTC(2003, 0, 1) + 1000 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    again.push([1201, '批量4000', '', '', fakeIdNumber(day, 999, '360710'), '东风村', '失学']);
    const dup = await upload(office, await ledger(again, headers));
    expect(dup.status).toBe(200);
    expect(dup.body.invalidCount).toBe(0);
    const byId = dup.body.duplicates.filter((d: { matchedBy: string }) => d.matchedBy === 'idNumber');
    expect(byId.map((d: { row: number; name: string }) => [d.row, d.name])).toEqual(again.slice(0, 1200).map((r, i) => [i + 3, r[1]]));
    const existing4000 = await s.platform.db.selectFrom('careCase').select('id').where('name', '=', '批量4000').executeTakeFirstOrThrow();
    expect(dup.body.duplicates.filter((d: { matchedBy: string }) => d.matchedBy === 'nameBirthDate')).toEqual([
      expect.objectContaining({ row: 1203, name: '批量4000', existingId: existing4000.id, allowed: ['skip', 'update', 'keep'] }),
    ]);
  }, 120_000);

  it('a person registered between preview and commit fails the whole import: nothing of the file is written', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const later = fakeIdNumber('20100506', 711);
    const rows = [
      ['丁某', fakeIdNumber('20100506', 713), '东风村', '失学'],
      ['戊某', later, '东风村', '失管'],
      ['己某', fakeIdNumber('20100506', 715), '东风村', '失亲'],
    ];
    const prev = await upload(officer, await ledger(rows, ['姓名', '身份证号', '归口单位', '帮扶类别']));
    expect(prev.body).toMatchObject({ invalidCount: 0, validCount: 3, duplicates: [] });
    expect((await officer.post('/api/care-cases', caseInput(s, { idNumber: later, name: '戊某' }))).status).toBe(200);
    const imports = (await auditRows(s, 'careCase.import')).length;
    expect((await officer.post('/api/care-cases/import/commit', { previewId: prev.body.previewId })).status).toBe(200);
    const job = await waitForJob(officer, prev.body.previewId);
    expect(job.body).toMatchObject({ status: 'failed', message: expect.stringContaining('预览之后又有 1 人已建档') });
    const names = await s.platform.db.selectFrom('careCase').select('name').where('name', 'in', ['丁某', '戊某', '己某']).execute();
    expect(names.map((r) => r.name)).toEqual(['戊某']);
    expect(await auditRows(s, 'careCase.import')).toHaveLength(imports);
    // A failed import gives the page cache back too.
    if (s.dialect === 'sqlite') expect(s.platform.handle.sqlite!.pragma('cache_size', { simple: true })).toBe(writerCache);
  });
});

import crypto from 'node:crypto';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { makeVolunteer } from '../activities/testSupport.js';
import { birthYearsAgo, caseInput, fakeIdNumber } from '../careCases/testSupport.js';

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
let seq = 300;
const nextId = () => fakeIdNumber(birthYearsAgo(16), (seq += 2));

/** Every key anywhere in a JSON value. */
const keysOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(keysOf) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : [];

describe('dashboard overview, yearly report and statistical returns', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    // Township A: two volunteers, two activities, one case with 1,500 yuan; township B: one of each, 800 yuan.
    const a1 = await makeVolunteer(office, s.tree.villageA1, '张三丰');
    await makeVolunteer(office, s.tree.schoolA, '李四光');
    const b1 = await makeVolunteer(office, s.tree.villageB1, '王五岳');
    for (const [orgUnitId, date, vol, students] of [[s.tree.villageA1, `${year}-03-05`, a1, 40], [s.tree.villageA2, `${year}-04-10`, a1, 30], [s.tree.villageB1, `${year}-04-12`, b1, 25]] as const) {
      const r = await office.post('/api/activities', { type: 'lecture', title: '宣讲进校园', date, orgUnitId, audienceStudents: students, audienceYouth: 0, audienceOther: 0, volunteers: [{ volunteerId: vol, hours: 2 }] });
      expect(r.status, r.text).toBe(200);
    }
    const ca = await office.post('/api/care-cases', caseInput(s, { name: '李小明', idNumber: nextId() }));
    expect(ca.status, ca.text).toBe(200);
    const cb = await office.post('/api/care-cases', caseInput(s, { name: '赵小红', idNumber: nextId(), orgUnitId: s.tree.villageB1, categories: ['bereaved'] }));
    expect(cb.status, cb.text).toBe(200);
    expect((await office.post(`/api/care-cases/${ca.body.id}/assistance`, { kind: 'education', amountFen: 150000, fundingSource: '县关工委助学金', approvedBy: '县关工委办公室', paidOn: `${year}-02-01` })).status).toBe(200);
    for (const orgUnitId of [s.tree.townshipA, s.tree.townshipB]) {
      const t = await office.post('/api/targets', { year, orgUnitId, title: '开展“五老”进校园宣讲不少于4场', owner: '王科长' });
      expect(t.status, t.text).toBe(200);
    }
    expect((await office.post(`/api/care-cases/${cb.body.id}/assistance`, { kind: 'hardship', amountFen: 80000, fundingSource: '民政局', approvedBy: '民政局', paidOn: `${year}-02-02` })).status).toBe(200);
    // Next year's target and a qualified deed, for the report's last sections.
    expect((await office.post('/api/targets', { year: year + 1, orgUnitId: s.tree.townshipA, title: '新建“五老”工作室3个' })).status).toBe(200);
    const at = new Date().toISOString();
    await s.platform.db.insertInto('notableDeed').values({ id: crypto.randomUUID(), year, memberUnitId: null, orgUnitId: s.tree.townshipA, title: '“五老”护学岗守护上学路', description: '……', deedDate: `${year}-03-15`, uploadIds: '[]', activityIds: '[]', status: 'qualified', reviewNote: null, reviewedAt: at, reviewedBy: null, createdAt: at, updatedAt: at, createdBy: null }).execute();
  });
  afterAll(() => s.close());

  it('the office sees the whole county, each figure from the modules’ scoped statistics', async () => {
    const res = await office.get(`/api/dashboard/overview?year=${year}`);
    expect(res.status, res.text).toBe(200);
    const o = res.body;
    expect(o.volunteers).toMatchObject({ total: 3, active: 3, yearHours: 6 });
    expect(o.volunteers.byCategory.find((c: { key: string }) => c.key === 'teacher').count).toBe(3);
    expect(o.careCases).toMatchObject({ cases: 2, open: 2 });
    expect(o.careCases.byCategory.find((c: { key: string }) => c.key === 'bereaved').count).toBe(1);
    expect(o.assistance).toMatchObject({ count: 2, amountFen: 230000, cases: 2 });
    expect(o.assistance.byKind.map((k: { key: string; amountFen: number }) => [k.key, k.amountFen])).toEqual([['education', 150000], ['hardship', 80000]]);
    expect(o.activities).toMatchObject({ activities: 3, audience: 95 });
    expect(o.activities.byMonth).toHaveLength(12);
    expect(o.activities.byMonth[3]).toMatchObject({ key: `${year}-04`, activities: 2, audience: 55 });
    expect(o.lectures).toMatchObject({ requests: 0, held: 0 });
    expect(o.creations.byTownship).toEqual([]);
    expect(o.targets.map((t: { targets: number }) => t.targets)).toEqual([1, 1]);
    expect(o.townships.map((t: { id: string }) => t.id).sort()).toEqual([s.tree.townshipA, s.tree.townshipB].sort());
    // Filtered to township B: only B's rows.
    const b = (await office.get(`/api/dashboard/overview?year=${year}&orgUnitId=${s.tree.townshipB}`)).body;
    expect(b.orgUnit).toEqual({ id: s.tree.townshipB, name: expect.any(String) });
    expect([b.volunteers.total, b.careCases.cases, b.assistance.amountFen, b.activities.activities]).toEqual([1, 1, 80000, 1]);
  });

  it('a township officer’s dashboard holds only the township’s rows; another township is not found', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const res = await officer.get(`/api/dashboard/overview?year=${year}`);
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.volunteers.total).toBe(2);
    expect(o.volunteers.byTownship.map((t: { count: number }) => t.count)).toEqual([2]);
    expect(o.careCases.cases).toBe(1);
    expect(o.careCases.byCategory.find((c: { key: string }) => c.key === 'bereaved').count).toBe(0);
    expect(o.assistance).toMatchObject({ count: 1, amountFen: 150000 });
    expect(o.assistance.byTownship).toHaveLength(1);
    expect(o.activities).toMatchObject({ activities: 2, audience: 70 });
    expect(o.townships.map((t: { id: string }) => t.id)).toEqual([s.tree.townshipA]);
    expect(o.targets.map((t: { key: string }) => t.key)).toEqual([s.tree.townshipA]);
    expect((await officer.get(`/api/dashboard/overview?orgUnitId=${s.tree.townshipB}`)).status).toBe(404);
    expect((await officer.get('/api/dashboard/overview?year=abc')).status).toBe(400);
    expect((await officer.get('/api/dashboard/overview?extra=1')).status).toBe(400);
  });

  it('the county leader gets aggregates only: no name, id number, phone or person id anywhere', async () => {
    const leader = await s.as('countyLeader');
    const res = await leader.get(`/api/dashboard/overview?year=${year}`);
    expect(res.status).toBe(200);
    expect(res.body.volunteers.total).toBe(3);
    expect(res.body.assistance.amountFen).toBe(230000);
    expect(res.body.targets).toHaveLength(2);
    expect(res.text).not.toContain('王科长');
    for (const name of ['张三丰', '李四光', '王五岳', '李小明', '赵小红']) expect(res.text).not.toContain(name);
    // Org node ids are UUIDs and may contain any digits; outside them there is no phone or ID number.
    const withoutIds = res.text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    expect(withoutIds).not.toMatch(/1[3-9]\d{9}/);
    expect(withoutIds).not.toMatch(/\d{17}[\dX]/);
    const keys = new Set(keysOf(res.body));
    // (names here are org nodes': townships and the chosen node)
    for (const k of ['idNumber', 'phone', 'volunteerId', 'caseId', 'address', 'birthDate']) expect(keys.has(k)).toBe(false);
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.get('/api/dashboard/overview')).status).toBe(403);
  });

  it('the yearly report is an official-layout Word document whose figures equal SQL counts', async () => {
    const res = await office.get(`/api/reports/yearly?year=${year}`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const db = s.platform.db;
    const volunteers = Number((await db.selectFrom('volunteer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const acts = await db.selectFrom('activity').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('audienceTotal').as('a')]).where('activityDate', '>=', `${year}-01-01`).executeTakeFirstOrThrow();
    const cases = Number((await db.selectFrom('careCase').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const fen = Number((await db.selectFrom('careAssistance').select((eb) => eb.fn.sum<number>('amountFen').as('f')).executeTakeFirstOrThrow()).f);
    expect(text).toContain(`登记在册“五老”志愿者${volunteers}人`);
    expect(text).toContain(`开展各类活动${Number(acts.n)}场次、受众${Number(acts.a)}人次`);
    expect(text).toContain(`新建帮扶对象档案${cases}个`);
    expect(text).toContain(`发放帮扶资金${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}元`);
    expect(text).toContain('一、“五老”队伍建设');
    expect(text).toContain('合计');
    expect(text).toContain('列入目标清单2项，已完成0项');
    expect(text).toContain(`${year}年工作总结`);
    expect(text).toMatch(new RegExp(`${year}年\\d{1,2}月\\d{1,2}日$`));
    // Layout: A4, top 37 mm (2098 twips), left 28 mm (1587), fonts, 16 pt body with a fixed line, "— 1 —" footer.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:b\/>.*?方正小标宋|方正小标宋简体"\/><w:b\/>/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('黑体');
    expect(xml).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(xml).toMatch(/w:firstLine="640"/);
    const footer = Object.keys(zip.files).find((f) => f.startsWith('word/footer'))!;
    expect((await zip.file(footer)!.async('string')).replace(/<[^>]+>/g, '')).toContain('— ');
    expect(await zip.file('word/fontTable.xml')!.async('string')).toContain('<w:altName w:val="仿宋"/>');
    for (const name of ['张三丰', '李小明']) expect(text).not.toContain(name);
    // The table by township: each figure equals a SQL count over the township's subtree.
    const all = (re: RegExp, x: string) => [...x.matchAll(re)].map((m) => m[1]);
    const tables = all(/<w:tbl>([\s\S]*?)<\/w:tbl>/g, xml).map((t) => all(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g, t).map((tr) => all(/<w:tc(?:\s[^>]*)?>([\s\S]*?)<\/w:tc>/g, tr).map((tc) => tc.replace(/<[^>]+>/g, ''))));
    const byTownship = tables.find((t) => t[0][0] === '乡镇（街道）' && t[0].includes('帮扶资金（元）'))!;
    expect(byTownship).toBeTruthy();
    for (const id of [s.tree.townshipA, s.tree.townshipB]) {
      const node = await db.selectFrom('orgUnit').select(['name', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
      const under = (col: string) => sql<boolean>`${sql.ref(col)} IN (SELECT id FROM org_unit WHERE path LIKE ${`${node.path}%`})`;
      const vols = Number((await db.selectFrom('volunteer').select((eb) => eb.fn.countAll<number>().as('n')).where(under('volunteer.orgUnitId')).executeTakeFirstOrThrow()).n);
      const act = await db.selectFrom('activity').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('audienceTotal').as('a')]).where(under('activity.orgUnitId')).executeTakeFirstOrThrow();
      const cs = Number((await db.selectFrom('careCase').select((eb) => eb.fn.countAll<number>().as('n')).where(under('careCase.orgUnitId')).executeTakeFirstOrThrow()).n);
      const money = Number((await db.selectFrom('careAssistance').innerJoin('careCase', 'careCase.id', 'careAssistance.caseId').select((eb) => eb.fn.sum<number>('careAssistance.amountFen').as('f')).where(under('careCase.orgUnitId')).executeTakeFirstOrThrow()).f);
      const row = byTownship.find((r) => r[0] === node.name)!;
      expect(row).toEqual([node.name, String(vols), String(Number(act.n)), String(Number(act.a)), String(cs), (money / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 }), '0']);
    }
    expect(byTownship.at(-1)![0]).toBe('合计');
    expect(byTownship.at(-1)![1]).toBe(String(volunteers));
    // Notable deeds and next year's targets, from their modules.
    expect(text).toContain('全年1个单位认定“像样的事”1件');
    expect(text).toContain('“五老”护学岗守护上学路（3月15日）');
    expect(text).toContain(`${year + 1}年，1个单位已列入目标任务1项`);
    expect(text).toContain('新建“五老”工作室3个');
    const audit = await db.selectFrom('auditEvent').selectAll().where('event', '=', 'report.yearly').execute();
    expect(audit).toHaveLength(1);
    // A township officer's report speaks for the township only.
    const officer = await s.as('townshipOfficer', 'townshipA');
    const t = (await JSZip.loadAsync((await officer.get(`/api/reports/yearly?year=${year}`)).body as Buffer));
    const tText = (await t.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(tText).toContain('登记在册“五老”志愿者2人');
    expect(tText).toContain('发放帮扶资金1,500.00元');
    expect((await (await s.as('grassrootsLiaison', 'villageA1')).get('/api/reports/yearly')).status).toBe(403);
  });

  it('the statistical return has one sheet per module and matches the dashboard', async () => {
    const o = (await office.get(`/api/dashboard/overview?year=${year}`)).body;
    const res = await office.get(`/api/reports/returns?year=${year}`);
    expect(res.status, res.text).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['五老队伍', '关爱帮扶', '帮扶资金', '活动', '宣讲', '创建活动', '目标清单', '填报说明']);
    const firstTotal = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      let found: unknown[] | undefined;
      ws.eachRow((row) => { if (!found && row.getCell(1).value === '合计') found = (row.values as unknown[]).slice(3); });
      return found!;
    };
    expect(firstTotal('五老队伍')).toEqual([o.volunteers.total]);
    expect(firstTotal('关爱帮扶')).toEqual([o.careCases.cases]);
    expect(firstTotal('帮扶资金')).toEqual([o.assistance.count, o.assistance.amountFen / 100]);
    expect(firstTotal('活动')).toEqual([o.activities.activities, o.activities.audience]);
    expect(wb.getWorksheet('五老队伍')!.views[0]).toMatchObject({ state: 'frozen' });
    // A quarter counts the quarter's activities only (two in April → Q2).
    const q1 = new ExcelJS.Workbook();
    await q1.xlsx.load((await office.get(`/api/reports/returns?year=${year}&quarter=1`)).body as never);
    let q1Total: unknown[] = [];
    q1.getWorksheet('活动')!.eachRow((row) => { if (row.getCell(1).value === '合计' && !q1Total.length) q1Total = (row.values as unknown[]).slice(3); });
    expect(q1Total).toEqual([1, 40]);
    expect((await office.get(`/api/reports/returns?year=${year}&quarter=5`)).status).toBe(400);
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'report.returns').execute();
    expect(audit.length).toBe(2);
  });
  it('answers a repeated overview from its cache until an audited write moves the audit chain head', async () => {
    const url = `/api/dashboard/overview?year=${year}&orgUnitId=${s.tree.townshipB}`;
    const first = await office.get(url);
    expect(first.status).toBe(200);
    // A change behind the platform's back (no audit row) is not seen: the answer comes from the cache…
    const month = `${year}-06`;
    await sql`INSERT INTO activity_stat (org_unit_id, month, type, activities, audience) VALUES (${s.tree.villageB1}, ${month}, 'lecture', 5, 100)`.execute(s.platform.db);
    const cached = await office.get(url);
    expect(cached.body).toEqual(first.body);
    // …and any audited write ends it: the next answer is computed again and sees both changes.
    const r = await office.post('/api/activities', { type: 'lecture', title: '法治宣讲', date: `${year}-06-10`, orgUnitId: s.tree.villageB1, audienceStudents: 10, audienceYouth: 0, audienceOther: 0, volunteers: [] });
    expect(r.status, r.text).toBe(200);
    const fresh = await office.get(url);
    expect(fresh.body.activities.activities).toBe(first.body.activities.activities + 6);
    expect(fresh.body.activities.audience).toBe(first.body.activities.audience + 110);
    expect((await office.delete(`/api/activities/${r.body.id}`)).status).toBe(200);
    await sql`DELETE FROM activity_stat WHERE org_unit_id = ${s.tree.villageB1} AND month = ${month}`.execute(s.platform.db);
  });

  it('the report’s township table gives each township the figures of its own overview, for the year only', async () => {
    // Last year's activity and case in township A, and a volunteer at the county node (县直, in no township's row).
    const a1 = (await office.get(`/api/volunteers?orgUnitId=${s.tree.villageA1}`)).body.items[0].id;
    const old = await office.post('/api/activities', { type: 'lecture', title: '去年的宣讲', date: `${year - 1}-11-05`, orgUnitId: s.tree.villageA1, audienceStudents: 70, audienceYouth: 0, audienceOther: 0, volunteers: [{ volunteerId: a1, hours: 1 }] });
    expect(old.status, old.text).toBe(200);
    const oldCase = await office.post('/api/care-cases', caseInput(s, { name: '钱小东', idNumber: nextId(), intakeDate: `${year - 1}-09-01` }));
    expect(oldCase.status, oldCase.text).toBe(200);
    await makeVolunteer(office, s.tree.root, '孙六合');
    const res = await office.get(`/api/reports/yearly?year=${year}`);
    expect(res.status, res.text).toBe(200);
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
    const all = (re: RegExp, x: string) => [...x.matchAll(re)].map((m) => m[1]);
    const tables = all(/<w:tbl>([\s\S]*?)<\/w:tbl>/g, xml).map((t) => all(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g, t).map((tr) => all(/<w:tc(?:\s[^>]*)?>([\s\S]*?)<\/w:tc>/g, tr).map((tc) => tc.replace(/<[^>]+>/g, ''))));
    const table = tables.find((t) => t[0][0] === '乡镇（街道）' && t[0].includes('帮扶资金（元）'))!;
    const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    for (const id of [s.tree.townshipA, s.tree.townshipB]) {
      const o = (await office.get(`/api/dashboard/overview?year=${year}&orgUnitId=${id}`)).body;
      const name = (await office.get(`/api/org-units/${id}`)).body.name;
      const named = o.creations.byStatus.find((x: { key: string }) => x.key === 'named').count;
      expect(table.find((r) => r[0] === name)).toEqual([name, ...[o.volunteers.total, o.activities.activities, o.activities.audience, o.careCases.cases].map(String), yuan(o.assistance.amountFen), String(named)]);
    }
    // Township A: the two activities and one case of this year, not last year's.
    const nameA = (await office.get(`/api/org-units/${s.tree.townshipA}`)).body.name;
    const rowA = table.find((r) => r[0] === nameA)!;
    expect(rowA.slice(2, 5)).toEqual(['2', '70', '1']);
    // The total row counts the townships' volunteers, not the county node's.
    const county = (await office.get(`/api/dashboard/overview?year=${year}`)).body;
    expect(table.at(-1)![1]).toBe(String(county.volunteers.total - 1));
    expect((await office.delete(`/api/activities/${old.body.id}`)).status).toBe(200);
  });
});

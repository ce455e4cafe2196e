import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { idNumberCheckChar } from '@gg/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { loadActor } from '../../platform/auth/sessions.js';
import type { Actor } from '../../platform/authz/actor.js';
import { dateYearsAgo } from './repository.js';
import { createVolunteerStats } from './stats.js';
import { rebuildVolunteerStats } from './volunteerStat.js';

type Office = Awaited<ReturnType<TestServer['as']>>;

/** The registry's summary tables (issue 10) follow every write in the same transaction and answer the statistics. */
describe('volunteer summary tables', () => {
  let s: TestServer;
  let office: Office;
  let officer: Office;
  const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    officer = await s.as('townshipOfficer', 'townshipA');
  });
  afterAll(() => s.close());

  const num = <T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]) => rows.map((r) => ({ ...r, ...Object.fromEntries(keys.map((k) => [k, Number(r[k])])) }));
  const summary = async () => ({
    stat: num(
      await s.platform.db.selectFrom('volunteerStat').select(['orgUnitId', 'dimension', 'value', 'volunteers']).where('volunteers', '!=', 0).orderBy('orgUnitId').orderBy('dimension').orderBy('value').execute(),
      ['volunteers'],
    ),
    hours: num(
      await s.platform.db.selectFrom('volunteerHoursStat').select(['orgUnitId', 'year', 'hoursTenths', 'records']).where((eb) => eb.or([eb('records', '!=', 0), eb('hoursTenths', '!=', 0)])).orderBy('orgUnitId').orderBy('year').execute(),
      ['hoursTenths', 'records'],
    ),
  });
  /** The same figures straight from the base tables. */
  const fromBase = async () => ({
    stat: num(
      (await sql<{ orgUnitId: string; dimension: string; value: string; volunteers: number }>`
        SELECT * FROM (
          SELECT org_unit_id AS "orgUnitId", 'status' AS dimension, status AS value, COUNT(*) AS volunteers FROM volunteer GROUP BY org_unit_id, status
          UNION ALL SELECT org_unit_id, 'category', category, COUNT(*) FROM volunteer GROUP BY org_unit_id, category
          UNION ALL SELECT org_unit_id, 'birthYear', substr(birth_date, 1, 4), COUNT(*) FROM volunteer GROUP BY org_unit_id, substr(birth_date, 1, 4)
          UNION ALL SELECT v.org_unit_id, 'specialty', vs.specialty, COUNT(*) FROM volunteer_specialty vs JOIN volunteer v ON v.id = vs.volunteer_id GROUP BY v.org_unit_id, vs.specialty
        ) t`.execute(s.platform.db)).rows,
      ['volunteers'],
    ).sort((a, b) => cmp([a.orgUnitId, a.dimension, a.value], [b.orgUnitId, b.dimension, b.value])),
    hours: num(
      (await sql<{ orgUnitId: string; year: string; hoursTenths: number; records: number }>`
        SELECT v.org_unit_id AS "orgUnitId", y.year AS year, SUM(y.hours_tenths) AS "hoursTenths", SUM(y.records) AS records
        FROM volunteer_service_year y JOIN volunteer v ON v.id = y.volunteer_id GROUP BY v.org_unit_id, y.year`.execute(s.platform.db)).rows,
      ['hoursTenths', 'records'],
    )
      .filter((r) => r.records !== 0 || r.hoursTenths !== 0)
      .sort((a, b) => cmp([a.orgUnitId, a.year], [b.orgUnitId, b.year])),
  });
  const cmp = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };

  const actorOf = async (c: Office): Promise<Actor> => {
    const token = c.cookie.replace(/^gg_session=/, '');
    const r = await loadActor(s.platform.db, token, await s.platform.settings.security());
    if (!('actor' in r)) throw new Error('no actor');
    return r.actor;
  };
  /** What the statistics were before the summary: the register's own queries (the fallback, forced by scope self). */
  const fromRegister = async (c: Office, query: { orgUnitId?: string; year?: number }) => {
    const actor = await actorOf(c);
    return createVolunteerStats(s.platform)({ ...actor, scope: { ...actor.scope, self: true } }, query);
  };

  /** After each step: the tables equal their base rows, and the API's figures equal the register's for every query. */
  const check = async () => {
    expect(await summary()).toEqual(await fromBase());
    for (const c of [office, officer]) {
      for (const orgUnitId of [undefined, s.tree.townshipA, s.tree.villageA1]) {
        for (const year of [thisYear, 2025]) {
          const q = new URLSearchParams({ year: String(year), ...(orgUnitId && { orgUnitId }) });
          const res = await c.get(`/api/volunteers/stats?${q}`);
          expect(res.status, res.text).toBe(200);
          const expected = await fromRegister(c, { year, orgUnitId });
          expect(res.body).toEqual(expected);
          const dash = await c.get(`/api/dashboard/overview?${q}`);
          expect(dash.status, dash.text).toBe(200);
          const { total, active, hours, byCategory, byAgeBand, byTownship } = expected;
          expect(dash.body.volunteers).toEqual({ total, active, yearHours: hours.yearHours, byCategory, byAgeBand, byTownship });
        }
      }
    }
  };

  const ids: Record<string, string> = {};
  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await office.post('/api/volunteers', { category: 'teacher', sex: 'male', ...body, name: key });
    expect(res.status, res.text).toBe(200);
    ids[key] = res.body.id;
  };

  it('create, edit, move, status, specialties, service and import keep it equal to the register; statistics agree', async () => {
    // Birth dates on both sides of today's age-band edges (60, 70, 80 years ago), so the edge years count exactly.
    const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await create('张六十', { orgUnitId: s.tree.villageA1, birthDate: dateYearsAgo(60), specialties: ['lecturing', 'history'] });
    await create('李五九', { orgUnitId: s.tree.villageA1, birthDate: dayAfter(dateYearsAgo(60)), category: 'cadre' });
    await create('王七十', { orgUnitId: s.tree.villageA2, birthDate: dateYearsAgo(70), specialties: ['law'] });
    await create('赵六九', { orgUnitId: s.tree.schoolA, birthDate: dayAfter(dateYearsAgo(70)), category: 'veteran', specialties: ['law', 'arts'] });
    await create('钱八十', { orgUnitId: s.tree.villageB1, birthDate: dateYearsAgo(80), category: 'expert' });
    await create('孙七九', { orgUnitId: s.tree.townshipB, birthDate: dayAfter(dateYearsAgo(80)), specialties: ['lecturing'] });
    await create('周县直', { orgUnitId: s.tree.root, birthDate: '1950-01-01', category: 'model' });
    await check();

    // Service: activities (recorded for each participant) and a manual record, in this year and 2025.
    const act = (date: string, orgUnitId: string, volunteers: { volunteerId: string; hours: number }[]) =>
      office.post('/api/activities', { type: 'lecture', title: '宣讲', date, orgUnitId, audienceStudents: 10, volunteers: volunteers.map((v) => ({ ...v, role: 'lecturer' })) });
    const a1 = await act(`${thisYear}-01-02`, s.tree.villageA1, [{ volunteerId: ids['张六十'], hours: 2 }, { volunteerId: ids['王七十'], hours: 1.5 }]);
    const a2 = await act('2025-06-01', s.tree.villageB1, [{ volunteerId: ids['钱八十'], hours: 3 }, { volunteerId: ids['张六十'], hours: 1 }]);
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect((await office.post(`/api/volunteers/${ids['孙七九']}/service`, { date: '2025-03-01', hours: 4, description: '走访', reason: '补录' })).status).toBe(200);
    await check();

    // Edits: a move to another township (specialties and hours follow), category, birth date, specialties, status.
    const patch = (key: string, body: Record<string, unknown>) => office.patch(`/api/volunteers/${ids[key]}`, body);
    expect((await patch('张六十', { orgUnitId: s.tree.villageB1 })).status).toBe(200);
    await check();
    expect((await patch('王七十', { category: 'cadre', birthDate: '1961-07-07', specialties: ['arts', 'history', 'agriculture'] })).status).toBe(200);
    expect((await patch('赵六九', { specialties: [] })).status).toBe(200);
    expect((await patch('钱八十', { name: '钱八十一' })).status).toBe(200);
    expect((await office.post(`/api/volunteers/${ids['李五九']}/status`, { status: 'paused', reason: '身体原因' })).status).toBe(200);
    expect((await office.post(`/api/volunteers/${ids['孙七九']}/status`, { status: 'deceased', reason: '病故' })).status).toBe(200);
    await check();
    // Back again, with its service edited and withdrawn on the way.
    expect((await office.patch(`/api/activities/${a1.body.id}`, { date: '2025-12-30', volunteers: [{ volunteerId: ids['张六十'], hours: 5, role: 'lecturer' }] })).status).toBe(200);
    expect((await patch('张六十', { orgUnitId: s.tree.villageA1, category: 'expert' })).status).toBe(200);
    expect((await office.delete(`/api/activities/${a2.body.id}`)).status).toBe(200);
    await check();

    // Import: new volunteers and an update of one already registered (node, category, birth date, specialties).
    const idNumber = (birth: string, seq: string) => `360123${birth}${seq}${idNumberCheckChar(`360123${birth}${seq}`)}`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['序号', '姓名', '五老类别', '性别', '出生年月', '公民身份号码', '手机号', '乡镇', '村（社区）', '特长', '政治面貌']);
    ws.addRow([1, '吴导入', '老教师', '', '', idNumber('19520315', '135'), '', '东风镇', '东风村', '宣讲、党史', '']);
    ws.addRow([2, '郑导入', '老战士', '男', '1940.01', '', '', '西岭乡', '', '法律', '']);
    ws.addRow([3, '周县直', '老专家', '男', '1950.01', '', '', '东风镇', '红旗社区', '法律', '']);
    const f = new FormData();
    f.append('file', new Blob([(await wb.xlsx.writeBuffer()) as ArrayBuffer]), '花名册.xlsx');
    const preview = await office.post('/api/volunteers/import/preview', f);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ total: 3, invalid: 0, duplicates: 1 });
    const done = await office.post('/api/volunteers/import/commit', { token: preview.body.token, duplicates: 'update' });
    expect(done.body).toEqual({ created: 2, updated: 1, skipped: 0 });
    await check();

    // The rebuild after a bulk load gives the same tables.
    const kept = await summary();
    await rebuildVolunteerStats(s.platform.db);
    expect(await summary()).toEqual(kept);
  });

  it('statistics read the tables for actors who see by node; a change behind the platform shows there only', async () => {
    const before = await office.get(`/api/volunteers/stats?orgUnitId=${s.tree.townshipB}`);
    await s.platform.db.updateTable('volunteerStat').set((eb) => ({ volunteers: eb('volunteers', '+', 40) })).where('orgUnitId', '=', s.tree.villageB1).where('dimension', '=', 'status').where('value', '=', 'active').execute();
    const after = await office.get(`/api/volunteers/stats?orgUnitId=${s.tree.townshipB}`);
    expect(after.body.total).toBe(before.body.total + 40);
    expect((await fromRegister(office, { orgUnitId: s.tree.townshipB })).total).toBe(before.body.total);
    await rebuildVolunteerStats(s.platform.db);
    expect((await office.get(`/api/volunteers/stats?orgUnitId=${s.tree.townshipB}`)).body).toEqual(before.body);
  });
});

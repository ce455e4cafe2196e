import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type Client, type TestServer } from '../../../test/harness.js';
import { loadActor } from '../../platform/auth/sessions.js';
import type { Actor } from '../../platform/authz/actor.js';
import { birthYearsAgo, caseInput, fakeIdNumber } from './testSupport.js';
import { rebuildCareCaseStats } from './caseStats.js';
import { careCaseStats, createCareCaseService } from './index.js';

const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
let seq = 700;
const nextId = () => fakeIdNumber(birthYearsAgo(16), seq += 2);
const thisYear = Number(daysAgo(0).slice(0, 4));

/** The summary tables and the same figures straight from the base rows (the rebuild's rules, written out again). */
const tables = {
  careCaseStat: ['orgUnitId', 'year', 'status', 'outcome', 'cases'],
  careCaseCategoryStat: ['orgUnitId', 'year', 'category', 'cases'],
  careCaseOffenderDay: ['orgUnitId', 'intakeDate', 'cases'],
  careAssistanceStat: ['orgUnitId', 'year', 'kind', 'fundingSource', 'payments', 'amountFen'],
  careAssistanceCaseYear: ['orgUnitId', 'year', 'kind', 'caseId', 'payments'],
} as const;
const baseSql = {
  careCaseStat: sql`SELECT org_unit_id AS "orgUnitId", substr(intake_date, 1, 4) AS year, status, COALESCE(outcome, '') AS outcome, COUNT(*) AS cases
    FROM care_case WHERE status <> 'merged' GROUP BY org_unit_id, substr(intake_date, 1, 4), status, COALESCE(outcome, '')`,
  careCaseCategoryStat: sql`SELECT c.org_unit_id AS "orgUnitId", substr(c.intake_date, 1, 4) AS year, k.category, COUNT(*) AS cases
    FROM care_case_category k JOIN care_case c ON c.id = k.case_id WHERE c.status <> 'merged' GROUP BY c.org_unit_id, substr(c.intake_date, 1, 4), k.category`,
  careCaseOffenderDay: sql`SELECT c.org_unit_id AS "orgUnitId", c.intake_date AS "intakeDate", COUNT(*) AS cases
    FROM care_case c JOIN care_case_category k ON k.case_id = c.id AND k.category = 'offender' WHERE c.status <> 'merged' GROUP BY c.org_unit_id, c.intake_date`,
  careAssistanceStat: sql`SELECT c.org_unit_id AS "orgUnitId", substr(a.paid_on, 1, 4) AS year, a.kind, a.funding_source AS "fundingSource", COUNT(*) AS payments, SUM(a.amount_fen) AS "amountFen"
    FROM care_assistance a JOIN care_case c ON c.id = a.case_id GROUP BY c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.funding_source`,
  careAssistanceCaseYear: sql`SELECT c.org_unit_id AS "orgUnitId", substr(a.paid_on, 1, 4) AS year, a.kind, a.case_id AS "caseId", COUNT(*) AS payments
    FROM care_assistance a JOIN care_case c ON c.id = a.case_id GROUP BY c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.case_id`,
};
type Row = Record<string, string | number>;
const normal = (rows: Row[], cols: readonly string[]) =>
  rows
    .map((r) => Object.fromEntries(cols.map((c) => [c, typeof r[c] === 'string' && !['cases', 'payments', 'amountFen'].includes(c) ? r[c] : Number(r[c])])))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function ledger(rows: string[][], headers: string[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['关爱帮扶对象台账']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('care-case summary tables', () => {
  let s: TestServer;
  let office: Client;
  let supervisor: Client;
  let officerA: Client;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    supervisor = await s.as('countyOffice');
    officerA = await s.as('townshipOfficer', 'townshipA');
  });
  afterAll(() => s.close());

  const stat = async () => {
    const out: Record<string, Row[]> = {};
    for (const [t, cols] of Object.entries(tables)) out[t] = normal((await s.platform.db.selectFrom(t as keyof typeof tables).selectAll().execute()) as Row[], cols);
    return out;
  };
  const fromBase = async () => {
    const out: Record<string, Row[]> = {};
    for (const [t, cols] of Object.entries(tables)) out[t] = normal((await baseSql[t as keyof typeof tables].execute(s.platform.db)).rows as Row[], cols);
    return out;
  };
  const actorOf = async (c: Client): Promise<Actor> => {
    const r = await loadActor(s.platform.db, c.cookie.slice(c.cookie.indexOf('=') + 1), await s.platform.settings.security());
    if (!('actor' in r)) throw new Error('no actor');
    return r.actor;
  };
  /** The same actor made to take the path over the cases themselves (`scope.self` with an owner no case has). */
  const viaCases = (a: Actor): Actor => ({ ...a, userId: 'nobody', scope: { ...a.scope, self: true } });
  const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

  /** Tables equal the base rows; both endpoints and the dashboard give what the computation over the cases gives. */
  async function check() {
    expect(await stat()).toEqual(await fromBase());
    const care = careCaseStats(s.platform);
    const queries: [Client, Record<string, string | number>[]][] = [
      [office, [{}, { year: 2024 }, { year: 2025 }, { year: thisYear }, { orgUnitId: s.tree.townshipA }, { orgUnitId: s.tree.villageB1 }, { orgUnitId: s.tree.townshipB, year: 2025 }]],
      [officerA, [{}, { year: 2025 }, { orgUnitId: s.tree.villageA2 }]],
    ];
    for (const [client, qs] of queries) {
      const actor = viaCases(await actorOf(client));
      for (const q of qs) {
        const search = new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString();
        const outcomes = await client.get(`/api/care-cases/outcomes?${search}`);
        expect(outcomes.status).toBe(200);
        expect(outcomes.body).toEqual(plain(await care.outcomes(actor, q as never)));
        for (const kind of [undefined, 'education']) {
          const help = await client.get(`/api/care-cases/assistance/summary?${search}${kind ? `&kind=${kind}` : ''}`);
          expect(help.status).toBe(200);
          expect(help.body).toEqual(plain(await care.assistanceSummary(actor, { ...q, kind } as never)));
        }
      }
      // The list's total (from care_case_stat where it holds the filter) equals a count of the records themselves.
      const lists: Record<string, string>[] = [
        {}, { status: 'in_progress' }, { status: 'closed' }, { status: 'merged' }, { orgUnitId: s.tree.townshipA }, { status: 'intake', orgUnitId: s.tree.villageA1 },
        { intakeFrom: '2025-01-01', intakeTo: '2025-12-31' }, { intakeFrom: '2025-01-01' }, { intakeFrom: '2025-03-01' }, { category: 'offender' },
      ];
      for (const q of lists) {
        if (client === officerA && q.orgUnitId && q.orgUnitId !== s.tree.townshipA && q.orgUnitId !== s.tree.villageA1) continue;
        const page = await client.get(`/api/care-cases?${new URLSearchParams({ ...q, pageSize: '1' })}`);
        expect(page.status).toBe(200);
        const counted = await createCareCaseService(s.platform).list(actor, { ...q, page: 1, pageSize: 1 } as never);
        expect(page.body.total, JSON.stringify(q)).toBe(counted.total);
      }
      for (const year of [2025, thisYear]) {
        const dash = await client.get(`/api/dashboard/overview?year=${year}`);
        expect(dash.status).toBe(200);
        const o = await care.outcomes(actor, { year } as never, { rates: false });
        const a = await care.assistanceSummary(actor, { year } as never);
        expect(dash.body.careCases).toMatchObject(plain({ cases: o.cases, open: o.open, closed: o.closed, byCategory: o.byCategory, byStatus: o.byStatus }));
        expect(dash.body.careCases.outcomes.map((x: { count: number }) => x.count)).toEqual([o.backInSchool, o.employed, o.noReoffending12m]);
        expect(dash.body.assistance).toEqual(plain({ count: a.total.count, amountFen: a.total.amountFen, cases: a.total.cases, byKind: a.byKind, bySource: a.bySource, byTownship: a.byTownship }));
      }
    }
  }

  it('create, edit, status moves and closing, screenings, assistance, merge and import keep the tables equal to the base rows', async () => {
    const mk = async (c: Client, over: Record<string, unknown>) => {
      const r = await c.post('/api/care-cases', caseInput(s, { idNumber: nextId(), guardianConsent: true, ...over }));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { id: string; idNumber: string };
    };
    const c1Id = nextId();
    const c1 = await mk(office, { idNumber: c1Id, name: '周小华', intakeDate: '2025-03-01', orgUnitId: s.tree.villageA1 });
    const c2 = await mk(office, { categories: ['offender'], intakeDate: daysAgo(500), orgUnitId: s.tree.villageB1 });
    const c3 = await mk(office, { categories: ['offender', 'bereaved'], intakeDate: daysAgo(400), orgUnitId: s.tree.villageA2 });
    await mk(officerA, { categories: ['offender'], intakeDate: daysAgo(100), orgUnitId: s.tree.villageA1 });
    await mk(office, { categories: ['unsupervised'], intakeDate: '2024-07-15', orgUnitId: s.tree.schoolA });
    await check();

    // Screenings: a reoffence 200 days after intake counts; one 400 days after does not.
    expect((await office.post(`/api/care-cases/${c2.id}/screenings`, { screenedOn: daysAgo(300), riskFound: true, reoffended: true, screenedBy: '派出所' })).status).toBe(200);
    expect((await office.post(`/api/care-cases/${c3.id}/screenings`, { screenedOn: daysAgo(0), riskFound: true, reoffended: true, screenedBy: '派出所' })).status).toBe(200);
    const o = (await office.get('/api/care-cases/outcomes')).body;
    expect([o.offenderCasesFollowed12m, o.noReoffending12m]).toEqual([2, 1]);

    // Assistance over two years, kinds and sources.
    const help = (id: string, body: Record<string, unknown>) => office.post(`/api/care-cases/${id}/assistance`, { approvedBy: '县关工委办公室', ...body });
    expect((await help(c1.id, { kind: 'education', amountFen: 150000, fundingSource: '县关工委助学金', paidOn: '2025-09-01' })).status).toBe(200);
    expect((await help(c1.id, { kind: 'hardship', goods: '棉被两床', fundingSource: '民政局', paidOn: `${thisYear}-01-10` })).status).toBe(200);
    expect((await help(c2.id, { kind: 'employment', amountFen: 80000, fundingSource: '人社局', paidOn: `${thisYear}-03-01` })).status).toBe(200);
    expect((await help(c3.id, { kind: 'education', amountFen: 5000, fundingSource: '县关工委助学金', paidOn: '2025-10-10' })).status).toBe(200);
    await check();

    // Edit: another node (another township) and other categories.
    expect((await office.patch(`/api/care-cases/${c1.id}`, { orgUnitId: s.tree.villageB1, categories: ['dropout', 'unemployed'] })).status).toBe(200);
    await check();

    // Status moves, closure with an outcome, reopening.
    for (const to of ['assessment', 'plan', 'in_progress']) expect((await office.post(`/api/care-cases/${c1.id}/transition`, { to })).status).toBe(200);
    expect((await office.post(`/api/care-cases/${c1.id}/closure-request`, { outcome: 'back_in_school' })).status).toBe(200);
    expect((await supervisor.post(`/api/care-cases/${c1.id}/closure-decision`, { approve: true })).status).toBe(200);
    await check();
    expect((await office.get('/api/care-cases/outcomes?year=2025')).body.backInSchool).toBe(1);
    expect((await office.post(`/api/care-cases/${c1.id}/transition`, { to: 'reopened' })).status).toBe(200);
    await check();

    // Merge: the source's categories, screenings and help move to the target; the source leaves the case summaries.
    expect((await office.post(`/api/care-cases/${c2.id}/merge`, { sourceId: c3.id, reason: '同一人录入两次' })).status).toBe(200);
    await check();

    // Import: two new records and an update of an existing one (new categories).
    const headers = ['姓名', '身份证号', '归口单位', '帮扶类别', '登记日期', '监护人同意'];
    const rows = [
      ['周小华', c1Id, '东风村', '失管', '2025-03-01', '是'],
      ['吴小东', nextId(), '东风村', '失足', daysAgo(450), '是'],
      ['郑小西', nextId(), '东风村', '失学', '2024-02-02', '是'],
    ];
    const form = new FormData();
    form.append('file', new Blob([await ledger(rows, headers)]), '台账.xlsx');
    const prev = await office.post('/api/care-cases/import/preview', form);
    expect(prev.status).toBe(200);
    expect(prev.body.invalidCount, JSON.stringify(prev.body)).toBe(0);
    const started = await office.post('/api/care-cases/import/commit', { previewId: prev.body.previewId, duplicates: 'update' });
    expect(started.status).toBe(200);
    let job = started;
    for (let i = 0; i < 200 && job.body.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await office.get(`/api/care-cases/import/${prev.body.previewId}`);
    }
    expect(job.body).toMatchObject({ status: 'done', created: 2, updated: 1 });
    await check();

    // The rebuild after a bulk load gives the same tables.
    const kept = await stat();
    await rebuildCareCaseStats(s.platform.db);
    expect(await stat()).toEqual(kept);
  });

  it('answers from the tables for actors who see by node, and from the cases when the actor also sees their own', async () => {
    const care = careCaseStats(s.platform);
    const actor = await actorOf(office);
    const before = (await office.get('/api/care-cases/outcomes?year=2023')).body;
    // Which path answered: a change made behind the platform's back shows only in the figures read from the tables.
    await s.platform.db.insertInto('careCaseStat').values({ orgUnitId: s.tree.villageA1, year: '2023', status: 'intake', outcome: '', cases: 40 }).execute();
    await s.platform.db.insertInto('careAssistanceStat').values({ orgUnitId: s.tree.villageA1, year: '2023', kind: 'hardship', fundingSource: '测试', payments: 2, amountFen: 700 }).execute();
    expect((await care.outcomes(actor, { year: 2023 } as never)).cases).toBe(before.cases + 40);
    expect((await care.outcomes(viaCases(actor), { year: 2023 } as never)).cases).toBe(before.cases);
    expect((await care.assistanceSummary(actor, { year: 2023 } as never)).total.amountFen).toBe(700);
    expect((await care.assistanceSummary(viaCases(actor), { year: 2023 } as never)).total.amountFen).toBe(0);
    await rebuildCareCaseStats(s.platform.db);
    expect((await care.outcomes(actor, { year: 2023 } as never)).cases).toBe(before.cases);
  });

  it("takes a list's total from the table when it holds the filter, and counts the records otherwise", async () => {
    const total = async (q: Record<string, string>) => {
      const r = await office.get(`/api/care-cases?${new URLSearchParams({ ...q, pageSize: '1' })}`);
      expect(r.status).toBe(200);
      return r.body.total as number;
    };
    const filters: Record<string, string>[] = [{}, { status: 'intake' }, { orgUnitId: s.tree.townshipA }, { intakeFrom: '2023-01-01', intakeTo: '2023-12-31' }, { category: 'offender' }, { intakeFrom: '2023-02-01' }, { riskLevel: 'low' }];
    const before = await Promise.all(filters.map(total));
    // A row added behind the platform's back shows only in the totals the table answers.
    await s.platform.db.insertInto('careCaseStat').values({ orgUnitId: s.tree.villageA1, year: '2023', status: 'intake', outcome: '', cases: 40 }).execute();
    const after = await Promise.all(filters.map(total));
    expect(after.map((n, i) => n - before[i])).toEqual([40, 40, 40, 40, 0, 0, 0]);
    await rebuildCareCaseStats(s.platform.db);
    expect(await Promise.all(filters.map(total))).toEqual(before);
  });
});

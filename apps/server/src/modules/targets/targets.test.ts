import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const YEAR = 2026;
const WUHAO = '5f0b0c2e-0000-4000-8000-000000000001';
const MEMBER_RUBRIC = '5f0b0c2e-0000-4000-8000-000000000002';

async function insertActivity(s: TestServer, v: { memberUnitId?: string | null; orgUnitId?: string; date?: string; title?: string }) {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await s.platform.db
    .insertInto('activity')
    .values({
      id, type: 'lecture', studyLevel: null, title: v.title ?? '“五老”进校园宣讲', activityDate: v.date ?? `${YEAR}-03-15`, startTime: null, endTime: null,
      orgUnitId: v.orgUnitId ?? s.tree.root, memberUnitId: v.memberUnitId ?? null, venue: null, baseId: null, campaignId: null, lectureRequestId: null,
      audienceStudents: 100, audienceYouth: 0, audienceOther: 0, audienceTotal: 100, summary: null, photoUploadIds: '[]', fileUploadIds: '[]', createdAt: now, updatedAt: now, createdBy: null,
    })
    .execute();
  return id;
}

const audits = (s: TestServer, event: string, objectId?: string) => {
  let q = s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event);
  if (objectId) q = q.where('objectId', '=', objectId);
  return q.orderBy('seq').execute();
};

describe('targets, notable deeds and the yearly assessment', () => {
  let s: TestServer;
  let unitA: string;
  let unitB: string;
  beforeAll(async () => {
    s = await startTestServer();
    const office = await s.as('countyOffice');
    unitA = (await office.post('/api/member-units', { name: '县教育局' })).body.id;
    unitB = (await office.post('/api/member-units', { name: '团县委' })).body.id;
  });
  afterAll(() => s.close());

  it('the office drafts a target, the unit confirms and reports progress with a linked activity; overdue targets are flagged', async () => {
    const office = await s.as('countyOffice');
    const liaison = await s.as('memberUnitLiaison', { memberUnitId: unitA });
    expect((await office.post('/api/targets', { year: YEAR, title: '', memberUnitId: unitA })).status).toBe(400);
    expect((await office.post('/api/targets', { year: YEAR, title: 'x', memberUnitId: unitA, orgUnitId: s.tree.townshipA })).status).toBe(400);
    expect((await liaison.post('/api/targets', { year: YEAR, title: '越权起草', memberUnitId: unitA })).status).toBe(403);

    // A deadline still ahead whenever the test runs (a fixed ${YEAR}-11-30 turned overdue on 1 December in China).
    const ahead = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const created = await office.post('/api/targets', { year: YEAR, memberUnitId: unitA, title: '开展“五老”进校园宣讲不少于4场', measure: '活动记录', deadline: ahead, weight: 20, owner: '王科长' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ownerName: '县教育局', status: 'draft', progressPercent: 0, activityCount: 0, overdue: false, actions: ['update', 'delete', 'confirm'] });
    const id = created.body.id;
    expect((await audits(s, 'target.create', id))[0].username).toBe(office.username);

    // Progress before the unit has confirmed: refused.
    expect((await liaison.post(`/api/targets/${id}/progress`, { reportDate: `${YEAR}-03-20`, progressPercent: 30, note: '已开展' })).status).toBe(409);
    const confirmed = await liaison.post(`/api/targets/${id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', actions: ['reportProgress'] });

    const mine = await insertActivity(s, { memberUnitId: unitA });
    const others = await insertActivity(s, { memberUnitId: unitB, title: '团县委活动' });
    const bad = await liaison.post(`/api/targets/${id}/progress`, { reportDate: `${YEAR}-03-20`, progressPercent: 30, note: '已开展', activityIds: [others] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('LINKED_ACTIVITY_INVALID');
    const progress = await liaison.post(`/api/targets/${id}/progress`, { reportDate: `${YEAR}-03-20`, progressPercent: 40, note: '已在三所学校开展宣讲', activityIds: [mine] });
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ progressPercent: 40, activityCount: 1, status: 'confirmed' });
    expect(progress.body.progress[0]).toMatchObject({ progressPercent: 40, activities: [{ id: mine, title: '“五老”进校园宣讲' }] });
    const trail = await audits(s, 'target.progress', id);
    expect(JSON.parse(trail[0].detail!)).toMatchObject({ before: { progressPercent: 0 }, after: { progressPercent: 40 }, activities: 1 });

    const done = await liaison.post(`/api/targets/${id}/progress`, { reportDate: `${YEAR}-10-20`, progressPercent: 100, note: '全部完成', activityIds: [mine] });
    expect(done.body).toMatchObject({ status: 'completed', progressPercent: 100, activityCount: 1, actions: [] });

    const late = await office.post('/api/targets', { year: 2025, memberUnitId: unitA, title: '建立关心下一代工作台账', deadline: '2025-06-30' });
    expect(late.body.overdue).toBe(true);
    const overdue = await office.get('/api/targets?overdue=true&pageSize=100');
    expect(overdue.body.items.map((t: { id: string }) => t.id)).toEqual([late.body.id]);
    const summary = await office.get(`/api/targets/summary?year=${YEAR}`);
    expect(summary.body).toEqual([expect.objectContaining({ ownerName: '县教育局', targets: 1, completed: 1, averageProgress: 100, activityCount: 1 })]);
  });

  it('scope: a unit sees only its own targets and deeds; a township officer only its committee’s; others answer 404', async () => {
    const office = await s.as('countyOffice');
    const tA = await office.post('/api/targets', { year: YEAR, memberUnitId: unitA, title: '教育局目标' });
    const tB = await office.post('/api/targets', { year: YEAR, memberUnitId: unitB, title: '团县委目标' });
    const tTown = await office.post('/api/targets', { year: YEAR, orgUnitId: s.tree.townshipA, title: '东风镇关工委目标' });
    const liaisonB = await s.as('memberUnitLiaison', { memberUnitId: unitB });
    const list = await liaisonB.get('/api/targets?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.every((t: { memberUnitId: string }) => t.memberUnitId === unitB)).toBe(true);
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(tB.body.id);
    const hidden = await liaisonB.get(`/api/targets/${tA.body.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('TARGET_NOT_FOUND');
    expect((await liaisonB.post(`/api/targets/${tA.body.id}/confirm`)).status).toBe(404);
    expect((await liaisonB.post('/api/notable-deeds', { year: YEAR, memberUnitId: unitA, title: '冒名', description: 'x', deedDate: `${YEAR}-05-01` })).status).toBe(404);

    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    expect((await officerA.get(`/api/targets/${tTown.body.id}`)).status).toBe(200);
    expect((await officerA.get(`/api/targets/${tA.body.id}`)).status).toBe(404);
    expect((await officerB.get(`/api/targets/${tTown.body.id}`)).status).toBe(404);
    expect((await officerA.post(`/api/targets/${tTown.body.id}/confirm`)).body.status).toBe('confirmed');
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/targets')).status).toBe(403);
  });

  it('notable deeds: the unit records, the office qualifies; the job flags units with none past the office’s date, and clears them', async () => {
    const office = await s.as('countyOffice');
    const liaisonA = await s.as('memberUnitLiaison', { memberUnitId: unitA });
    const deed = await liaisonA.post('/api/notable-deeds', { year: 2025, title: '建成县青少年法治教育基地', description: '联合司法局建成基地，全年接待学生3000人次', deedDate: '2025-09-01' });
    expect(deed.status).toBe(200);
    expect(deed.body).toMatchObject({ ownerName: '县教育局', status: 'submitted', actions: ['update', 'delete'] });
    expect((await liaisonA.post(`/api/notable-deeds/${deed.body.id}/review`, { status: 'qualified' })).status).toBe(403);

    expect((await office.put('/api/notable-deeds/deadline', { year: 2025, dueDate: '2025-10-31' })).status).toBe(200);
    const job = await s.platform.jobs.runOne('supervisionSweep', true);
    expect(job).toMatchObject({ status: 'success' });
    let floor = await office.get('/api/notable-deeds/floor?year=2025');
    expect(floor.body.dueDate).toBe('2025-10-31');
    const row = (id: string) => floor.body.units.find((u: { memberUnitId: string }) => u.memberUnitId === id);
    expect(row(unitA)).toMatchObject({ submitted: 1, qualified: 0, flagged: true });
    expect(row(unitB)).toMatchObject({ submitted: 0, flagged: true });
    expect((await audits(s, 'notableDeed.floor')).length).toBe(1);

    const reviewed = await office.post(`/api/notable-deeds/${deed.body.id}/review`, { status: 'qualified', note: '成效明显' });
    expect(reviewed.body).toMatchObject({ status: 'qualified', reviewNote: '成效明显', actions: ['review'] });
    floor = await office.get('/api/notable-deeds/floor?year=2025');
    expect(row(unitA)).toMatchObject({ qualified: 1, flagged: false });
    expect(row(unitB).flagged).toBe(true);
    expect((await liaisonA.patch(`/api/notable-deeds/${deed.body.id}`, { title: '改' })).status).toBe(409);
    // The liaison's floor view shows their own unit only.
    const own = await liaisonA.get('/api/notable-deeds/floor?year=2025');
    expect(own.body.units.map((u: { memberUnitId: string }) => u.memberUnitId)).toEqual([unitA]);
  });

  it('assessment: seeded rubrics; self-assessment → review → final with history, computed items from data, ranking, Excel and Word', async () => {
    const office = await s.as('countyOffice');
    const rubrics = await office.get('/api/rubrics');
    expect(rubrics.body.map((r: { code: string }) => r.code).sort()).toEqual(['memberUnit', 'wuhao']);
    const wuhao = rubrics.body.find((r: { id: string }) => r.id === WUHAO);
    expect(wuhao.items.map((i: { section: string }) => i.section)).toEqual(expect.arrayContaining(['领导班子建设好', '五老作用发挥好', '制度健全执行好', '积极探索创新好', '活动经常效果好']));
    expect(wuhao.fullMarks).toBe(100);

    const gen = await office.post('/api/assessments/generate', { year: 2025, rubricId: MEMBER_RUBRIC });
    expect(gen.body.created).toBeGreaterThanOrEqual(2);
    expect((await office.post('/api/assessments/generate', { year: 2025, rubricId: MEMBER_RUBRIC })).body.created).toBe(0);
    const list = await office.get(`/api/assessments?year=2025&rubricId=${MEMBER_RUBRIC}&pageSize=100`);
    const idA = list.body.items.find((a: { memberUnitId: string }) => a.memberUnitId === unitA).id;
    const idB = list.body.items.find((a: { memberUnitId: string }) => a.memberUnitId === unitB).id;

    const liaisonA = await s.as('memberUnitLiaison', { memberUnitId: unitA });
    expect((await liaisonA.get(`/api/assessments/${idB}`)).status).toBe(404);
    const mine = await liaisonA.get('/api/assessments?pageSize=100');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([idA]);

    const detail = await liaisonA.get(`/api/assessments/${idA}`);
    const deedLine = detail.body.lines.find((l: { metric: string; kind: string }) => l.metric === 'notableDeeds' && l.kind === 'item');
    expect(deedLine).toMatchObject({ computedValue: 1, computedPoints: 10 });
    const floorDeduction = detail.body.lines.find((l: { metric: string; kind: string }) => l.metric === 'notableDeeds' && l.kind === 'deduction');
    expect(floorDeduction.computedPoints).toBe(0);
    const manual = detail.body.lines.filter((l: { scoring: string; kind: string }) => l.scoring === 'manual' && l.kind === 'item');
    const computedLine = detail.body.lines.find((l: { scoring: string }) => l.scoring === 'computed');

    const tooMuch = await liaisonA.put(`/api/assessments/${idA}/self`, { scores: [{ itemId: manual[0].id, points: manual[0].maxPoints + 1 }] });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe('ASSESSMENT_POINTS_INVALID');
    expect((await liaisonA.put(`/api/assessments/${idA}/self`, { scores: [{ itemId: computedLine.id, points: 1 }] })).status).toBe(400);
    const saved = await liaisonA.put(`/api/assessments/${idA}/self`, { scores: manual.map((l: { id: string; maxPoints: number }) => ({ itemId: l.id, points: l.maxPoints })), comment: '全年工作扎实' });
    expect(saved.status).toBe(200);
    expect((await liaisonA.put(`/api/assessments/${idA}/review`, { scores: [] })).status).toBe(403);
    const submitted = await liaisonA.post(`/api/assessments/${idA}/submit`, {});
    expect(submitted.body.status).toBe('submitted');
    const selfTotal = submitted.body.selfTotal;
    const expected = submitted.body.lines.reduce((sum: number, l: { selfPoints: number | null }) => sum + (l.selfPoints ?? 0), 0);
    expect(selfTotal).toBe(expected);
    expect((await liaisonA.put(`/api/assessments/${idA}/self`, { scores: [] })).status).toBe(409);

    const reviewed = await office.put(`/api/assessments/${idA}/review`, { scores: [{ itemId: manual[0].id, points: manual[0].maxPoints - 2, note: '计划未单列' }], comment: '总体较好' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewTotal: selfTotal - 2, reviewComment: '总体较好' });
    const final = await office.post(`/api/assessments/${idA}/finalize`, { note: '同意' });
    expect(final.body).toMatchObject({ status: 'final', finalScore: selfTotal - 2, finalComment: '同意', actions: [] });
    expect(final.body.history.map((h: { event: string }) => h.event)).toEqual(['create', 'submit', 'review', 'finalize']);
    expect((await audits(s, 'assessment.finalize', idA))[0].username).toBe(office.username);

    // Unit B self-assesses lower and is returned once.
    const liaisonB = await s.as('memberUnitLiaison', { memberUnitId: unitB });
    await liaisonB.post(`/api/assessments/${idB}/submit`, {});
    const returned = await office.post(`/api/assessments/${idB}/return`, { note: '请补充材料' });
    expect(returned.body.status).toBe('pending');
    await liaisonB.post(`/api/assessments/${idB}/submit`, {});

    const leader = await s.as('countyLeader');
    const ranking = await leader.get(`/api/assessments/ranking?year=2025&rubricId=${MEMBER_RUBRIC}`);
    expect(ranking.status).toBe(200);
    expect(ranking.body.rows[0]).toMatchObject({ rank: 1, ownerName: '县教育局', finalScore: selfTotal - 2 });
    expect(ranking.body.rows.find((r: { assessmentId: string }) => r.assessmentId === idB)).toMatchObject({ status: 'submitted' });
    expect((await leader.get(`/api/assessments/${idA}`)).status).toBe(403);
    expect((await liaisonA.get(`/api/assessments/ranking?year=2025&rubricId=${MEMBER_RUBRIC}`)).status).toBe(403);

    const xlsx = await office.get(`/api/assessments/export?year=2025&rubricId=${MEMBER_RUBRIC}`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(3).value).toBe('单位');
    expect(ws.getRow(3).getCell(3).value).toBe('县教育局');
    expect((await audits(s, 'assessment.export')).length).toBe(1);

    const docx = await leader.get(`/api/assessments/summary?year=2025&rubricId=${MEMBER_RUBRIC}`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const { zipEntryNames } = await import('../../platform/files/uploads.js');
    expect(zipEntryNames(docx.body)?.has('word/document.xml')).toBe(true);
    expect((await audits(s, 'assessment.summary')).length).toBe(1);
  });

  it('rubrics are configurable until used; a used rubric is copied to change it', async () => {
    const office = await s.as('countyOffice');
    const used = await office.post(`/api/rubrics/${MEMBER_RUBRIC}/items`, { section: '加分项', title: '获省级表彰', kind: 'bonus', scoring: 'manual', maxPoints: 5 });
    expect(used.status).toBe(409);
    expect(used.body.code).toBe('RUBRIC_IN_USE');
    const copy = await office.post(`/api/rubrics/${MEMBER_RUBRIC}/copy`, { code: 'memberUnit2027', name: '成员单位考核细则（2027版）' });
    expect(copy.status).toBe(200);
    expect(copy.body.items.length).toBeGreaterThan(5);
    expect(copy.body.inUse).toBe(false);
    expect((await office.post(`/api/rubrics/${copy.body.id}/items`, { section: '加分项', title: '自动项', kind: 'bonus', scoring: 'computed' })).body.code).toBe('RUBRIC_ITEM_INVALID');
    const added = await office.post(`/api/rubrics/${copy.body.id}/items`, { section: '加分项', title: '获省级表彰', kind: 'bonus', scoring: 'manual', maxPoints: 5 });
    expect(added.body.items.some((i: { title: string }) => i.title === '获省级表彰')).toBe(true);
    expect((await audits(s, 'rubric.item.create', copy.body.id)).length).toBe(1);
  });
});

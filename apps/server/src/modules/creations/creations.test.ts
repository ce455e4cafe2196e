import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows } from '../activities/testSupport.js';

describe('creation campaigns (零犯罪学校、零犯罪村（社区）、四零社区)', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  let schoolType: { id: string; criteria: { id: string; scoring: string }[] };
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    const t = await office.post('/api/creation-types', {
      code: 'zeroCrimeSchool', name: '零犯罪学校', targetKinds: ['school'], validYears: 3, passScore: 60,
      criteria: [
        { title: '全年在校学生无违法犯罪', scoring: 'pass' },
        { title: '法治副校长到岗履职', scoring: 'pass' },
        { title: '法治教育课时落实', scoring: 'points', maxPoints: 100 },
      ],
    });
    expect(t.status).toBe(200);
    schoolType = t.body;
  });
  afterAll(() => s.close());

  const items = (pass: boolean, points: number) => schoolType.criteria.map((c) => ({ criterionId: c.id, passed: c.scoring === 'pass' ? pass : true, points: c.scoring === 'points' ? points : 0 }));

  it('goes from application to named to revoked, with every step in the history and the audit trail', async () => {
    const school = await s.as('grassrootsLiaison', 'schoolA');
    const applied = await school.post('/api/creations', { typeId: schoolType.id, orgUnitId: s.tree.schoolA, note: '全年无案件' });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', typeName: '零犯罪学校', orgUnitName: '东风镇中心小学' });
    const id = applied.body.id;
    expect((await school.post('/api/creations', { typeId: schoolType.id, orgUnitId: s.tree.schoolA })).body.code).toBe('CREATION_DUPLICATE');
    expect((await school.post(`/api/creations/${id}/check`, { checkDate: '2025-06-01', inspectors: '县关工委、教育局、公安局', items: items(true, 80) })).status).toBe(403);

    const incomplete = await office.post(`/api/creations/${id}/check`, { checkDate: '2025-06-01', inspectors: '联合验收组', items: items(true, 80).slice(0, 2) });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('CREATION_CHECK_INCOMPLETE');
    expect((await office.post(`/api/creations/${id}/name`, { namedFrom: '2025-07-01' })).status).toBe(409);
    const checked = await office.post(`/api/creations/${id}/check`, { checkDate: '2025-06-01', inspectors: '县关工委、教育局、公安局', items: items(true, 80), note: '材料齐全' });
    expect(checked.status).toBe(200);
    expect(checked.body.status).toBe('checked');
    expect(checked.body.checks[0]).toMatchObject({ kind: 'joint', passed: true, totalPoints: 80 });
    expect(checked.body.checks[0].items).toHaveLength(3);

    const named = await office.post(`/api/creations/${id}/name`, { namedFrom: '2025-07-01' });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ status: 'named', namedTitle: '零犯罪学校', namedFrom: '2025-07-01', namedUntil: '2028-06-30' });
    expect(named.body.actions).toEqual(['review', 'revoke']);

    const review = await office.post(`/api/creations/${id}/review`, { year: 2026, checkDate: '2026-06-10', inspectors: '复查组', items: items(true, 70) });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('named');

    const noReason = await office.post(`/api/creations/${id}/revoke`, { incidentDate: '2026-09-01', reason: '' });
    expect(noReason.status).toBe(400);
    const revoked = await office.post(`/api/creations/${id}/revoke`, { incidentDate: '2026-09-01', reason: '在校学生发生一起违法案件' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '在校学生发生一起违法案件' });
    expect(revoked.body.history.map((h: { event: string; toStatus: string }) => `${h.event}:${h.toStatus}`)).toEqual(['apply:applied', 'check:checked', 'name:named', 'review:named', 'revoke:revoked']);
    expect(revoked.body.checks).toHaveLength(2);
    for (const event of ['creation.apply', 'creation.check', 'creation.name', 'creation.review', 'creation.revoke']) expect(await auditRows(s, event, id)).toHaveLength(1);
    expect((await office.post(`/api/creations/${id}/revoke`, { incidentDate: '2026-09-02', reason: '再次' })).status).toBe(409);

    // A new application is possible after revocation; the old record stays.
    const again = await school.post('/api/creations', { typeId: schoolType.id, orgUnitId: s.tree.schoolA });
    expect(again.status).toBe(200);
    expect((await office.get(`/api/creations?orgUnitId=${s.tree.schoolA}`)).body.total).toBe(2);
  });

  it('a failed check rejects; a failed yearly review revokes; target kinds are enforced; the board counts by township', async () => {
    const villageType = await office.post('/api/creation-types', { code: 'zeroCrimeVillage', name: '零犯罪村（社区）', targetKinds: ['village', 'community'], validYears: 2, criteria: [{ title: '无刑事案件', scoring: 'pass' }] });
    const vt = villageType.body;
    expect((await office.post('/api/creations', { typeId: vt.id, orgUnitId: s.tree.schoolA })).body.code).toBe('CREATION_TARGET_KIND');
    const a = await office.post('/api/creations', { typeId: vt.id, orgUnitId: s.tree.villageA1 });
    const rejected = await office.post(`/api/creations/${a.body.id}/check`, { checkDate: '2025-05-01', inspectors: '验收组', items: [{ criterionId: vt.criteria[0].id, passed: false }] });
    expect(rejected.body.status).toBe('rejected');
    const b = await office.post('/api/creations', { typeId: vt.id, orgUnitId: s.tree.villageB1 });
    await office.post(`/api/creations/${b.body.id}/check`, { checkDate: '2025-05-01', inspectors: '验收组', items: [{ criterionId: vt.criteria[0].id, passed: true }] });
    await office.post(`/api/creations/${b.body.id}/name`, { namedFrom: '2025-06-01' });
    const failedReview = await office.post(`/api/creations/${b.body.id}/review`, { year: 2026, checkDate: '2026-05-01', inspectors: '复查组', items: [{ criterionId: vt.criteria[0].id, passed: false }] });
    expect(failedReview.body).toMatchObject({ status: 'revoked', revokeReason: '2026年度复查不合格' });
    // An old title past its period shows as expired.
    const c = await office.post('/api/creations', { typeId: vt.id, orgUnitId: s.tree.villageA2 });
    await office.post(`/api/creations/${c.body.id}/check`, { checkDate: '2019-05-01', inspectors: '验收组', items: [{ criterionId: vt.criteria[0].id, passed: true }] });
    const old = await office.post(`/api/creations/${c.body.id}/name`, { namedFrom: '2019-06-01' });
    expect(old.body.status).toBe('expired');
    expect((await office.get('/api/creations?status=expired')).body.total).toBe(1);

    const board = await office.get(`/api/creations/board?typeId=${vt.id}`);
    expect(board.status).toBe(200);
    const byName = Object.fromEntries(board.body.rows.map((r: { townshipName: string; counts: Record<string, number> }) => [r.townshipName, r.counts]));
    expect(byName['东风镇']).toMatchObject({ rejected: 1, expired: 1, named: 0 });
    expect(byName['西岭乡']).toMatchObject({ revoked: 1 });
    expect(board.body.totals).toMatchObject({ rejected: 1, expired: 1, revoked: 1, applied: 0 });
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/creations/board')).status).toBe(200);
    expect((await leader.post('/api/creations', { typeId: vt.id, orgUnitId: s.tree.villageA1 })).status).toBe(403);
  });

  it('B11: a liaison applies only for their own node and sees only its applications; types are configurable and audited', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageB1');
    const outside = await liaison.post('/api/creations', { typeId: schoolType.id, orgUnitId: s.tree.schoolA });
    expect(outside.status).toBe(404);
    const list = await liaison.get('/api/creations?pageSize=100');
    expect(list.body.items.every((c: { orgUnitId: string }) => c.orgUnitId === s.tree.villageB1)).toBe(true);
    const schoolOnes = await office.get(`/api/creations?orgUnitId=${s.tree.schoolA}`);
    expect((await liaison.get(`/api/creations/${schoolOnes.body.items[0].id}`)).status).toBe(404);
    const noUpload = await liaison.post('/api/creations', { typeId: schoolType.id, orgUnitId: s.tree.villageB1, evidenceUploadIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([400, 404]).toContain(noUpload.status);

    const edit = await office.patch(`/api/creation-types/${schoolType.id}`, { criteria: [{ id: schoolType.criteria[0].id, title: '全年在校学生无违法犯罪', scoring: 'pass' }, { title: '家校共育', scoring: 'pass' }] });
    expect(edit.status).toBe(200);
    expect(edit.body.criteria.map((c: { title: string }) => c.title)).toEqual(['全年在校学生无违法犯罪', '家校共育']);
    expect(await auditRows(s, 'creationType.update', schoolType.id)).toHaveLength(1);
    expect((await office.post('/api/creation-types', { code: 'zeroCrimeSchool', name: '重复', targetKinds: ['school'], validYears: 1, criteria: [{ title: 'x', scoring: 'pass' }] })).status).toBe(409);
    expect((await liaison.post('/api/creation-types', { code: 'x1', name: '越权', targetKinds: ['school'], validYears: 1, criteria: [{ title: 'x', scoring: 'pass' }] })).status).toBe(403);
  });
});

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { canonicalAuditRow, timeWithOffset, type AuditRow } from '../../platform/audit/audit.js';
import { verifyAuditTrail } from '../../cli/audit-verify.js';
import { caseInput } from '../careCases/testSupport.js';

const DAY = 86_400_000;
const chinaDate = (msAgo: number) => timeWithOffset(new Date(Date.now() - msAgo)).slice(0, 10);
const cliConfig = (s: TestServer) => ({ ...s.config, database: s.dbFile ? { kind: 'sqlite' as const, file: s.dbFile } : s.config.database });

describe('audit trail: what is logged and how it is read', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('C17 sign-in success and failure, lockout, logout, force-logout, create and edit are logged with time, user, node, IP, object and result', async () => {
    const auditor = await s.as('auditAdmin');
    const sec = await s.as('securityAdmin');
    const victimId = await s.createUser({ username: 'c17user', role: 'townshipOfficer', at: 'townshipA' });
    const victim = await s.login('c17user');
    await victim.post('/api/auth/logout');
    const c = s.client();
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/login', { username: 'c17user', password: 'Wrong@Pass2026' })).status).toBe(401);
    await s.platform.db.updateTable('appUser').set({ lockedUntil: null }).where('id', '=', victimId).execute();
    const again = await s.login('c17user');
    const session = (await sec.get(`/api/sessions?userId=${victimId}`)).body.items[0];
    expect((await sec.post(`/api/sessions/${session.id}/force-logout`)).status).toBe(200);
    expect((await again.get('/api/auth/me')).status).toBe(401);

    const log = await auditor.get(`/api/login-logs?objectId=${victimId}&sort=seq&pageSize=100`);
    expect(log.status).toBe(200);
    const events = log.body.items.map((e: { event: string; result: string }) => `${e.event}:${e.result}`);
    expect(events).toEqual([
      'auth.login:success', 'auth.logout:success',
      'auth.login:failure', 'auth.login:failure', 'auth.login:failure', 'auth.login:failure', 'auth.login:failure', 'auth.lockout:success',
      'auth.login:success', 'auth.forceLogout:success',
    ]);
    const first = log.body.items[0];
    expect(first).toMatchObject({ userId: victimId, username: 'c17user', orgUnit: { id: s.tree.townshipA, name: '东风镇' }, ip: '127.0.0.1', objectType: 'user' });
    expect(first.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(log.body.items[2].detail).toMatchObject({ reason: 'wrong password', attempts: 1 });
    expect(log.body.items[9]).toMatchObject({ username: sec.username, userId: sec.userId });

    const failures = await auditor.get(`/api/login-logs?objectId=${victimId}&result=failure`);
    expect(failures.body.total).toBe(5);
    const lockouts = await auditor.get(`/api/login-logs?objectId=${victimId}&event=auth.lockout`);
    expect(lockouts.body.total).toBe(1);
    expect((await auditor.get(`/api/login-logs?objectId=${victimId}&event=auth.lo`)).body.total).toBe(9);
    expect((await auditor.get(`/api/login-logs?objectId=${victimId}&event=auth`)).body.total).toBe(10);
    expect((await auditor.get('/api/login-logs?event=orgUnit.')).body.total).toBe(0);

    const office = await s.as('countyOffice');
    const created = await office.post('/api/org-units', { parentId: s.tree.root, name: '审计镇', kind: 'township' });
    await office.patch(`/api/org-units/${created.body.id}`, { name: '审计乡', address: '县城北路1号' });
    const edits = await auditor.get(`/api/audit-events?objectType=orgUnit&objectId=${created.body.id}&sort=seq`);
    expect(edits.body.items.map((e: { event: string }) => e.event)).toEqual(['orgUnit.create', 'orgUnit.update']);
    expect(edits.body.items[1].detail).toEqual({ before: { name: '审计镇', address: null }, after: { name: '审计乡', address: '县城北路1号' } });
    expect(edits.body.items[1]).toMatchObject({ username: office.username, orgUnit: { id: s.tree.root, name: '测试县' }, result: 'success' });
  });

  it('filters by time, event prefix, user, result and text; sorts by seq, newest first by default; pages', async () => {
    const auditor = await s.as('auditAdmin');
    const all = await auditor.get('/api/audit-events?pageSize=5');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(5);
    const seqs = all.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.body.actions).toEqual(['export', 'verify', 'purge']);
    expect(all.body.items[0].actions).toEqual([]);
    const page2 = await auditor.get('/api/audit-events?pageSize=5&page=2');
    expect(page2.body.items[0].seq).toBeLessThan(seqs[4]);
    expect(page2.body.total).toBe(all.body.total);

    const org = await auditor.get('/api/audit-events?event=orgUnit.&pageSize=100');
    expect(org.body.total).toBeGreaterThan(0);
    expect(org.body.items.every((e: { event: string }) => e.event.startsWith('orgUnit.'))).toBe(true);
    const byUser = await auditor.get('/api/audit-events?username=c17user&result=failure');
    expect(byUser.body.total).toBe(5);
    const text = await auditor.get(`/api/audit-events?q=${encodeURIComponent('组织：审计镇')}`);
    expect(text.body.total).toBe(2);

    const today = chinaDate(0);
    expect((await auditor.get(`/api/audit-events?from=${today}&to=${today}`)).body.total).toBe(all.body.total);
    expect((await auditor.get(`/api/audit-events?to=${chinaDate(2 * DAY)}`)).body.total).toBe(0);
    expect((await auditor.get(`/api/audit-events?from=${chinaDate(-DAY)}`)).body.total).toBe(0);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await auditor.get(`/api/audit-events?from=${encodeURIComponent(future)}`)).body.total).toBe(0);

    expect((await auditor.get('/api/audit-events?from=yesterday')).status).toBe(400);
    expect((await auditor.get('/api/audit-events?sort=summary')).status).toBe(400);
    const injection = await auditor.get(`/api/audit-events?username=${encodeURIComponent("' OR 1=1 --")}`);
    expect(injection.status).toBe(200);
    expect(injection.body.total).toBe(0);
    const underscore = await auditor.get('/api/audit-events?username=_');
    expect(underscore.body.items.every((e: { username: string | null }) => e.username?.includes('_'))).toBe(true);
  });

  it('exports Excel with an audit row of the count; B14 only the audit administrator reads the trail', async () => {
    const auditor = await s.as('auditAdmin');
    const expected = (await auditor.get('/api/audit-events?event=orgUnit.')).body.total;
    const xlsx = await auditor.get('/api/audit-events/export?event=orgUnit.');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(2).getCell(7).value).toBe('事件');
    expect(sheet.rowCount).toBe(2 + expected);
    expect(String(sheet.getRow(3).getCell(7).value)).toMatch(/orgUnit\./);
    const row = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'audit.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row.username).toBe(auditor.username);
    expect(JSON.parse(row.detail!)).toMatchObject({ rows: expected, filters: { 事件: 'orgUnit.' } });

    const sys = await s.as('systemAdmin');
    expect((await sys.get('/api/audit-events')).status).toBe(403);
    expect((await sys.get('/api/audit-events/export')).status).toBe(403);
    expect((await sys.post('/api/audit-events/verify')).status).toBe(403);
    expect((await sys.get('/api/login-logs')).status).toBe(403);
    const sec = await s.as('securityAdmin');
    expect((await sec.get('/api/audit-events')).status).toBe(403);
    expect((await sec.post('/api/audit-events/purge', { before: chinaDate(400 * DAY) })).status).toBe(403);
    expect((await sec.get('/api/login-logs')).status).toBe(200);
    expect((await s.client().get('/api/audit-events')).status).toBe(401);
  });

  it('C18 no route edits or deletes an audit row', async () => {
    const auditor = await s.as('auditAdmin');
    const one = (await auditor.get('/api/audit-events?pageSize=1')).body.items[0];
    const before = await s.platform.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [method, url] of [
      ['PUT', `/api/audit-events/${one.id}`], ['PATCH', `/api/audit-events/${one.id}`], ['DELETE', `/api/audit-events/${one.id}`],
      ['PUT', `/api/audit-events/${one.seq}`], ['DELETE', '/api/audit-events'], ['PATCH', '/api/audit-events'], ['DELETE', '/api/login-logs'],
    ] as const) {
      const res = await auditor.request(method, url, method === 'DELETE' ? undefined : { summary: '改写' });
      expect([404, 405], `${method} ${url}`).toContain(res.status);
    }
    const routes = s.app.routeTable.filter((r) => r.url.startsWith('/api/audit-events') || r.url.startsWith('/api/login-logs'));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/audit-events', 'GET /api/audit-events/export', 'GET /api/login-logs', 'POST /api/audit-events/purge', 'POST /api/audit-events/verify',
    ]);
    const after = await s.platform.db.selectFrom('auditEvent').select(['summary']).where('id', '=', one.id).executeTakeFirstOrThrow();
    expect(after.summary).toBe(one.summary);
    const count = await s.platform.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(Number(before.n));
  });
});

describe('audit trail: integrity and retention', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  /** Re-sign the chain as if its first `n` rows had been written `daysAgo` days ago (the server's key does it). */
  async function backdate(n: number, daysAgo: number) {
    const rows = (await s.platform.db.selectFrom('auditEvent').selectAll().orderBy('seq').execute()) as AuditRow[];
    let prevHash = rows[0].prevHash;
    await s.platform.db.transaction().execute(async (trx) => {
      for (const [i, row] of rows.entries()) {
        const at = i < n ? timeWithOffset(new Date(Date.now() - daysAgo * DAY + i * 1000)) : row.at;
        const { hash: _old, ...rest } = row;
        const next = { ...rest, seq: Number(row.seq), at, prevHash };
        const hash = s.platform.cipher.auditHash(canonicalAuditRow(next));
        await trx.updateTable('auditEvent').set({ at, prevHash, hash }).where('seq', '=', Number(row.seq)).execute();
        prevHash = hash;
      }
      await trx.updateTable('auditChainHead').set({ hash: prevHash }).where('id', '=', 1).execute();
    });
  }

  it('verifies an intact chain through the route and the CLI, and records the check', async () => {
    const auditor = await s.as('auditAdmin');
    const res = await auditor.post('/api/audit-events/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.checked).toBeGreaterThan(3);
    const row = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'audit.verify').executeTakeFirstOrThrow();
    expect(row.username).toBe(auditor.username);
    const cli = await verifyAuditTrail(cliConfig(s));
    expect(cli.exitCode).toBe(0);
    expect(cli.lines.join('\n')).toContain('结果：完整');
  });

  it('C19 purge refuses rows younger than max(180 days, the retention setting), and purges an old prefix keeping the chain verifiable', async () => {
    const auditor = await s.as('auditAdmin');
    const today = await auditor.post('/api/audit-events/purge', { before: chinaDate(0) });
    expect(today.status).toBe(400);
    expect(today.body.code).toBe('AUDIT_PURGE_TOO_RECENT');
    const young = await auditor.post('/api/audit-events/purge', { before: chinaDate(170 * DAY) });
    expect(young.body.code).toBe('AUDIT_PURGE_TOO_RECENT');
    expect((await auditor.post('/api/audit-events/purge', { before: 'last year' })).status).toBe(400);

    await backdate(4, 300);
    const firstFour = await s.platform.db.selectFrom('auditEvent').select('seq').orderBy('seq').limit(5).execute();
    const sec = await s.as('securityAdmin');
    expect((await sec.put('/api/settings/security', { auditRetentionDays: 365 })).status).toBe(200);
    const retained = await auditor.post('/api/audit-events/purge', { before: chinaDate(200 * DAY) });
    expect(retained.status).toBe(400);
    expect(retained.body.message).toContain('365天内');
    expect(await s.platform.db.selectFrom('auditEvent').select('seq').where('seq', '=', Number(firstFour[0].seq)).executeTakeFirst()).toBeDefined();
    expect((await sec.put('/api/settings/security', { auditRetentionDays: 180 })).status).toBe(200);

    const ok = await auditor.post('/api/audit-events/purge', { before: chinaDate(200 * DAY) });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ purged: 4, before: chinaDate(200 * DAY), firstKeptSeq: Number(firstFour[4].seq) });
    const left = await s.platform.db.selectFrom('auditEvent').select((eb) => eb.fn.min('seq').as('seq')).executeTakeFirstOrThrow();
    expect(Number(left.seq)).toBe(Number(firstFour[4].seq));
    const purgeRow = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'audit.purge').executeTakeFirstOrThrow();
    expect(JSON.parse(purgeRow.detail!)).toMatchObject({ deleted: 4, lastPurgedSeq: Number(firstFour[3].seq), keepDays: 180 });
    const verify = await auditor.post('/api/audit-events/verify');
    expect(verify.body.ok).toBe(true);
    const none = await auditor.post('/api/audit-events/purge', { before: chinaDate(200 * DAY) });
    expect(none.body.purged).toBe(0);
  });

  it('C18 a direct SQL edit of one row is reported at that seq by the route and by the CLI', async () => {
    const auditor = await s.as('auditAdmin');
    const rows = await s.platform.db.selectFrom('auditEvent').select(['seq']).orderBy('seq').execute();
    const target = Number(rows[Math.floor(rows.length / 2)].seq);
    await sql`UPDATE audit_event SET summary = ${'改写过的摘要'} WHERE seq = ${target}`.execute(s.platform.db);
    const res = await auditor.post('/api/audit-events/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ seq: target });
    expect(res.body.firstBroken.reason).toContain('被修改');
    const cli = await verifyAuditTrail(cliConfig(s));
    expect(cli.exitCode).toBe(1);
    expect(cli.firstBrokenSeq).toBe(target);
    expect(cli.lines.join('\n')).toContain(`第 ${target} 条`);
  });
});

describe('audit trail: a failing audit write fails the action', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('C19 with the audit table unwritable, creating an org unit answers 500 and writes nothing', async () => {
    const office = await s.as('countyOffice');
    await sql`ALTER TABLE audit_event RENAME TO audit_event_away`.execute(s.platform.db);
    try {
      const res = await office.post('/api/org-units', { parentId: s.tree.root, name: '无审计镇', kind: 'township' });
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL');
      expect(res.text).not.toMatch(/audit_event|SQL|stack/i);
    } finally {
      await sql`ALTER TABLE audit_event_away RENAME TO audit_event`.execute(s.platform.db);
    }
    expect(await s.platform.db.selectFrom('orgUnit').select('id').where('name', '=', '无审计镇').executeTakeFirst()).toBeUndefined();
    const retry = await office.post('/api/org-units', { parentId: s.tree.root, name: '无审计镇', kind: 'township' });
    expect(retry.status).toBe(200);
    expect(await s.platform.db.selectFrom('auditEvent').select('seq').where('objectId', '=', retry.body.id).executeTakeFirst()).toBeDefined();
  });

  it('C19 an audited read whose audit row cannot be written answers 500 and shows nothing', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const created = await officer.post('/api/care-cases', caseInput(s, { name: '赵无痕' }));
    expect(created.status).toBe(200);
    await sql`ALTER TABLE audit_event RENAME TO audit_event_away`.execute(s.platform.db);
    try {
      const reads = await Promise.all([1, 2, 3].map(() => officer.get(`/api/care-cases/${created.body.id}`)));
      for (const res of reads) {
        expect(res.status).toBe(500);
        expect(res.text).not.toContain('赵');
      }
    } finally {
      await sql`ALTER TABLE audit_event_away RENAME TO audit_event`.execute(s.platform.db);
    }
    expect((await officer.get(`/api/care-cases/${created.body.id}`)).status).toBe(200);
  });
});

describe('audit trail: rows that stand alone share commits (group commit)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('concurrent audited reads: one row each, rows asked for together share one commit, in order, chain intact', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const created = await officer.post('/api/care-cases', caseInput(s, { name: '钱并发' }));
    expect(created.status).toBe(200);
    const before = { ...s.platform.recorder.stats };
    const reads = await Promise.all(Array.from({ length: 24 }, () => officer.get(`/api/care-cases/${created.body.id}`)));
    expect(reads.map((r) => r.status)).toEqual(Array(24).fill(200));
    const views = await s.platform.db.selectFrom('auditEvent').select('seq').where('event', '=', 'careCase.view').where('objectId', '=', created.body.id).execute();
    expect(views).toHaveLength(24);
    expect(s.platform.recorder.stats.rows - before.rows).toBe(24);

    const many = 60;
    const mark = { ...s.platform.recorder.stats };
    await Promise.all(
      Array.from({ length: many }, (_, i) => s.platform.record({ userId: null, username: 'test', orgUnitId: null, ip: null }, { event: 'test.groupCommit', summary: `第 ${i} 条` })),
    );
    expect(s.platform.recorder.stats.commits - mark.commits).toBe(1);
    const rows = await s.platform.db.selectFrom('auditEvent').select(['seq', 'summary']).where('event', '=', 'test.groupCommit').orderBy('seq').execute();
    expect(rows.map((r) => r.summary)).toEqual(Array.from({ length: many }, (_, i) => `第 ${i} 条`));
    expect(rows.map((r) => Number(r.seq) - Number(rows[0]!.seq))).toEqual(Array.from({ length: many }, (_, i) => i));
    expect(await s.platform.audit.verify(s.platform.db)).toMatchObject({ ok: true });
  });
});

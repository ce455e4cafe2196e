import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

describe('system monitor and scheduled jobs (security.md G)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('G the monitor page reports process, database, counts and jobs to the system administrator only', async () => {
    const admin = await s.as('systemAdmin');
    const res = await admin.get('/api/system/monitor');
    expect(res.status).toBe(200);
    expect(res.body.database.dialect).toBe(s.dialect);
    expect(res.body.counts.orgUnits).toBeGreaterThanOrEqual(7);
    expect(res.body.jobs.map((j: { name: string }) => j.name)).toEqual(expect.arrayContaining(['sessionSweep', 'auditChainVerify']));
    const auditor = await s.as('auditAdmin');
    expect((await auditor.get('/api/system/monitor')).status).toBe(403);
  });

  it('G a run-now ends idle sessions, writes a run log row and an audit row', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    await s.platform.db.updateTable('session').set({ lastSeenAt: new Date(Date.now() - 3 * 3600_000).toISOString() }).where('userId', '=', liaison.userId).execute();
    const admin = await s.as('systemAdmin');
    const run = await admin.post('/api/system/jobs/sessionSweep/run');
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('success');
    expect(run.body.message).toMatch(/结束空闲会话 [1-9]/);
    const ended = await s.platform.db.selectFrom('session').select(['endedAt', 'endReason']).where('userId', '=', liaison.userId).execute();
    expect(ended.every((r) => r.endReason === 'idle')).toBe(true);
    const runs = await admin.get('/api/system/job-runs?jobName=sessionSweep');
    expect(runs.body.total).toBe(1);
    expect(runs.body.items[0]).toMatchObject({ status: 'success', label: '清理超时会话' });
    const audit = await s.platform.db.selectFrom('auditEvent').select('event').where('event', '=', 'system.runJob').execute();
    expect(audit).toHaveLength(1);
    expect((await admin.post('/api/system/jobs/noSuchJob/run')).status).toBe(404);
  });

  it('G the query statistics job gives the SQLite planner statistics for a table that has grown (PostgreSQL: autovacuum)', async () => {
    const admin = await s.as('systemAdmin');
    const stats = async () =>
      s.dialect === 'sqlite' ? (s.platform.handle.sqlite!.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'audit_event'").all() as { idx: string; stat: string }[]) : [];
    if (s.dialect === 'sqlite') s.platform.handle.sqlite!.exec("DELETE FROM sqlite_stat1 WHERE tbl = 'audit_event'");
    expect(await stats()).toEqual([]);
    await Promise.all(Array.from({ length: 300 }, (_, i) => s.platform.record({ userId: null, username: 'test', orgUnitId: null, ip: null }, { event: 'test.grow', summary: `${i}` })));
    const run = await admin.post('/api/system/jobs/queryStatistics/run');
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('success');
    if (s.dialect === 'sqlite') {
      expect(run.body.message).toMatch(/查询统计信息已更新（[1-9]\d* 张表）/);
      const after = await stats();
      expect(after.length).toBeGreaterThan(0);
      expect(Number(after[0]!.stat.split(' ')[0])).toBeGreaterThanOrEqual(300);
    } else {
      expect(run.body.message).toContain('autovacuum');
    }
  });

  it('G a job leased by another instance is not run twice; the nightly chain check fails loudly on a tampered trail', async () => {
    await s.platform.db.updateTable('job').set({ lockedBy: 'other', lockedUntil: new Date(Date.now() + 60_000).toISOString() }).where('name', '=', 'auditChainVerify').execute();
    expect(await s.platform.jobs.runOne('auditChainVerify', true)).toBe(false);
    await s.platform.db.updateTable('job').set({ lockedBy: null, lockedUntil: null }).where('name', '=', 'auditChainVerify').execute();
    const ok = await s.platform.jobs.runOne('auditChainVerify', true);
    expect(ok && ok.status).toBe('success');
    await s.platform.db.updateTable('auditEvent').set({ summary: 'tampered' }).where('seq', '=', 2).execute();
    const bad = await s.platform.jobs.runOne('auditChainVerify', true);
    expect(bad && bad.status).toBe('failure');
    expect(bad && bad.message).toMatch(/第 2 条/);
  });
});

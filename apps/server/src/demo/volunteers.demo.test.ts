import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { generateDemoCounty } from './seed.js';

describe('demo volunteers step', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await generateDemoCounty(s.platform);
  }, 180_000);
  afterAll(() => s.close());

  it('creates ~1,500 volunteers with teams and service; the demo volunteer account has its own record', async () => {
    const office = await s.as('countyOffice');
    const stats = await office.get('/api/volunteers/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.total).toBe(1500);
    expect(stats.body.byTownship.length).toBeGreaterThanOrEqual(15);
    expect(stats.body.byCategory.every((c: { count: number }) => c.count > 50)).toBe(true);
    expect(stats.body.teams.find((t: { key: string }) => t.key === 'lecture').count).toBeGreaterThanOrEqual(16);
    expect(stats.body.hours.total).toBeGreaterThan(1000);
    const linked = await s.platform.db.selectFrom('volunteer').innerJoin('appUser', 'appUser.id', 'volunteer.userId').select(['appUser.username', 'volunteer.name']).execute();
    expect(linked).toHaveLength(1);
    expect(linked[0].username).toBe('volunteer');
    // Pinyin keys work on the generated names.
    const any = (await office.get('/api/volunteers?pageSize=1')).body.items[0];
    const initials = (await s.platform.db.selectFrom('volunteer').select('nameInitials').where('id', '=', any.id).executeTakeFirstOrThrow()).nameInitials;
    expect((await office.get(`/api/volunteers?q=${initials}&pageSize=100`)).body.items.map((i: { id: string }) => i.id)).toContain(any.id);
  });

  it('the certificate for a demo volunteer opens as a document with correct totals', async () => {
    const top = await s.platform.db
      .selectFrom('volunteerService')
      .select(['volunteerId', (eb) => eb.fn.sum<number>('hoursTenths').as('tenths'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('volunteerId')
      .orderBy('volunteerId')
      .executeTakeFirstOrThrow();
    const office = await s.as('countyOffice');
    const res = await office.get(`/api/volunteers/${top.volunteerId}/certificate?from=2000-01-01`);
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const hours = (Number(top.tenths) / 10).toFixed(1);
    expect(text).toContain(`参加关心下一代志愿服务${Number(top.n)}次，累计服务时长${hours}小时`);
    expect(text).toContain(`合计${hours}`);
  });
});

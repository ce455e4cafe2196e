import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { recordService } from './index.js';

describe('service-star thresholds (星级标准) are a setting', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('defaults, validation, permission, audit, and stars recomputed from the saved thresholds', async () => {
    const office = await s.as('countyOffice');
    const officer = await s.as('townshipOfficer', 'townshipA');
    const id = (await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '周老师', sex: 'female', birthDate: '1955-03-01' })).body.id;
    await s.platform.transaction({ userId: null, username: 'activities', orgUnitId: null, ip: null }, (trx) =>
      recordService(trx, { volunteerId: id, source: 'activity', sourceId: crypto.randomUUID(), date: '2025-05-04', hours: 12, description: '宣讲' }),
    );

    expect((await officer.get('/api/volunteers/settings')).body).toEqual({ starHours: [100, 300, 600, 1000, 1500] });
    expect((await officer.get(`/api/volunteers/${id}`)).body.stars).toBe(0);

    // Only the county office may change the standard; a township officer is refused before validation.
    expect((await officer.put('/api/volunteers/settings', { starHours: [5, 10, 20, 40, 80] })).status).toBe(403);
    const falling = await office.put('/api/volunteers/settings', { starHours: [10, 5, 20, 40, 80] });
    expect(falling.status).toBe(400);
    expect(falling.body.code).toBe('VALIDATION_FAILED');
    expect((await office.put('/api/volunteers/settings', { starHours: [10, 20, 30] })).status).toBe(400);
    expect((await office.put('/api/volunteers/settings', { starHours: [5, 10, 20, 40, 80], extra: 1 })).status).toBe(400);
    expect(await s.platform.db.selectFrom('setting').select('key').where('key', '=', 'volunteer').executeTakeFirst()).toBeUndefined();

    const saved = await office.put('/api/volunteers/settings', { starHours: [5, 10, 20, 40, 80] });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ starHours: [5, 10, 20, 40, 80] });
    const audit = await s.platform.db.selectFrom('auditEvent').select(['event', 'detail']).where('event', '=', 'volunteer.settings').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ before: { starHours: [100, 300, 600, 1000, 1500] }, after: { starHours: [5, 10, 20, 40, 80] } });

    // 12 hours: two stars under the new standard, the next at 20 hours — on the detail, the list and the service record.
    expect((await officer.get(`/api/volunteers/${id}`)).body.stars).toBe(2);
    expect((await officer.get('/api/volunteers?q=周老师')).body.items[0].stars).toBe(2);
    expect((await officer.get(`/api/volunteers/${id}/service`)).body).toMatchObject({ totalHours: 12, stars: 2, nextStarHours: 20 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { bumpAuthzEpoch } from './epoch.js';

/** Node names kept per server (orgNodes.ts) follow renames at once, and a write without the epoch at most a minute. */
describe('org nodes kept while the authorisation epoch stands still', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
  });
  afterAll(() => s.close());

  const listedNode = async () => {
    const r = await office.get('/api/volunteers?pageSize=5');
    expect(r.status).toBe(200);
    return r.body.items.map((v: { orgUnitName: string; townshipName: string | null }) => `${v.townshipName}/${v.orgUnitName}`);
  };

  it('a rename through the API shows on the next list; a direct write shows once the epoch moves', async () => {
    const v = await office.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '周老师', sex: 'male', birthDate: '1950-02-01' });
    expect(v.status).toBe(200);
    const before = await listedNode();
    expect(before).toHaveLength(1);

    const village = await s.platform.db.selectFrom('orgUnit').select(['name']).where('id', '=', s.tree.villageA1).executeTakeFirstOrThrow();
    const renamed = await office.patch(`/api/org-units/${s.tree.villageA1}`, { name: `${village.name}新` });
    expect(renamed.status).toBe(200);
    expect(await listedNode()).toEqual([before[0].replace(village.name, `${village.name}新`)]);
    const renamedTownship = await office.patch(`/api/org-units/${s.tree.townshipA}`, { name: '更名乡' });
    expect(renamedTownship.status).toBe(200);
    expect((await listedNode())[0]).toBe(`更名乡/${village.name}新`);

    // A write that bypasses the module (and forgets the epoch) is kept until the epoch moves.
    await s.platform.db.updateTable('orgUnit').set({ name: '直改村' }).where('id', '=', s.tree.villageA1).execute();
    expect((await listedNode())[0]).toBe(`更名乡/${village.name}新`);
    await bumpAuthzEpoch(s.platform.db);
    expect((await listedNode())[0]).toBe('更名乡/直改村');
  });
});

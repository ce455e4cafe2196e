import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { compiledOnce } from './compiledOnce.js';
import type { Db } from './database.js';

describe('compiledOnce: a hot query compiled once, run with each call’s values', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('builds once per database, puts each call’s values in their places and keeps the camel-case results', async () => {
    let builds = 0;
    const nodesOfKind = compiledOnce((db: Db, kind: string, under: string) => {
      builds++;
      return db.selectFrom('orgUnit').select(['id', 'parentId', 'kind']).where('kind', '=', kind).where('path', 'like', under).where('id', '!=', 'none').orderBy('id');
    });
    const db = s.platform.db;
    const root = await db.selectFrom('orgUnit').select('path').where('id', '=', s.tree.root).executeTakeFirstOrThrow();
    const expected = (kind: string) => db.selectFrom('orgUnit').select(['id', 'parentId', 'kind']).where('kind', '=', kind).orderBy('id').execute();

    const townships = await nodesOfKind(db, 'township', `${root.path}%`);
    const villages = await nodesOfKind(db, 'village', `${root.path}%`);
    expect(builds).toBe(1);
    expect(townships).toEqual(await expected('township'));
    expect(villages).toEqual(await expected('village'));
    expect(townships.length).toBeGreaterThan(1);
    expect(townships[0]).toHaveProperty('parentId');
    expect(await nodesOfKind(db, 'township', 'nowhere%')).toEqual([]);
    expect(builds).toBe(1);
  });
});

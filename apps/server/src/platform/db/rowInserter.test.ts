import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { rowInserter } from './rowInserter.js';

describe('rowInserter: multi-row INSERTs compiled once per row count', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const row = (i: number, by: string | null = null) => ({ key: `rowInserter.${String(i).padStart(3, '0')}`, value: `值${i}`, updatedAt: `2026-12-02T00:00:${String(i % 60).padStart(2, '0')}.000Z`, updatedBy: by });
  const stored = () => s.platform.db.selectFrom('setting').selectAll().where('key', 'like', 'rowInserter.%').orderBy('key').execute();

  it('puts every row’s values in their own columns, batches of any size, rows of another key order too', async () => {
    await s.platform.db.transaction().execute(async (trx) => {
      const insert = rowInserter(trx, 'setting');
      await insert([row(0), row(1), row(2)]);
      await insert([row(3), row(4), row(5)]); // the compiled statement again, other values
      await insert([row(6)]);
      await insert([]);
      // Keys in another order: Kysely's own insert, the same result.
      await insert([{ value: '值7', key: 'rowInserter.007', updatedBy: null, updatedAt: row(7).updatedAt }]);
    });
    expect(await stored()).toEqual(Array.from({ length: 8 }, (_, i) => row(i)));
  });

  it('fails as one statement: a clash writes nothing of its batch, and the transaction rolls back', async () => {
    const before = await stored();
    await expect(
      s.platform.db.transaction().execute(async (trx) => {
        const insert = rowInserter(trx, 'setting');
        await insert([row(100), row(101)]);
        await insert([row(102), row(0)]); // row 0 exists
      }),
    ).rejects.toThrow();
    expect(await stored()).toEqual(before);
  });
});

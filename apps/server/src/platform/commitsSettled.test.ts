import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialect, type TestServer } from '../../test/harness.js';

describe('commitsSettled: a read after it sees every transaction that had done its work', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const who = { userId: null, username: 'test', orgUnitId: null, ip: null };
  const count = async (event: string) =>
    Number((await s.platform.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).where('event', '=', event).executeTakeFirstOrThrow()).n);

  // SQLite only: PostgreSQL commits each transaction on its own, and an insert that meets another's row has already
  // waited for that one's commit (the case commitsSettled serves), so there it resolves at once.
  it.skipIf(testDialect() !== 'sqlite')('waits for the shared commit of transactions started before it, then reads them outside any transaction', async () => {
    for (let i = 0; i < 5; i++) {
      const event = `test.settled.${i}`;
      // Not awaited: the transaction does its work and waits for its commit (on SQLite shared, a moment later).
      const writing = s.platform.transaction(who, (_trx, audit) => audit({ event, summary: '测试' }));
      await s.platform.commitsSettled();
      expect(await count(event)).toBe(1);
      await writing;
    }
  });
});

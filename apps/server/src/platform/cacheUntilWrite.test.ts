import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import type { Actor } from './authz/actor.js';
import { cacheUntilWrite } from './cacheUntilWrite.js';

describe('cacheUntilWrite: aggregates kept until the next write', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const actor = { userId: 'u1', sessionIdHash: 'h1' } as Actor;
  const write = () => s.platform.record({ userId: null, username: 'test', orgUnitId: null, ip: null }, { event: 'test.write', summary: '测试写入' });

  it('computes once for requests that arrive together, again after a write, and keeps no failure', async () => {
    let computed = 0;
    let fail = false;
    const cached = cacheUntilWrite(s.platform, async (_a: Actor, q: { n: number }) => {
      computed++;
      await new Promise((r) => setTimeout(r, 50));
      if (fail) throw new Error('boom');
      return { n: q.n, computed };
    });

    // Ten at once, while the first is still computing: one computation, one answer.
    const answers = await Promise.all(Array.from({ length: 10 }, () => cached(actor, { n: 1 })));
    expect(computed).toBe(1);
    expect(answers.every((a) => a === answers[0])).toBe(true);
    expect(await cached(actor, { n: 1 })).toEqual({ n: 1, computed: 1 });
    // Another question, another user: their own entries.
    expect(await cached(actor, { n: 2 })).toEqual({ n: 2, computed: 2 });
    expect(await cached({ ...actor, userId: 'u2' }, { n: 1 })).toEqual({ n: 1, computed: 3 });

    await write();
    expect(await cached(actor, { n: 1 })).toEqual({ n: 1, computed: 4 });

    await write();
    fail = true;
    const failed = await Promise.allSettled([cached(actor, { n: 1 }), cached(actor, { n: 1 })]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(computed).toBe(5);
    fail = false;
    expect(await cached(actor, { n: 1 })).toEqual({ n: 1, computed: 6 });
  });
});

import { describe, expect, it, inject } from 'vitest';
import { runCrash } from './crash.js';

/** Short version of `npm run test:reliability`'s crash test (security.md F32): a few SIGKILLs per database. */
describe('crash safety: SIGKILL under concurrent writes and imports', () => {
  it('SQLite: integrity check ok, every acknowledged write present, each import batch all in or all out', async () => {
    const f = await runCrash({ dialect: 'sqlite', kills: 3, writers: 4, importRows: 30, minDelayMs: 800, maxDelayMs: 3000 });
    expect(f.failures).toEqual([]);
    expect(f.kills).toBe(3);
    expect(f.acknowledgedCreates + f.acknowledgedEdits).toBeGreaterThan(10);
  }, 300_000);

  it('PostgreSQL: the server starts again, every acknowledged write present, each import batch all in or all out', async () => {
    const f = await runCrash({ dialect: 'postgres', pgAdminUrl: inject('pgAdminUrl'), kills: 1, writers: 4, importRows: 30, minDelayMs: 800, maxDelayMs: 3000 });
    expect(f.failures).toEqual([]);
    expect(f.kills).toBe(1);
    expect(f.acknowledgedCreates + f.acknowledgedEdits).toBeGreaterThan(10);
  }, 300_000);
});

import { describe, expect, it, inject } from 'vitest';
import { runCluster } from './cluster.js';

/** Two instances on one database behind a round-robin proxy (issue 11 §6), short version. */
describe.each(['postgres', 'sqlite'] as const)('two instances on one %s database', (dialect) => {
  it('share sessions and uploads, run each job once, and lose only the requests in flight to a killed instance', async () => {
    const f = await runCluster({ dialect, pgAdminUrl: dialect === 'postgres' ? inject('pgAdminUrl') : undefined, seconds: 1.5 });
    expect(f.failures).toEqual([]);
    expect(f.sessionSharedOk).toBe(true);
    expect(f.uploadSharedOk).toBe(true);
    expect(f.jobs).toBeGreaterThan(0);
    expect(Object.values(f.jobRunsPerJob).every((n) => n === 1)).toBe(true);
    expect(f.failedOther).toBe(0);
    expect(f.failedInFlight).toBeLessThanOrEqual(f.inFlightAtKill);
  }, 300_000);
});

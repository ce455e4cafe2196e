import { describe, expect, it, inject } from 'vitest';
import { runLoad } from './load.js';

/** Short version of the load test (security.md F35): a few seconds of signed-in users on a small demo county. */
describe('load: concurrent signed-in users, realistic mix', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`${dialect}: no errors, p99 reported, memory bounded`, async () => {
      const f = await runLoad({ dialect, pgAdminUrl: dialect === 'postgres' ? inject('pgAdminUrl') : undefined, users: 25, seconds: 3, demoScale: 0.1 });
      expect(f.failures).toEqual([]);
      expect(f.requests).toBeGreaterThan(0); // throughput is a figure, not a check: the CI machine may be loaded
      expect(f.errors + f.non2xx + f.timeouts).toBe(0);
      expect(f.p99).toBeGreaterThan(0);
      expect(f.rssPeakMb).toBeGreaterThan(0);
    }, 300_000);
  }
});

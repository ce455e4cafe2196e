import { describe, expect, it, inject } from 'vitest';
import { runDemoRestore } from './restore.js';

/** Issue 11 "done when": a backup of the demo county restores on a clean directory with identical counts and a verifying audit chain. */
describe('backup of the demo county restores on a clean data directory', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`${dialect}: identical row counts, fields decrypt, audit chain verifies`, async () => {
      const f = await runDemoRestore({ dialect, pgAdminUrl: dialect === 'postgres' ? inject('pgAdminUrl') : undefined, demoScale: 0.1, online: false });
      expect(f.mismatches).toEqual([]);
      expect(f.tables).toBeGreaterThan(30);
      expect(f.rows).toBeGreaterThan(1000);
      expect(f.auditChecked).toBeGreaterThan(0);
    }, 300_000);
  }
});

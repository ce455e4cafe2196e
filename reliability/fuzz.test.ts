import { describe, expect, it, inject } from 'vitest';
import { runFuzz } from './fuzz.js';

/** Short version of the fuzzer (security.md E25): a thousand hostile requests per database from the OpenAPI document.
 * The seed is fixed so CI is repeatable; `npm run test:reliability` and GG_FUZZ_SEED explore others. */
describe('fuzzing every route from the OpenAPI document', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`${dialect}: no 5xx, no hang, and no rejected request changes any table`, async () => {
      const f = await runFuzz({ dialect, pgAdminUrl: dialect === 'postgres' ? inject('pgAdminUrl') : undefined, requests: 1000, maxMillis: 150_000, seed: Number(process.env.GG_FUZZ_SEED ?? 20_261_129) });
      expect(f.serverErrors).toEqual([]);
      expect(f.hangs).toEqual([]);
      expect(f.rejectedWithChanges).toEqual([]);
      expect(f.operations).toBeGreaterThan(100);
      expect(f.requests).toBeGreaterThanOrEqual(200); // 1,000 unless the machine is so loaded that 150 s run out first
      expect(f.rejected).toBeGreaterThan(f.accepted);
    }, 300_000);
  }
});

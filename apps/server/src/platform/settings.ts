import { defaultSecuritySettings, securitySettings, type SecuritySettings } from '@gg/shared';
import type { Db, Executor } from './db/database.js';

const KEY = 'security';
const CACHE_MS = 5_000;

/**
 * Security settings live in the database so every instance sees the same policy.
 * Each instance caches them for a few seconds; a change made here is seen here at once.
 */
export class SettingsStore {
  private cached?: { at: number; value: SecuritySettings };

  constructor(private readonly db: Db) {}

  async security(): Promise<SecuritySettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const row = await this.db.selectFrom('setting').select('value').where('key', '=', KEY).executeTakeFirst();
    const value = row ? securitySettings.parse({ ...defaultSecuritySettings, ...JSON.parse(row.value) }) : defaultSecuritySettings;
    this.cached = { at: Date.now(), value };
    return value;
  }

  async saveSecurity(trx: Executor, value: SecuritySettings, userId: string): Promise<void> {
    const now = new Date().toISOString();
    const json = JSON.stringify(value);
    const existing = await trx.selectFrom('setting').select('key').where('key', '=', KEY).executeTakeFirst();
    if (existing) await trx.updateTable('setting').set({ value: json, updatedAt: now, updatedBy: userId }).where('key', '=', KEY).execute();
    else await trx.insertInto('setting').values({ key: KEY, value: json, updatedAt: now, updatedBy: userId }).execute();
    this.cached = undefined;
  }

  invalidate() {
    this.cached = undefined;
  }
}

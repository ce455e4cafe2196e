import type { Executor } from '../../platform/db/database.js';

/** The settings row's bookkeeping (the value itself is read and written by platform.settings). */
export function settingRepository(db: Executor) {
  return {
    async meta(key: string) {
      return db
        .selectFrom('setting')
        .leftJoin('appUser', 'appUser.id', 'setting.updatedBy')
        .select(['setting.updatedAt', 'setting.updatedBy', 'appUser.displayName'])
        .where('setting.key', '=', key)
        .executeTakeFirst();
    },
  };
}

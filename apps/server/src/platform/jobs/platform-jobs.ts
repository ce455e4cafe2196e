import type { JobDefinition } from './jobs.js';
import { createBackup, pruneBackups } from '../backup/backup.js';
import { updateQueryStatistics } from '../db/database.js';

/** Jobs the platform itself needs; modules register their own beside these. */
export const platformJobs: JobDefinition[] = [
  {
    name: 'sessionSweep',
    label: '清理超时会话',
    intervalSeconds: 300,
    async run(platform) {
      const settings = await platform.settings.security();
      const now = Date.now();
      const idleBefore = new Date(now - settings.sessionIdleMinutes * 60_000).toISOString();
      const nowIso = new Date(now).toISOString();
      const idle = await platform.db.updateTable('session').set({ endedAt: nowIso, endReason: 'idle' }).where('endedAt', 'is', null).where('lastSeenAt', '<', idleBefore).executeTakeFirst();
      const expired = await platform.db.updateTable('session').set({ endedAt: nowIso, endReason: 'expired' }).where('endedAt', 'is', null).where('expiresAt', '<', nowIso).executeTakeFirst();
      return `结束空闲会话 ${Number(idle.numUpdatedRows)} 个，超时会话 ${Number(expired.numUpdatedRows)} 个`;
    },
  },
  {
    name: 'dailyBackup',
    label: '每日加密备份',
    intervalSeconds: 24 * 3600,
    async run(platform) {
      const m = await createBackup(platform, { dir: platform.config.backupDir, actor: { userId: null, username: 'system', orgUnitId: null, ip: null } });
      const removed = pruneBackups(platform.config.backupDir, platform.config.backupKeep);
      return `备份 ${m.file}（${m.tables.reduce((s, t) => s + t.rows, 0)} 行），清理旧备份 ${removed} 份`;
    },
  },
  {
    name: 'auditChainVerify',
    label: '校验审计日志哈希链',
    intervalSeconds: 24 * 3600,
    async run(platform) {
      const r = await platform.audit.verify(platform.db);
      if (!r.ok) throw new Error(`审计链在第 ${r.firstBroken!.seq} 条断裂：${r.firstBroken!.reason}`);
      return `审计链完整，共校验 ${r.checked} 条`;
    },
  },
  {
    name: 'queryStatistics',
    label: '更新查询统计信息',
    intervalSeconds: 6 * 3600,
    async run(platform) {
      return updateQueryStatistics(platform.handle);
    },
  },
];

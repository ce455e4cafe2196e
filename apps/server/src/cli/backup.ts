import path from 'node:path';
import { ConfigError, loadConfig } from '../platform/config.js';
import { createPlatform } from '../platform/context.js';
import { createBackup, pruneBackups } from '../platform/backup/backup.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`用法：npm run backup [-- --out 目录]

在线备份当前数据库（DATABASE_URL 或 DATA_DIR 中的 SQLite），用数据密钥加密，
生成 .ggbak 备份文件和 .manifest.json 清单（含 SHA-256、各表行数、审计链尾）。
默认目录：DATA_DIR/backups（或 GG_BACKUP_DIR），保留最近 GG_BACKUP_KEEP 份（默认 14）。`);
  process.exit(0);
}
const outIdx = args.indexOf('--out');
try {
  const config = loadConfig();
  const platform = await createPlatform(config);
  const dir = outIdx >= 0 && args[outIdx + 1] ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args[outIdx + 1]) : config.backupDir;
  if (outIdx >= 0 && !args[outIdx + 1]) throw new ConfigError('--out 后面需要目录');
  const m = await createBackup(platform, { dir, actor: { userId: null, username: 'cli', orgUnitId: null, ip: null } });
  const removed = outIdx >= 0 ? 0 : pruneBackups(dir, config.backupKeep);
  console.log(`备份完成：${dir}/${m.file}`);
  console.log(`  清单：${m.file.replace(/\.ggbak$/, '.manifest.json')}`);
  console.log(`  SHA-256：${m.sha256}`);
  console.log(`  行数：${m.tables.reduce((s, t) => s + t.rows, 0)}（${m.tables.length} 张表），审计链尾：第 ${m.auditHead.seq} 条`);
  if (removed) console.log(`  已清理旧备份 ${removed} 份`);
  await platform.handle.close();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
}

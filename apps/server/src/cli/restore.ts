import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../platform/config.js';
import { createPlatform } from '../platform/context.js';
import { restoreBackup } from '../platform/backup/backup.js';

const args = process.argv.slice(2);
if (!args.length || args.includes('--help') || args.includes('-h')) {
  console.log(`用法：npm run restore -- 清单文件.manifest.json

把备份恢复到一个空的数据目录（DATA_DIR）或空的 PostgreSQL 数据库（DATABASE_URL）。
须使用与备份时相同的数据密钥（GG_DATA_KEY 或密钥文件）和 GG_CRYPTO。
先核对文件哈希，再写入全部数据（一个事务），最后核对各表行数和审计链。`);
  process.exit(args.length ? 0 : 2);
}
try {
  const manifest = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  if (!fs.existsSync(manifest)) throw new ConfigError(`找不到清单文件：${manifest}`);
  const config = loadConfig();
  const platform = await createPlatform(config);
  const report = await restoreBackup({ handle: platform.handle, cipher: platform.cipher, platform }, manifest, { userId: null, username: 'cli', orgUnitId: null, ip: null });
  console.log(`恢复完成：${report.tables} 张表，${report.rows} 行；审计链完整（${report.auditChecked} 条）。`);
  await platform.handle.close();
} catch (err) {
  console.error(`恢复失败：${err instanceof Error ? err.message : err}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}

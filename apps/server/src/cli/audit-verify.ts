import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { FieldCipher } from '../platform/crypto/cipher.js';
import { loadKeyRing, parseKeyRing } from '../platform/crypto/keys.js';
import { AuditTrail } from '../platform/audit/audit.js';

export interface AuditVerifyReport {
  /** 0: the chain holds; 1: a broken link (see firstBrokenSeq). */
  exitCode: 0 | 1;
  lines: string[];
  firstBrokenSeq?: number;
}

/**
 * Verify the audit hash chain of the configured database, read-only (no migrations, no writes):
 * `npm run audit:verify` with the server's environment (DATABASE_URL or DATA_DIR, and the data key).
 */
export async function verifyAuditTrail(config: Config): Promise<AuditVerifyReport> {
  if (config.database.kind === 'sqlite' && !fs.existsSync(config.database.file)) {
    throw new Error(`数据库文件不存在：${config.database.file}（请检查 DATA_DIR）`);
  }
  const handle = openDatabase(config.database);
  try {
    const ring = config.dataKey ? parseKeyRing(config.dataKey) : loadKeyRing({ keyFile: config.keyFile });
    const trail = new AuditTrail(new FieldCipher(ring, config.crypto), handle.dialect);
    const result = await trail.verify(handle.db);
    const where = config.database.kind === 'sqlite' ? `SQLite 文件 ${config.database.file}` : 'PostgreSQL 数据库';
    const lines = [`审计记录校验（${where}，${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}）`];
    if (result.ok) {
      lines.push(`结果：完整。共校验 ${result.checked} 条记录，哈希链无断裂。`);
      return { exitCode: 0, lines };
    }
    const broken = result.firstBroken!;
    lines.push(`结果：不完整！第 ${broken.seq} 条记录起哈希链断裂：${broken.reason}。`);
    lines.push(`此前 ${result.checked} 条记录校验通过。请保全数据库现场，并报告安全管理员和审计管理员。`);
    return { exitCode: 1, lines, firstBrokenSeq: broken.seq };
  } finally {
    await handle.close();
  }
}

async function main() {
  try {
    const report = await verifyAuditTrail(loadConfig());
    for (const line of report.lines) console.log(line);
    process.exit(report.exitCode);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `校验失败：${(err as Error).message}`);
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();

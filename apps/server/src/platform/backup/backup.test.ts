import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, startTestServer, type TestServer } from '../../../test/harness.js';
import { loadConfig } from '../config.js';
import { createPlatform } from '../context.js';
import { restoreBackup } from './backup.js';
import { listTables } from './tables.js';

const actor = { userId: null, username: 'test', orgUnitId: null, ip: null };

describe('backup and restore (security.md C17, D21, F33)', () => {
  let s: TestServer;
  let manifestPath: string;
  beforeAll(async () => {
    s = await startTestServer();
    const office = await s.as('countyOffice');
    await office.post('/api/org-units', { parentId: s.tree.townshipA, name: '备份测试村', kind: 'village', contactPhone: '13900001111' });
    await office.post('/api/member-units', { name: '县备份局', liaisonName: '王五', liaisonPhone: '13900002222' });
  });
  afterAll(() => s.close());

  it('F33 an online backup is encrypted, hashed, listed, and audited', async () => {
    const admin = await s.as('systemAdmin');
    const res = await admin.post('/api/system/backups');
    expect(res.status).toBe(200);
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.rows).toBeGreaterThan(20);
    const list = await admin.get('/api/system/backups');
    expect(list.body[0].file).toBe(res.body.file);
    manifestPath = path.join(s.config.backupDir, res.body.file.replace(/\.ggbak$/, '.manifest.json'));
    const bytes = fs.readFileSync(path.join(s.config.backupDir, res.body.file));
    expect(bytes.includes(Buffer.from('13900001111'))).toBe(false);
    expect(bytes.includes(Buffer.from('备份测试村'))).toBe(false);
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'system.backup').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].username).toBe(admin.username);
    expect((await (await s.as('auditAdmin')).post('/api/system/backups')).status).toBe(403);
  });

  it('F33 restore on a clean database gives identical row counts and a verifying audit chain', async () => {
    const target = await createEmptyDatabase();
    try {
      const config = loadConfig({ ...target.env, GG_DATA_KEY: s.config.dataKey!, GG_LOG_LEVEL: 'silent' });
      const platform = await createPlatform(config, { handle: target.handle });
      const report = await restoreBackup({ handle: target.handle, cipher: platform.cipher, platform }, manifestPath, actor);
      expect(report.auditChecked).toBeGreaterThan(5);
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      for (const t of manifest.tables as { name: string; rows: number }[]) {
        if (t.name === 'audit_event' || t.name === 'audit_chain_head') continue; // the restore adds its own audit row
        const n = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(t.name)}`.execute(target.handle.db)).rows[0].n);
        expect(n, t.name).toBe(t.rows);
      }
      const tables = await listTables(target.handle.db, target.handle.dialect);
      expect(tables.map((t) => t.name)).toContain('org_unit');
      expect((await platform.audit.verify(platform.db)).ok).toBe(true);
      const restoreAudit = await platform.db.selectFrom('auditEvent').select('event').where('event', '=', 'system.restore').execute();
      expect(restoreAudit).toHaveLength(1);
      const village = await platform.db.selectFrom('orgUnit').select(['name', 'contactPhoneEnc', 'id']).where('name', '=', '备份测试村').executeTakeFirstOrThrow();
      expect(platform.cipher.decrypt(village.contactPhoneEnc!, `org_unit:${village.id}:contact_phone`)).toBe('13900001111');
      // A second restore into the now non-empty database is refused.
      await expect(restoreBackup({ handle: target.handle, cipher: platform.cipher }, manifestPath, actor)).rejects.toThrow(/已有数据/);
    } finally {
      await target.drop();
    }
  });

  it('D21 a modified backup file is refused before anything is written', async () => {
    const target = await createEmptyDatabase();
    try {
      const config = loadConfig({ ...target.env, GG_DATA_KEY: s.config.dataKey!, GG_LOG_LEVEL: 'silent' });
      const platform = await createPlatform(config, { handle: target.handle });
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      const dir = fs.mkdtempSync(path.join(target.dir, 'tampered-'));
      const bytes = fs.readFileSync(path.join(path.dirname(manifestPath), manifest.file));
      bytes[100] ^= 0xff;
      fs.writeFileSync(path.join(dir, manifest.file), bytes);
      fs.writeFileSync(path.join(dir, 'm.manifest.json'), JSON.stringify(manifest));
      await expect(restoreBackup({ handle: target.handle, cipher: platform.cipher }, path.join(dir, 'm.manifest.json'), actor)).rejects.toThrow(/哈希/);
      const crypto = await import('node:crypto');
      fs.writeFileSync(path.join(dir, 'm.manifest.json'), JSON.stringify({ ...manifest, sha256: crypto.createHash('sha256').update(bytes).digest('hex') }));
      await expect(restoreBackup({ handle: target.handle, cipher: platform.cipher }, path.join(dir, 'm.manifest.json'), actor)).rejects.toThrow(/校验失败/);
      const users = await platform.db.selectFrom('appUser').select('id').execute();
      expect(users).toHaveLength(0);
    } finally {
      await target.drop();
    }
  });
});

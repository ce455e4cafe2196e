import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { generateDemoCounty } from '../../demo/seed.js';
import { caseAad } from './presenter.js';

/**
 * security.md D20 over the demo county: one demo minor's ID number is nowhere in the SQLite file, its WAL,
 * or (on PostgreSQL) any text of any row of any table. The minor's name, stored in a plain column, is
 * found — proof that the grep would have seen the ID number had it been stored in the clear.
 */
describe('care cases at rest (demo county)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await generateDemoCounty(s.platform);
  }, 180_000);
  afterAll(() => s.close());

  async function databaseBytes(): Promise<Buffer> {
    if (s.dialect === 'sqlite') {
      const files = [s.dbFile!, `${s.dbFile}-wal`].filter((f) => fs.existsSync(f));
      expect(files).toContain(s.dbFile);
      return Buffer.concat(files.map((f) => fs.readFileSync(f)));
    }
    const tables = await sql<{ tableName: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(s.platform.db);
    const chunks: string[] = [];
    for (const { tableName } of tables.rows) {
      const rows = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(tableName)} t`.execute(s.platform.db);
      chunks.push(...rows.rows.map((row) => row.r));
    }
    return Buffer.from(chunks.join('\n'), 'utf8');
  }

  it('D20 a demo minor\'s ID number is not in the database file, its WAL or any PostgreSQL text column', async () => {
    const count = await s.platform.db.selectFrom('careCase').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThanOrEqual(2000);
    const minor = await s.platform.db.selectFrom('careCase').selectAll().where('birthDate', '>', '2013-01-01').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const idNumber = s.platform.cipher.decrypt(minor.idNumberEnc, caseAad(minor.id, 'idNumber'));
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    const phone = minor.guardianPhoneEnc ? s.platform.cipher.decrypt(minor.guardianPhoneEnc, caseAad(minor.id, 'guardianPhone')) : null;
    const bytes = await databaseBytes();
    expect(bytes.includes(Buffer.from(minor.name, 'utf8')), 'plain name (canary)').toBe(true);
    for (const secret of [idNumber, idNumber.slice(0, 14), ...(phone ? [phone] : [])]) {
      expect(bytes.includes(secret), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16)`).toBe(false);
    }
  });
});

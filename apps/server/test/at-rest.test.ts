import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBootstrapUser } from '../src/platform/bootstrap.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * security.md D20: grepping the database file, its WAL or a PostgreSQL dump for a known phone number finds
 * nothing. A canary stored in a plain (unencrypted) column proves the grep itself would have found it.
 */
describe.each(['standard', 'gm'] as const)('data at rest (%s)', (suite) => {
  let s: TestServer;
  const ORG_PHONE = '13812349876';
  const STAFF_PHONE = '15987654321';
  const CANARY = 'canary-17700001111';

  beforeAll(async () => {
    s = await startTestServer({ crypto: suite });
  });
  afterAll(() => s.close());

  /** Every byte a thief of the database would get: the SQLite file and its WAL, or every row of every table on PostgreSQL (a dump's content). */
  async function databaseBytes(): Promise<Buffer> {
    if (s.dialect === 'sqlite') {
      const files = [s.dbFile!, `${s.dbFile}-wal`].filter((f) => fs.existsSync(f));
      expect(files).toContain(s.dbFile);
      return Buffer.concat(files.map((f) => fs.readFileSync(f)));
    }
    const tables = await sql<{ tableName: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(s.platform.db);
    expect(tables.rows.length).toBeGreaterThan(10);
    const chunks: string[] = [];
    for (const { tableName } of tables.rows) {
      const rows = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(tableName)} t`.execute(s.platform.db);
      chunks.push(...rows.rows.map((row) => row.r));
    }
    return Buffer.from(chunks.join('\n'), 'utf8');
  }

  it('D20 phone numbers of an org unit (via the API) and a member of staff are nowhere in the database file, its WAL or a dump', async () => {
    const office = await s.as('countyOffice');
    const created = await office.post('/api/org-units', { parentId: s.tree.root, name: '静态加密镇', kind: 'township', contactPhone: ORG_PHONE, address: CANARY });
    expect(created.status).toBe(200);
    // The API still reads it back in full for someone allowed to edit.
    expect(created.body.contactPhone).toBe(ORG_PHONE);
    const staffId = await createBootstrapUser(s.platform, { username: 'atrest_staff', displayName: '加密测试', roleCode: 'townshipOfficer', password: 'Test@Pass2026x', mustChange: false, orgUnitId: s.tree.townshipA, phone: STAFF_PHONE });
    const staff = await s.platform.db.selectFrom('appUser').select('phoneEnc').where('id', '=', staffId).executeTakeFirstOrThrow();
    expect(s.platform.cipher.decrypt(staff.phoneEnc!, `app_user:${staffId}:phone`)).toBe(STAFF_PHONE);

    const bytes = await databaseBytes();
    expect(bytes.includes(CANARY)).toBe(true);
    for (const phone of [ORG_PHONE, STAFF_PHONE]) {
      expect(bytes.includes(phone), phone).toBe(false);
      expect(bytes.includes(Buffer.from(phone, 'utf16le')), `${phone} (UTF-16)`).toBe(false);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoDatabaseState, generateDemoCounty, seedDemoIfEmpty, type GenerateResult } from './seed.js';

/** Org rows below the root, in path order, without the harness's own test tree. */
async function demoOrgRows(s: TestServer) {
  const harness = new Set(Object.values(s.tree));
  const rows = await s.platform.db.selectFrom('orgUnit').select(['id', 'name', 'kind', 'depth', 'sortOrder', 'code']).where('depth', '>', 0).orderBy('path').execute();
  return rows.filter((r) => !harness.has(r.id));
}

describe('demo county generator', () => {
  let a: TestServer;
  let b: TestServer;
  let genA: GenerateResult;
  let genB: GenerateResult;
  const logB: string[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestServer(), startTestServer()]);
    // A: the harness tree is there, so the emptiness check refuses; the generator itself runs anyway.
    const refused = await seedDemoIfEmpty(a.platform, { log: () => {} });
    expect(refused.status).toBe('refused');
    genA = await generateDemoCounty(a.platform);
    // B: remove the harness tree to get back to the bootstrap state, then seed as `npm start` does.
    await b.platform.db.deleteFrom('orgUnit').where('depth', '=', 2).execute();
    await b.platform.db.deleteFrom('orgUnit').where('depth', '=', 1).execute();
    expect((await demoDatabaseState(b.platform)).status).toBe('pristine');
    const seeded = await seedDemoIfEmpty(b.platform, { log: (m) => logB.push(m) });
    if (seeded.status !== 'seeded') throw new Error(`expected seeding, got ${seeded.status}`);
    genB = seeded;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('leaves the summary tables equal to the rows the steps inserted in bulk', async () => {
    const db = b.platform.db;
    const stat = await sql<{ n: number; a: number }>`SELECT COUNT(*) AS n, COALESCE(SUM(activities), 0) AS a FROM activity_stat`.execute(db);
    const acts = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM activity`.execute(db);
    expect(Number(acts.rows[0].n)).toBeGreaterThan(100);
    expect(Number(stat.rows[0].a)).toBe(Number(acts.rows[0].n));
    const years = await sql<{ t: number; r: number }>`SELECT COALESCE(SUM(hours_tenths), 0) AS t, COALESCE(SUM(records), 0) AS r FROM volunteer_service_year`.execute(db);
    const service = await sql<{ t: number; r: number }>`SELECT COALESCE(SUM(hours_tenths), 0) AS t, COUNT(*) AS r FROM volunteer_service`.execute(db);
    expect(Number(service.rows[0].r)).toBeGreaterThan(100);
    expect({ t: Number(years.rows[0].t), r: Number(years.rows[0].r) }).toEqual({ t: Number(service.rows[0].t), r: Number(service.rows[0].r) });
  });

  it('creates a county of realistic size and says so in one audit row', async () => {
    const c = genB.counts;
    expect(c.townships).toBe(15);
    expect(c.villages + c.communities).toBeGreaterThanOrEqual(170);
    expect(c.villages + c.communities).toBeLessThanOrEqual(240);
    expect(c.schools).toBeGreaterThanOrEqual(50);
    expect(c.schools).toBeLessThanOrEqual(70);
    expect(c.enterprises).toBe(20);
    expect(c.memberUnits).toBeGreaterThanOrEqual(17);
    expect(c.users).toBe(DEMO_ACCOUNTS.length);

    const { db } = b.platform;
    const byKind = await db.selectFrom('orgUnit').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    const n = Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)]));
    expect(n).toEqual({ county: 1, township: 15, village: c.villages, community: c.communities, school: c.schools, enterprise: c.enterprises });
    const root = await db.selectFrom('orgUnit').selectAll().where('parentId', 'is', null).executeTakeFirstOrThrow();
    expect(root.name).toBe('红源县');
    // County-level schools sit directly under the county; the tree's paths and depths hold.
    const countySchools = await db.selectFrom('orgUnit').select('name').where('parentId', '=', root.id).where('kind', '=', 'school').execute();
    expect(countySchools.map((r) => r.name)).toContain('红源县第一中学');
    const all = await db.selectFrom('orgUnit').select(['id', 'parentId', 'path', 'depth']).execute();
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const r of all) {
      if (!r.parentId) continue;
      const parent = byId.get(r.parentId)!;
      expect(r.path).toBe(`${parent.path}${r.id}/`);
      expect(r.depth).toBe(parent.depth + 1);
    }

    const audit = await db.selectFrom('auditEvent').selectAll().where('event', '=', 'demo.seed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!).counts).toMatchObject({ townships: 15, memberUnits: c.memberUnits });
    expect((await b.platform.audit.verify(db)).ok).toBe(true);
    expect(logB.join('\n')).toContain(DEMO_PASSWORD);

    // A second start finds the demo county and leaves it alone.
    expect((await seedDemoIfEmpty(b.platform, { log: () => {} })).status).toBe('alreadySeeded');
    expect(await db.selectFrom('auditEvent').select('seq').where('event', '=', 'demo.seed').execute()).toHaveLength(1);
  });

  it('is deterministic: two databases get the same tree, names and order', async () => {
    const rowsA = await demoOrgRows(a);
    const rowsB = await demoOrgRows(b);
    expect(rowsA.length).toBeGreaterThan(250);
    expect(rowsA).toEqual(rowsB);
    const mu = (s: TestServer) => s.platform.db.selectFrom('memberUnit').select(['id', 'name', 'shortName', 'liaisonName', 'leaderName', 'sortOrder']).orderBy('sortOrder').execute();
    expect(await mu(a)).toEqual(await mu(b));
    expect(genA.ids.townships.map((t) => t.name)).toEqual(genB.ids.townships.map((t) => t.name));
    // Another seed gives another county.
    const c = await startTestServer();
    try {
      await generateDemoCounty(c.platform, { seed: 7, steps: (await import('./steps/index.js')).demoSteps.slice(0, 1) });
      const rowsC = await demoOrgRows(c);
      expect(rowsC.map((r) => r.name)).not.toEqual(rowsB.map((r) => r.name));
    } finally {
      await c.close();
    }
  });

  it('every demo account signs in with the demo password, without a forced change or second factor', async () => {
    const settings = await b.platform.settings.security();
    expect(settings.secondFactorForPrivileged).toBe(false);
    for (const account of DEMO_ACCOUNTS) {
      const res = await b.client().post('/api/auth/login', { username: account.username, password: DEMO_PASSWORD });
      expect(res.status, account.username).toBe(200);
      expect(res.body.pending, account.username).toEqual([]);
      expect(res.body.user.roles.map((r: { code: string }) => r.code)).toEqual([account.roleCode]);
    }
    const unit = await b.login('unit', DEMO_PASSWORD);
    const me = await unit.get('/api/auth/me');
    expect(me.body.memberUnit.name).toBe('县教育局');
    expect(me.body.orgUnit).toBeNull();
    // The bootstrap administrator is untouched: still must change the password.
    const admin = await b.platform.db.selectFrom('appUser').select('mustChangePassword').where('usernameKey', '=', 'admin').executeTakeFirstOrThrow();
    expect(admin.mustChangePassword).toBe(1);
  });

  it("a township demo user sees only their township's subtree", async () => {
    const township = genB.ids.townships[0];
    const officer = await b.login('township', DEMO_PASSWORD);
    const res = await officer.get('/api/org-units/tree?depth=3');
    expect(res.status).toBe(200);
    expect(res.body.map((n: { id: string }) => n.id)).toEqual([township.id]);
    const seen: string[] = [];
    const walk = (nodes: { id: string; children?: unknown[] }[]) => {
      for (const node of nodes) {
        seen.push(node.id);
        if (node.children) walk(node.children as typeof nodes);
      }
    };
    walk(res.body);
    const subtree = await b.platform.db.selectFrom('orgUnit').select('id').where('path', 'like', `${township.path}%`).execute();
    expect(seen.sort()).toEqual(subtree.map((r) => r.id).sort());
    expect(seen.length).toBeGreaterThan(5);
    const other = genB.ids.townships[1];
    expect((await officer.get(`/api/org-units/${other.id}`)).status).toBe(404);
  });

  it('stores liaison and contact phones encrypted, bound to their row', async () => {
    const { db, cipher } = b.platform;
    const units = await db.selectFrom('memberUnit').select(['id', 'liaisonPhoneEnc']).execute();
    expect(units.length).toBeGreaterThanOrEqual(17);
    for (const u of units) {
      expect(u.liaisonPhoneEnc).toBeTruthy();
      const phone = cipher.decrypt(u.liaisonPhoneEnc!, `member_unit:${u.id}:liaison_phone`);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(u.liaisonPhoneEnc).not.toContain(phone);
    }
    // A ciphertext moved to another row does not decrypt.
    expect(() => cipher.decrypt(units[0].liaisonPhoneEnc!, `member_unit:${units[1].id}:liaison_phone`)).toThrow();
    const orgs = await db.selectFrom('orgUnit').select(['id', 'contactPhoneEnc']).where('contactPhoneEnc', 'is not', null).execute();
    expect(orgs.length).toBeGreaterThan(100);
    for (const o of orgs) {
      const phone = cipher.decrypt(o.contactPhoneEnc!, `org_unit:${o.id}:contact_phone`);
      expect(phone).toMatch(/^(1[3-9]\d{9}|0797-\d{7})$/);
      // Ciphertext is base64url, which may hold digit runs by chance; what matters is that the number is not in it.
      expect(o.contactPhoneEnc).not.toContain(phone);
      expect(o.contactPhoneEnc).not.toContain(phone.replace('-', ''));
    }
  });
});

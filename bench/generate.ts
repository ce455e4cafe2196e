/**
 * Deterministic benchmark data at three scales, loaded through the platform's own paths: the demo county's
 * generator steps (org tree, member units, accounts, campaigns, bases, lectures, creations, targets) and then a
 * bulk step that tops the county up with the same row shapes the modules write — encrypted personal fields
 * under the modules' AADs, blind indexes in their domains, pinyin keys, service records for every participant —
 * in multi-row INSERTs, one transaction per chunk. Summary tables are rebuilt with the same SQL their
 * migrations backfill with, so they agree with what the app keeps current on each write.
 *
 *   county:   20 townships, 20k volunteers, 50k cases, 200k activities
 *   large:    the county with 1M activities
 *   province: the county with 10M activities (PostgreSQL only)
 *
 * Generated databases are cached in bench/.cache/<scale>-<db>/ (gitignored); a finished one has a
 * `generated.json` beside it and is reused by later runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { idNumberCheckChar, volunteerSpecialties, type CareCaseCategory } from '@gg/shared';
import { loadConfig, type Config } from '../apps/server/src/platform/config.js';
import { createPlatform, type Platform } from '../apps/server/src/platform/context.js';
import { bootstrap } from '../apps/server/src/platform/bootstrap.js';
import type { Database } from '../apps/server/src/platform/db/schema.js';
import type { Executor } from '../apps/server/src/platform/db/database.js';
import { generateDemoCounty } from '../apps/server/src/demo/seed.js';
import { demoSteps } from '../apps/server/src/demo/steps/index.js';
import type { DemoStep, OrgRef } from '../apps/server/src/demo/context.js';
import { DEMO_COUNTY_CODE, TOWNS, RURAL_TOWNSHIPS, VILLAGE_FIRST, VILLAGE_SECOND, personName } from '../apps/server/src/demo/names.js';
import type { Prng } from '../apps/server/src/demo/prng.js';
import { pinyinKeys } from '../apps/server/src/platform/text/pinyin.js';
import { caseAad } from '../apps/server/src/modules/careCases/presenter.js';
import { idNumberDomain } from '../apps/server/src/modules/careCases/repository.js';
import { visitAad } from '../apps/server/src/modules/careCases/caseWork.js';
import { rebuildSummaries } from './summaries.js';
import { deferIndexes, unnestInsert } from './pgBulk.js';

export type Scale = 'county' | 'large' | 'province';
export type DbKind = 'sqlite' | 'postgres';

export const SCALES: Record<Scale, { townships: number; volunteers: number; cases: number; activities: number }> = {
  county: { townships: 20, volunteers: 20_000, cases: 50_000, activities: 200_000 },
  large: { townships: 20, volunteers: 20_000, cases: 50_000, activities: 1_000_000 },
  province: { townships: 20, volunteers: 20_000, cases: 50_000, activities: 10_000_000 },
};

export const BENCH_SEED = 20261129;
export const CACHE_ROOT = path.resolve(import.meta.dirname, '.cache');

/** Rows per transaction when loading (multi-row statements inside). */
const CHUNK = 20_000;

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function weighted<T>(prng: Prng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = prng.next() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}

/** Multi-row INSERTs under both databases' bound-parameter limits, inside the caller's transaction. */
export async function insertRows<T extends keyof Database & string>(trx: Executor, table: T, rows: Insertable<Database[T]>[]) {
  if (!rows.length) return;
  const size = Math.max(1, Math.min(1000, Math.floor(30_000 / Object.keys(rows[0] as object).length)));
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

const pinyinCache = new Map<string, { full: string; initials: string }>();
const keysOf = (name: string) => {
  let k = pinyinCache.get(name);
  if (!k) pinyinCache.set(name, (k = pinyinKeys(name)));
  return k;
};

const ACTIVITY_TYPES = [['lecture', 22], ['redEducation', 16], ['lawEducation', 15], ['studySession', 10], ['seminar', 7], ['training', 6], ['visit', 10], ['cultureSports', 8], ['other', 6]] as const;
const TITLES: Record<string, string[]> = {
  lecture: ['“五老”进校园宣讲', '红色故事宣讲会', '大手牵小手宣讲'], redEducation: ['重温入党誓词', '参观革命旧址', '红色家书诵读'],
  lawEducation: ['法治进校园', '防范电信诈骗讲座', '禁毒知识宣传'], studySession: ['专题学习会', '理论学习中心组学习'], seminar: ['关心下一代工作座谈会'],
  training: ['关工委骨干培训'], visit: ['走访慰问留守儿童', '节日慰问困难学生'], cultureSports: ['青少年书画展', '少儿趣味运动会'], other: ['暑期托管开班'],
};
const CATEGORY_WEIGHTS: [CareCaseCategory, number][] = [['unsupervised', 34], ['dropout', 22], ['bereaved', 18], ['unemployed', 16], ['offender', 10]];
const STATUS_WEIGHTS: [string, number][] = [['intake', 8], ['assessment', 9], ['plan', 9], ['in_progress', 50], ['closed', 21], ['reopened', 3]];

/**
 * The bulk step's ids: the stream's UUID (so every later draw is what it was) with a running count as its last 12
 * hex digits. mulberry32 has 32 bits of state, so its UUIDs are only 2^32 apart: at ten million activities the
 * bulk stream ran into the demo steps' stream and drew an id they had used (a duplicate key at 820k on PostgreSQL).
 */
let bulkIds = 0;
const bulkUuid = (prng: Prng) => `${prng.uuid().slice(0, 24)}${(++bulkIds).toString(16).padStart(12, '0')}`;

/** The bulk step appended to the demo steps: tops the county up to the scale's counts. */
function bulkStep(scale: Scale, log: (m: string) => void): DemoStep {
  const target = SCALES[scale];
  return {
    name: `bench-${scale}`,
    label: `基准测试数据（${scale}）`,
    async run(ctx) {
      const { prng, ids, platform, now } = ctx;
      const { cipher, db } = platform;
      const nowMs = Date.parse(now);
      const year = Number(now.slice(0, 4));

      // ---- more townships, each with villages, a community and schools
      const taken = new Set(ids.townships.map((t) => t.name));
      const spare = [...TOWNS, ...RURAL_TOWNSHIPS].filter((t) => !taken.has(t.name));
      const orgRows: Insertable<Database['orgUnit']>[] = [];
      const add = (parent: OrgRef, name: string, kind: string): OrgRef => {
        const id = bulkUuid(prng);
        const ref: OrgRef = { id, parentId: parent.id, name, kind, path: `${parent.path}${id}/`, depth: parent.depth + 1 };
        orgRows.push({
          id, parentId: parent.id, name, kind, code: null, path: ref.path, depth: ref.depth, status: 'active', contactName: personName(prng),
          contactPhoneEnc: cipher.encrypt(prng.mobile(), `org_unit:${id}:contact_phone`), address: null, hasCommittee: 1,
          sortOrder: 1000 + orgRows.length * 10, createdAt: now, updatedAt: now,
        });
        return ref;
      };
      while (ids.townships.length < target.townships && spare.length) {
        const t = spare.shift()!;
        const township = add(ids.root, t.name, 'township');
        ids.townships.push(township);
        const used = new Set<string>();
        for (let v = 0; v < prng.int(9, 15); v++) {
          let name = '';
          do name = `${prng.pick(VILLAGE_FIRST)}${prng.pick(VILLAGE_SECOND)}村`; while (used.has(name));
          used.add(name);
          ids.villages.push(add(township, name, 'village'));
        }
        ids.communities.push(add(township, `${t.stem}社区`, 'community'));
        for (const s of [`${t.name}中心小学`, `${t.name}中学`, `${t.name}中心幼儿园`]) ids.schools.push(add(township, s, 'school'));
      }
      await db.transaction().execute((trx) => insertRows(trx, 'orgUnit', orgRows));
      const townshipOf = new Map<string, OrgRef>();
      const allNodes = [...ids.villages, ...ids.communities, ...ids.schools, ...ids.enterprises, ...ids.townships];
      for (const n of allNodes) {
        const t = ids.townships.find((tw) => n.path.startsWith(tw.path));
        if (t) townshipOf.set(n.id, t);
      }

      // ---- volunteers
      const existingVolunteers = await db.selectFrom('volunteer').select(['id', 'orgUnitId']).where('status', '=', 'active').execute();
      const volunteerIds = new Set((await db.selectFrom('volunteer').select('idNumberBidx').where('idNumberBidx', 'is not', null).execute()).map((r) => r.idNumberBidx));
      const addVolunteers = target.volunteers - (await count(db, 'volunteer'));
      const grassroots = [...ids.villages, ...ids.communities, ...ids.schools, ...ids.townships];
      const byTownship = new Map<string, string[]>();
      const serving: string[] = [];
      for (const v of existingVolunteers) {
        serving.push(v.id);
        const t = townshipOf.get(v.orgUnitId);
        if (t) byTownship.set(t.id, [...(byTownship.get(t.id) ?? []), v.id]);
      }
      for (let done = 0; done < addVolunteers; ) {
        const rows: Insertable<Database['volunteer']>[] = [];
        const specialties: Insertable<Database['volunteerSpecialty']>[] = [];
        for (; done < addVolunteers && rows.length < CHUNK; done++) {
          const id = bulkUuid(prng);
          const name = personName(prng);
          const keys = keysOf(name);
          const birthDate = `${prng.int(year - 88, year - 56)}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
          const male = prng.chance(0.62);
          let idNumber: string | null = null;
          let bidx: string | null = null;
          if (prng.chance(0.75)) {
            for (let tries = 0; tries < 20 && !idNumber; tries++) {
              const first17 = `${DEMO_COUNTY_CODE.slice(0, 6)}${birthDate.replaceAll('-', '')}${String(prng.int(0, 99)).padStart(2, '0')}${prng.int(0, 4) * 2 + (male ? 1 : 0)}`;
              const candidate = first17 + idNumberCheckChar(first17);
              const b = cipher.blindIndex(candidate, 'volunteer:id_number');
              if (!volunteerIds.has(b)) (idNumber = candidate), (bidx = b), volunteerIds.add(b);
            }
          }
          const node = prng.pick(grassroots);
          const status = weighted(prng, [['active', 86], ['paused', 8], ['left', 4], ['deceased', 2]]);
          rows.push({
            id, orgUnitId: node.id, userId: null, category: weighted(prng, [['teacher', 34], ['cadre', 28], ['veteran', 14], ['expert', 12], ['model', 12]]),
            name, namePinyin: keys.full, nameInitials: keys.initials, sex: male ? 'male' : 'female', birthDate,
            idNumberEnc: idNumber ? cipher.encrypt(idNumber, `volunteer:${id}:id_number`) : null, idNumberBidx: bidx,
            phoneEnc: prng.chance(0.85) ? cipher.encrypt(prng.mobile(), `volunteer:${id}:phone`) : null,
            formerPost: prng.pick(['教师', '校长', '科长', '乡长', '村党支部书记', '连长', '主任医师']), formerUnit: prng.pick(['县第一中学', '乡人民政府', '县人民医院', '县人民武装部']),
            politicalStatus: weighted(prng, [['cpc', 78], ['masses', 16], ['democratic', 6]]), health: weighted(prng, [['good', 60], ['fair', 32], ['poor', 8]]),
            availability: weighted(prng, [['weekly', 30], ['monthly', 45], ['occasional', 25]]), committeePost: 'none',
            joinDate: `${prng.int(2008, year - 1)}-${String(prng.int(1, 12)).padStart(2, '0')}-01`, status, remark: null, createdAt: now, updatedAt: now, createdBy: null,
          });
          for (const s of prng.sample(volunteerSpecialties, prng.int(1, 3))) specialties.push({ volunteerId: id, specialty: s });
          if (status === 'active') {
            serving.push(id);
            const t = townshipOf.get(node.id);
            if (t) byTownship.set(t.id, [...(byTownship.get(t.id) ?? []), id]);
          }
        }
        await db.transaction().execute(async (trx) => {
          await insertRows(trx, 'volunteer', rows);
          await insertRows(trx, 'volunteerSpecialty', specialties);
        });
      }
      log(`    volunteers: ${await count(db, 'volunteer')}`);

      // ---- care cases (with categories, history, a mentor and visits once past planning)
      const caseNodes = [...ids.villages, ...ids.communities, ...ids.schools.filter((s) => s.depth > 1)];
      const caseBidx = new Set((await db.selectFrom('careCase').select('idNumberBidx').where('idNumberBidx', 'is not', null).execute()).map((r) => r.idNumberBidx));
      const staff = [ids.users.township?.id, ids.users.office?.id].filter((x): x is string => Boolean(x));
      const addCases = target.cases - (await count(db, 'careCase'));
      for (let done = 0; done < addCases; ) {
        const cases: Insertable<Database['careCase']>[] = [];
        const cats: Insertable<Database['careCaseCategory']>[] = [];
        const changes: Insertable<Database['careCaseStatusChange']>[] = [];
        const pairs: Insertable<Database['careMentorship']>[] = [];
        const visits: Insertable<Database['careVisit']>[] = [];
        for (; done < addCases && cases.length < CHUNK / 2; done++) {
          const id = bulkUuid(prng);
          const node = prng.pick(caseNodes);
          const male = prng.chance(0.6);
          const name = personName(prng);
          const keys = keysOf(name);
          const age = prng.int(8, 22);
          const birthMs = nowMs - age * 365.25 * DAY - prng.int(0, 360) * DAY;
          const birth = isoDay(birthMs);
          let idNumber = '';
          let bidx = '';
          for (let tries = 0; tries < 50 && !bidx; tries++) {
            const first17 = `${DEMO_COUNTY_CODE.slice(0, 6)}${birth.replaceAll('-', '')}${String(prng.int(0, 499) * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
            const candidate = first17 + idNumberCheckChar(first17);
            const b = cipher.blindIndex(candidate, idNumberDomain);
            if (!caseBidx.has(b)) (idNumber = candidate), (bidx = b), caseBidx.add(b);
          }
          if (!bidx) continue;
          const categories = new Set<CareCaseCategory>([weighted(prng, CATEGORY_WEIGHTS)]);
          if (prng.chance(0.3)) categories.add(weighted(prng, CATEGORY_WEIGHTS));
          const status = weighted(prng, STATUS_WEIGHTS);
          const intake = isoDay(Math.max(nowMs - prng.int(10, 1000) * DAY, birthMs + 8 * 365 * DAY));
          const stage = ['intake', 'assessment', 'plan', 'in_progress', 'closed'].indexOf(status === 'reopened' ? 'closed' : status);
          const planMs = stage >= 2 ? Date.parse(intake) + prng.int(7, 45) * DAY : null;
          const closedMs = stage === 4 ? Math.min(nowMs - DAY, (planMs ?? Date.parse(intake)) + prng.int(90, 500) * DAY) : null;
          const outcome = status === 'closed' ? prng.pick(['stable', 'back_in_school', 'employed', 'relocated', 'aged_out']) : null;
          const by = staff.length ? prng.pick(staff) : null;
          const createdAt = `${intake}T02:00:00.000Z`;
          const t = townshipOf.get(node.id);
          const address = `${t?.name ?? ''}${node.name}${prng.int(1, 12)}组${prng.int(1, 60)}号`;
          cases.push({
            id, orgUnitId: node.id, name, namePinyin: keys.full, nameInitials: keys.initials, sex: male ? 'male' : 'female', birthDate: birth,
            idNumberEnc: cipher.encrypt(idNumber, caseAad(id, 'idNumber')), idNumberBidx: bidx,
            politicalStatus: age >= 14 && prng.chance(0.3) ? 'league' : 'masses',
            phoneEnc: age >= 14 && prng.chance(0.6) ? cipher.encrypt(prng.mobile(), caseAad(id, 'phone')) : null,
            householdAddressEnc: cipher.encrypt(address, caseAad(id, 'householdAddress')), currentAddressEnc: cipher.encrypt(address, caseAad(id, 'currentAddress')),
            schoolOrWork: age <= 18 ? `${t?.name ?? ''}中心小学` : '在家务农', guardianName: age < 18 ? personName(prng) : null, guardianRelation: age < 18 ? prng.pick(['父亲', '母亲', '祖父', '祖母']) : null,
            guardianPhoneEnc: age < 18 ? cipher.encrypt(prng.mobile(), caseAad(id, 'guardianPhone')) : null, contactsEnc: null,
            familySituationEnc: cipher.encrypt('父母常年在外务工，随祖父母生活', caseAad(id, 'familySituation')),
            riskLevel: categories.has('offender') ? prng.pick(['medium', 'high']) : prng.pick(['low', 'low', 'medium']),
            needsHelp: 1, guardianConsent: age < 14 ? 1 : prng.chance(0.5) ? 1 : 0, legalBasis: null,
            status, intakeDate: intake, planAt: planMs ? new Date(planMs).toISOString() : null, closedAt: closedMs ? new Date(closedMs).toISOString() : null,
            outcome, outcomeNote: null, closureOutcome: outcome, closureNote: null, closureRequestedBy: outcome ? by : null, closureRequestedAt: closedMs ? new Date(closedMs - 3 * DAY).toISOString() : null,
            mergedIntoId: null, source: 'import', createdBy: by, createdAt, updatedAt: closedMs ? new Date(closedMs).toISOString() : createdAt,
          });
          for (const c of categories) cats.push({ caseId: id, category: c });
          changes.push({ id: bulkUuid(prng), caseId: id, kind: 'created', fromStatus: null, toStatus: 'intake', note: null, at: createdAt, byUserId: by });
          if (stage > 0) changes.push({ id: bulkUuid(prng), caseId: id, kind: 'status', fromStatus: 'intake', toStatus: status, note: null, at: new Date(Date.parse(intake) + 5 * DAY).toISOString(), byUserId: by });
          const pool = (t && byTownship.get(t.id)) || serving;
          if (planMs && pool.length) {
            const mid = bulkUuid(prng);
            const start = planMs + prng.int(0, 10) * DAY;
            pairs.push({ id: mid, caseId: id, volunteerId: prng.pick(pool), role: 'lead', startOn: isoDay(start), endOn: closedMs ? isoDay(closedMs) : null, createdBy: by, createdAt: new Date(start).toISOString() });
            for (let k = prng.int(0, 3), when = start; k > 0 && when < nowMs; k--) {
              when += prng.int(10, 40) * DAY;
              const vid = bulkUuid(prng);
              visits.push({ id: vid, caseId: id, mentorshipId: mid, visitedOn: isoDay(Math.min(when, nowMs)), mode: prng.pick(['home', 'school', 'phone']), contentEnc: cipher.encrypt('入户了解学习和生活情况', visitAad(vid)), photoUploadIds: '[]', nextContactDue: isoDay(when + 14 * DAY), recordedBy: by, createdAt: new Date(Math.min(when, nowMs)).toISOString() });
            }
          }
        }
        await db.transaction().execute(async (trx) => {
          await insertRows(trx, 'careCase', cases);
          await insertRows(trx, 'careCaseCategory', cats);
          await insertRows(trx, 'careCaseStatusChange', changes);
          await insertRows(trx, 'careMentorship', pairs);
          await insertRows(trx, 'careVisit', visits);
        });
      }
      log(`    cases: ${await count(db, 'careCase')}`);

      // ---- activities with participants and the service record each participant gets
      const campaigns = (await db.selectFrom('campaign').select('id').execute()).map((r) => r.id);
      const bases = (await db.selectFrom('educationBase').select(['id', 'name']).execute());
      const office = ids.users.office?.id ?? null;
      const places = [
        ...ids.schools.map((n) => [n, 3] as const), ...ids.villages.map((n) => [n, 2] as const), ...ids.communities.map((n) => [n, 2] as const),
        ...ids.enterprises.map((n) => [n, 1] as const), ...ids.townships.map((n) => [n, 4] as const), [ids.root, 6] as const,
      ];
      const start = Date.parse(`${year - 2}-01-01T00:00:00Z`);
      const span = Math.max(1, Math.floor((nowMs - start) / DAY));
      const addActivities = target.activities - (await count(db, 'activity'));
      const postgres = platform.handle.dialect === 'postgres';
      // PostgreSQL: array inserts with the loaded tables' secondary indexes and foreign keys made again afterwards.
      const deferred = postgres ? await deferIndexes(db, ['activity', 'activity_volunteer', 'volunteer_service']) : undefined;
      const t0 = Date.now();
      for (let done = 0; done < addActivities; ) {
        const activities: Insertable<Database['activity']>[] = [];
        const participants: Insertable<Database['activityVolunteer']>[] = [];
        const service: Insertable<Database['volunteerService']>[] = [];
        for (; done < addActivities && activities.length < CHUNK; done++) {
          const id = bulkUuid(prng);
          const node = weighted(prng, places);
          const type = weighted(prng, ACTIVITY_TYPES);
          const date = isoDay(start + prng.int(0, span) * DAY);
          const at = `${date}T10:00:00.000Z`;
          const students = node.kind === 'school' || type === 'redEducation' || type === 'lawEducation' ? prng.int(20, 300) : prng.int(0, 40);
          const youth = prng.int(0, 30);
          const other = prng.int(0, 20);
          const base = (type === 'redEducation' || type === 'visit') && bases.length && prng.chance(0.5) ? prng.pick(bases) : undefined;
          const title = prng.pick(TITLES[type]);
          activities.push({
            id, type, studyLevel: type === 'studySession' ? prng.pick(['leaders', 'cadres', 'elders']) : null, title, activityDate: date,
            startTime: `${String(prng.int(8, 16)).padStart(2, '0')}:${prng.pick(['00', '30'])}`, endTime: null, orgUnitId: node.id,
            memberUnitId: prng.chance(0.08) && ids.memberUnits.length ? prng.pick(ids.memberUnits).id : null, venue: base ? null : node.name,
            baseId: base?.id ?? null, campaignId: campaigns.length && prng.chance(0.4) ? prng.pick(campaigns) : null, lectureRequestId: null,
            audienceStudents: students, audienceYouth: youth, audienceOther: other, audienceTotal: students + youth + other, summary: null,
            photoUploadIds: '[]', fileUploadIds: '[]', createdAt: at, updatedAt: at, createdBy: office,
          });
          const t = townshipOf.get(node.id);
          const pool = (t && byTownship.get(t.id)) || serving;
          prng.sample(pool, type === 'lecture' ? prng.int(1, 2) : prng.int(0, 2)).forEach((volunteerId, k) => {
            const role = type === 'lecture' && k === 0 ? 'lecturer' : 'participant';
            const hoursTenths = prng.int(2, 8) * 5;
            participants.push({ activityId: id, volunteerId, role, hoursTenths });
            service.push({ id: bulkUuid(prng), volunteerId, source: 'activity', sourceId: id, teamId: null, serviceDate: date, hoursTenths, description: `${role === 'lecturer' ? '主讲' : '参与'}：${title}`, reason: null, createdAt: at, createdBy: office });
          });
        }
        await db.transaction().execute(async (trx) => {
          if (postgres) {
            await unnestInsert(trx, 'activity', activities);
            await unnestInsert(trx, 'activity_volunteer', participants);
            await unnestInsert(trx, 'volunteer_service', service);
          } else {
            await insertRows(trx, 'activity', activities);
            await insertRows(trx, 'activityVolunteer', participants);
            await insertRows(trx, 'volunteerService', service);
          }
        });
        if (done % 200_000 < CHUNK) log(`    activities: +${done} (${Math.round(done / ((Date.now() - t0) / 1000))} rows/s)`);
      }
      if (deferred) {
        log('    rebuilding the deferred indexes and foreign keys …');
        await deferred.restore(log);
      }
      return { benchTownships: ids.townships.length, benchVolunteers: target.volunteers, benchCases: target.cases, benchActivities: target.activities };
    },
  };
}

async function count(db: Executor, table: 'volunteer' | 'careCase' | 'activity'): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface Generated {
  scale: Scale;
  db: DbKind;
  dataDir: string;
  databaseUrl?: string;
  seconds: number;
  counts: Record<string, number>;
  generatedAt: string;
}

/**
 * The server's environment for a benchmark. No scheduled jobs (GG_JOB_TICK_SECONDS=0): the daily backup and audit-chain
 * check fall due on the first start of a day and ran inside the first measured endpoint — a sixth of the server's CPU
 * in one profile. A real server runs them once a day; the bench measures the requests.
 */
export function benchEnv(dataDir: string, databaseUrl?: string): NodeJS.ProcessEnv {
  return { DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', GG_LOG_LEVEL: 'silent', GG_DEMO: '0', PORT: '0', GG_ADMIN_PASSWORD: 'Bench@Pass2026x', GG_JOB_TICK_SECONDS: '0' };
}

/** The cached database for this scale, generating it first when missing. */
export async function ensureGenerated(scale: Scale, kind: DbKind, databaseUrl: string | undefined, log: (m: string) => void): Promise<Generated> {
  if (scale === 'province' && kind !== 'postgres') throw new Error('province scale runs on PostgreSQL only (--db postgres)');
  const dataDir = path.join(CACHE_ROOT, `${scale}-${kind}`);
  const marker = path.join(dataDir, 'generated.json');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as Generated;
  // A half-written one (interrupted run) is thrown away.
  if (kind === 'sqlite') fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const config: Config = loadConfig(benchEnv(dataDir, databaseUrl));
  log(`generating ${scale} on ${kind} in ${dataDir} …`);
  const t0 = performance.now();
  // The platform without its HTTP app: migrated and bootstrapped exactly as the server does it.
  const platform = await createPlatform(config);
  await bootstrap(platform);
  const result = await generateDemoCounty(platform, { seed: BENCH_SEED, scale: 1, steps: [...demoSteps, bulkStep(scale, log)], log });
  log('  rebuilding summary tables …');
  await rebuildSummaries(platform);
  if (platform.handle.sqlite) platform.handle.sqlite.exec('ANALYZE');
  else await sql`ANALYZE`.execute(platform.db);
  await platform.handle.close();
  const generated: Generated = {
    scale, db: kind, dataDir, databaseUrl, seconds: (performance.now() - t0) / 1000, counts: result.counts, generatedAt: new Date().toISOString(),
  };
  fs.writeFileSync(marker, JSON.stringify(generated, null, 2));
  log(`  generated in ${generated.seconds.toFixed(0)} s`);
  return generated;
}

export type { Platform };

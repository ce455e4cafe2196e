import type { Insertable } from 'kysely';
import { idNumberCheckChar, parseIdNumber, trainingEducations, type TrainingIndustry } from '@gg/shared';
import type {
  TrainingAttendanceTable, TrainingClassPartnerTable, TrainingClassTable, TrainingDemandTable, TrainingEnrolmentTable, TrainingFollowUpTable,
  TrainingSessionTable, TrainingTrainerTable, VolunteerServiceTable,
} from '../../platform/db/schema.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import type { DemoStep } from '../context.js';
import { DEMO_COUNTY_CODE, personName } from '../names.js';
// The same AADs and blind-index domain the training module uses (the demo writes rows directly).
import { ID_NUMBER_DOMAIN, enrolmentAad, followUpDue } from '../../modules/training/presenter.js';
import { decryptField } from '../../modules/careCases/presenter.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const CLASSES: { industry: TrainingIndustry; title: string; skill: string; unit: string }[] = [
  { industry: 'navelOrange', title: '脐橙标准化种植与病虫害防治培训班', skill: '脐橙栽培', unit: '农业' },
  { industry: 'ecommerce', title: '农村电商与直播带货培训班', skill: '电商直播', unit: '商务' },
  { industry: 'electronics', title: '电子装配工岗前技能培训班', skill: '电子装配', unit: '人社' },
  { industry: 'tourism', title: '红色旅游讲解员与民宿服务培训班', skill: '旅游讲解', unit: '文' },
  { industry: 'homeCare', title: '育婴员与养老护理员培训班', skill: '养老护理', unit: '人社' },
  { industry: 'catering', title: '中式烹调与客家菜技能培训班', skill: '中式烹调', unit: '人社' },
  { industry: 'construction', title: '电工与焊工实操培训班', skill: '电工焊工', unit: '住' },
  { industry: 'agriculture', title: '高素质青年农民与合作社带头人培训班', skill: '种养殖与合作社经营', unit: '农业' },
  { industry: 'logistics', title: '快递物流与仓储管理培训班', skill: '仓储物流', unit: '商务' },
];
const EMPLOYERS: Record<TrainingIndustry, string[]> = {
  navelOrange: ['赣南脐橙专业合作社', '绿源果业有限公司', '家庭果园'], agriculture: ['富民蔬菜合作社', '生态养殖场', '家庭农场'],
  ecommerce: ['县电商产业园', '橙乡优品网店', '乡村振兴直播基地'], electronics: ['县电子信息产业园某电子厂', '精密电子有限公司'],
  tourism: ['红色教育培训中心', '古村民宿', '县旅游集团'], homeCare: ['县社会福利院', '惠民家政公司'], catering: ['客家酒楼', '县城快餐店'],
  construction: ['县建筑工程公司', '装饰装修队'], logistics: ['县物流园', '乡镇快递网点'], other: ['个体经营'],
};
const TOPICS = ['政策与安全教育', '理论讲授', '现场实操', '案例教学', '企业参观', '技能考核'];

/**
 * About three dozen skills-training classes over three years, each with partner units, trainers (some elder
 * volunteers, whose hours are written as 'training' service), sessions and attendance, trainees (some of them
 * unemployed young people of the care cases, linked to their case), completion and 3/6/12-month follow-ups.
 */
export const trainingStep: DemoStep = {
  name: 'training',
  label: '青少年技能培训',
  async run(ctx): Promise<Record<string, number>> {
    const { prng, ids, platform, now } = ctx;
    const { cipher, db } = platform;
    const nowMs = Date.parse(now);
    const today = iso(nowMs + 8 * 3600_000);
    const thisYear = Number(today.slice(0, 4));
    if (!ids.townships.length) return { trainingClasses: 0 };
    const office = ids.users.office?.id ?? null;
    const township = ids.users.township?.id ?? office;
    const unitFor = (key: string) => ids.memberUnits.find((m) => m.name.includes(key) || m.shortName.includes(key));
    const volunteers = await db.selectFrom('volunteer').select(['id', 'name', 'orgUnitId']).where('status', '=', 'active').orderBy('id').limit(400).execute();
    const caseRows = await db
      .selectFrom('careCase')
      .innerJoin('careCaseCategory', 'careCaseCategory.caseId', 'careCase.id')
      .select(['careCase.id', 'careCase.name', 'careCase.idNumberEnc', 'careCase.orgUnitId', 'careCase.birthDate'])
      .where('careCaseCategory.category', '=', 'unemployed')
      .where('careCase.birthDate', '<=', `${thisYear - 16}-12-31`)
      .orderBy('careCase.id')
      .limit(300)
      .execute();
    const orgPaths = new Map((await db.selectFrom('orgUnit').select(['id', 'path']).execute()).map((o) => [o.id, o.path]));
    const casesByTownship = new Map<string, typeof caseRows>();
    for (const c of caseRows) {
      const t = ids.townships.find((tw) => (orgPaths.get(c.orgUnitId) ?? '').startsWith(tw.path));
      if (t) casesByTownship.set(t.id, [...(casesByTownship.get(t.id) ?? []), c]);
    }

    const demands: Insertable<TrainingDemandTable>[] = [];
    const classes: Insertable<TrainingClassTable>[] = [];
    const partners: Insertable<TrainingClassPartnerTable>[] = [];
    const trainers: Insertable<TrainingTrainerTable>[] = [];
    const sessions: Insertable<TrainingSessionTable>[] = [];
    const people: Insertable<TrainingEnrolmentTable>[] = [];
    const attendance: Insertable<TrainingAttendanceTable>[] = [];
    const follow: Insertable<TrainingFollowUpTable>[] = [];
    const service: Insertable<VolunteerServiceTable>[] = [];

    for (let year = thisYear - 2; year <= thisYear; year++) {
      for (const c of CLASSES) {
        const unit = unitFor(c.unit);
        demands.push({
          id: prng.uuid(), industry: c.industry, skill: c.skill, headcount: prng.int(3, 12) * 10, year, period: prng.pick(['全年', '上半年', '下半年', '春季用工高峰']),
          memberUnitId: unit?.id ?? null, employer: prng.pick(EMPLOYERS[c.industry]), note: null, createdAt: now, updatedAt: now, createdBy: office,
        });
      }
    }
    const used = new Set<string>();
    let seq = 0;
    for (let year = thisYear - 2; year <= thisYear; year++) {
      for (let k = 0; k < 12; k++) {
        const spec = CLASSES[(k + year) % CLASSES.length];
        const tw = ids.townships[(k * 3 + year) % ids.townships.length];
        const atCounty = k % 4 === 0;
        const startMs = Date.parse(`${year}-01-01T00:00:00Z`) + (15 + k * 28 + prng.int(0, 10)) * DAY;
        const days = prng.int(5, 20);
        const startDate = iso(startMs);
        const endDate = iso(startMs + days * DAY);
        const status = endDate < today ? 'finished' : startDate <= today ? 'running' : Date.parse(startDate) - nowMs < 30 * DAY ? 'enrolling' : 'planned';
        const id = prng.uuid();
        const capacity = prng.int(3, 6) * 5;
        const createdAt = new Date(startMs - 30 * DAY).toISOString();
        classes.push({
          id, orgUnitId: atCounty ? ids.root.id : tw.id, title: `${atCounty ? '' : tw.name}${year}年${spec.title}`, skill: spec.skill, industry: spec.industry,
          venue: atCounty ? '县职业中专实训楼' : `${tw.name}党群服务中心`, startDate, endDate, capacity, fundingFen: prng.int(4, 30) * 100_000,
          fundingSource: prng.pick(['县人社局职业技能提升资金', '县关工委', '乡村振兴衔接资金', '团县委']), minAttendancePct: 80, description: null,
          status, finishedAt: status === 'finished' ? new Date(Date.parse(endDate) + DAY).toISOString() : null, createdAt, updatedAt: createdAt, createdBy: atCounty ? office : township,
        });
        const unit = unitFor(spec.unit);
        if (unit) partners.push({ classId: id, memberUnitId: unit.id });
        const trainerIds: { id: string; volunteerId: string | null }[] = [];
        const elder = volunteers.length ? volunteers[(seq * 7) % volunteers.length] : null;
        if (elder && prng.chance(0.6)) trainerIds.push({ id: prng.uuid(), volunteerId: elder.id });
        trainerIds.push({ id: prng.uuid(), volunteerId: null });
        trainerIds.forEach((t, i) => trainers.push({ id: t.id, classId: id, name: t.volunteerId ? elder!.name : `${personName(prng)}（${spec.skill}讲师）`, volunteerId: t.volunteerId, sortOrder: i }));

        // Trainees: a few from the township's unemployed care cases, the rest generated.
        const size = status === 'planned' ? prng.int(0, 5) : Math.min(capacity, prng.int(capacity - 6, capacity));
        const pool = (casesByTownship.get(tw.id) ?? []).filter((c) => !used.has(c.id));
        const enrolled: { id: string; ok: boolean }[] = [];
        for (let i = 0; i < size; i++) {
          const eid = prng.uuid();
          const fromCase = i < 3 && pool[i] && prng.chance(0.7) ? pool[i] : null;
          let name: string;
          let idNumber: string | null = null;
          if (fromCase) {
            used.add(fromCase.id);
            name = fromCase.name;
            idNumber = decryptField(cipher, fromCase as never, 'idNumber');
          } else name = personName(prng);
          if (!idNumber) {
            const birth = `${year - prng.int(16, 28)}${String(prng.int(1, 12)).padStart(2, '0')}${String(prng.int(1, 28)).padStart(2, '0')}`;
            const first17 = `${DEMO_COUNTY_CODE.slice(0, 6)}${birth}${String(prng.int(500, 999)).padStart(3, '0')}`;
            idNumber = first17 + idNumberCheckChar(first17);
          }
          const parsed = parseIdNumber(idNumber);
          if (!parsed.ok) continue;
          const attendRate = prng.chance(0.85) ? 0.95 : 0.5;
          const queuedAt = new Date(startMs - (20 - i * 0.01) * DAY).toISOString();
          people.push({
            id: eid, classId: id, careCaseId: fromCase?.id ?? null, name, namePinyin: pinyinKeys(name).full, sex: parsed.info.sex, birthDate: parsed.info.birthDate,
            idNumberEnc: cipher.encrypt(idNumber, enrolmentAad(eid, 'idNumber')), idNumberBidx: cipher.blindIndex(idNumber, ID_NUMBER_DOMAIN),
            phoneEnc: prng.chance(0.8) ? cipher.encrypt(prng.mobile(), enrolmentAad(eid, 'phone')) : null, education: prng.pick(trainingEducations),
            status: 'enrolled', queuedAt, certificateNo: null, createdAt: queuedAt, updatedAt: queuedAt, createdBy: atCounty ? office : township,
          });
          enrolled.push({ id: eid, ok: attendRate > 0.9 });
        }
        // Sessions: held up to today; attendance for each.
        const count = Math.max(3, Math.min(8, Math.ceil(days / 2)));
        const held: string[] = [];
        for (let s = 0; s < count; s++) {
          const sid = prng.uuid();
          const date = iso(startMs + Math.floor((s * days) / count) * DAY);
          const isHeld = date <= today && status !== 'planned' && status !== 'enrolling';
          const trainer = trainerIds[s % trainerIds.length];
          const hours = prng.pick([2, 3, 4]);
          sessions.push({ id: sid, classId: id, sessionDate: date, topic: TOPICS[s % TOPICS.length], hoursTenths: hours * 10, trainerId: trainer.id, heldAt: isHeld ? new Date(Date.parse(date) + 18 * 3600_000).toISOString() : null, createdAt });
          if (!isHeld) continue;
          held.push(sid);
          for (const p of enrolled) attendance.push({ sessionId: sid, enrolmentId: p.id, present: prng.chance(p.ok ? 0.97 : 0.5) ? 1 : 0 });
          if (trainer.volunteerId) {
            service.push({ id: prng.uuid(), volunteerId: trainer.volunteerId, source: 'training', sourceId: sid, teamId: null, serviceDate: date, hoursTenths: hours * 10, description: `技能培训授课：${spec.title}（${TOPICS[s % TOPICS.length]}）`.slice(0, 200), reason: null, createdAt, createdBy: office });
          }
        }
        // Finished: the completion rule (80 % of the held sessions), certificates, follow-ups that fell due.
        if (status === 'finished') {
          let n = 0;
          for (const p of enrolled) {
            const row = people.find((x) => x.id === p.id)!;
            const present = attendance.filter((a) => a.enrolmentId === p.id && a.present).length;
            const ok = present * 100 >= held.length * 80;
            row.status = ok ? 'completed' : 'not_completed';
            if (ok) row.certificateNo = `PX${year}-${id.slice(0, 6).toUpperCase()}-${String(++n).padStart(3, '0')}`;
            let employed = false;
            for (const month of [3, 6, 12]) {
              const due = followUpDue(endDate, month);
              if (due > today || prng.chance(0.08)) continue;
              const roll = prng.next();
              employed = employed || roll < (ok ? 0.45 + month / 60 : 0.25);
              const outcome = employed ? (prng.chance(0.15) ? 'business' : 'employed') : roll < 0.85 ? 'seeking' : 'school';
              const inIndustry = prng.chance(0.7);
              const industry = outcome === 'employed' || outcome === 'business' ? (inIndustry ? spec.industry : prng.pick(CLASSES).industry) : null;
              const recorded = iso(Date.parse(due) + prng.int(0, 20) * DAY);
              follow.push({
                id: prng.uuid(), enrolmentId: p.id, month, outcome, employer: industry ? prng.pick(EMPLOYERS[industry]) : null, industry, note: null,
                recordedOn: recorded > today ? today : recorded, createdAt: now, createdBy: township,
              });
            }
          }
        }
        seq++;
      }
    }
    await ctx.insert('trainingDemand', demands);
    await ctx.insert('trainingClass', classes);
    await ctx.insert('trainingClassPartner', partners);
    await ctx.insert('trainingTrainer', trainers);
    await ctx.insert('trainingSession', sessions);
    await ctx.insert('trainingEnrolment', people);
    await ctx.insert('trainingAttendance', attendance);
    await ctx.insert('trainingFollowUp', follow);
    await ctx.insert('volunteerService', service);
    ids.more.trainingClass = classes.map((c) => c.id);
    return { trainingClasses: classes.length, trainees: people.length, linkedToCases: people.filter((p) => p.careCaseId).length, followUps: follow.length };
  },
};

import type { Insertable } from 'kysely';
import { idNumberCheckChar, type CareCaseCategory } from '@gg/shared';
import type {
  CareAssistanceTable, CareCaseCategoryTable, CareCaseGoalTable, CareCaseNeedTable, CareCaseOffenceTable, CareCaseScreeningTable,
  CareCaseStatusChangeTable, CareCaseTable, CareMentorshipTable, CareVisitTable,
} from '../../platform/db/schema.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import type { DemoStep, OrgRef } from '../context.js';
import { DEMO_COUNTY_CODE, personName } from '../names.js';
import type { Prng } from '../prng.js';
// The same AADs and blind-index domain the careCases module uses (the demo writes rows directly).
import { caseAad } from '../../modules/careCases/presenter.js';
import { idNumberDomain } from '../../modules/careCases/repository.js';
import { offenceAad } from '../../modules/careCases/service.js';
import { screeningAad, visitAad } from '../../modules/careCases/caseWork.js';

const TARGET = 2400;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const CATEGORY_WEIGHTS: [CareCaseCategory, number][] = [['unsupervised', 34], ['dropout', 22], ['bereaved', 18], ['unemployed', 16], ['offender', 10]];
const STATUS_WEIGHTS: [string, number][] = [['intake', 8], ['assessment', 9], ['plan', 9], ['in_progress', 50], ['closed', 21], ['reopened', 3]];
const FAMILY = [
  '父母常年在外务工，随祖父母生活，祖父年迈多病', '父亲因病去世，母亲改嫁，由叔叔代为照看', '父母离异，随父亲生活，父亲打零工收入不稳定',
  '单亲家庭，母亲在县城务工，放学后无人看管', '父母均在外省务工，每年春节回家一次', '家庭低保户，住房为旧土坯房', '父亲服刑，母亲外出，由外婆照顾',
  '父母双亡，由姑姑抚养，享受孤儿基本生活保障', '家中有两个弟妹，本人初中毕业后在家务农',
];
const SCHOOLS = ['中心小学', '初级中学', '县第二中学', '县职业中专', '县实验中学'];
const WORK = ['县电子厂（学徒）', '镇上汽修店', '在家务农', '外出务工（广东）', '待业'];
const NEEDS: [string, string][] = [
  ['education', '需要学费和生活费资助'], ['hardship', '冬季缺少被褥衣物'], ['employment', '希望学一门技术，找到稳定工作'],
  ['psychological', '性格内向，需要心理疏导'], ['guardianship', '监护人年老，需要村里协助照看'], ['legal', '需要法律援助咨询'],
];
const GOALS = ['秋季学期按时复学', '学会一门职业技能', '每周与帮扶人联系一次', '参加县职业中专短期培训', '改善与家人的关系', '期末成绩提高十名', '找到稳定工作'];
const VISIT_TEXT = [
  '入户了解学习和生活情况，孩子精神状态良好', '到校与班主任沟通，近期出勤正常', '电话联系，询问近况，提醒按时作息', '讲述革命前辈的故事，鼓励好好学习',
  '辅导数学作业，约定下周再来', '与监护人谈心，交流教育方法', '视频通话，了解在外务工情况', '送去学习用品，鼓励参加兴趣小组',
];
const SOURCES = ['县关工委助学金', '民政局临时救助', '人社局就业补贴', '团县委希望工程', '县慈善会', '爱心企业捐助', '乡镇关工委'];
const OFFENCES = ['盗窃电动车一辆', '参与打架斗殴致他人轻微伤', '寻衅滋事', '网络诈骗帮助取款', '抢夺他人手机'];

function weighted<T>(prng: Prng, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = prng.next() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}

/**
 * A few thousand care cases across categories, statuses and townships, with mentors (from the volunteers
 * step), visits, screenings, needs, plan goals and assistance. ID numbers are valid and fictitious:
 * the county's region code, a birth date, a sequence and the GB 11643 check character; stored encrypted.
 */
export const careCasesStep: DemoStep = {
  name: 'careCases',
  label: '关爱帮扶对象',
  async run(ctx): Promise<Record<string, number>> {
    const { prng, ids, platform, now } = ctx;
    const { cipher, db } = platform;
    const nowMs = Date.parse(now);
    const nodes: OrgRef[] = [...ids.villages, ...ids.communities, ...ids.schools.filter((s) => s.depth > 1)];
    if (!nodes.length) return { careCases: 0 };
    const townshipOf = (n: OrgRef) => ids.townships.find((t) => n.path.startsWith(t.path));
    const volunteers = await db.selectFrom('volunteer').select(['id', 'orgUnitId', 'userId']).where('status', '=', 'active').execute();
    const orgPath = new Map([...nodes, ...ids.townships, ids.root].map((n) => [n.id, n.path]));
    const volunteerNodes = await db.selectFrom('orgUnit').select(['id', 'path']).where('id', 'in', [...new Set(volunteers.map((v) => v.orgUnitId)), ids.root.id]).execute();
    for (const n of volunteerNodes) orgPath.set(n.id, n.path);
    const volunteersByTownship = new Map<string, typeof volunteers>();
    for (const v of volunteers) {
      const t = ids.townships.find((tw) => (orgPath.get(v.orgUnitId) ?? '').startsWith(tw.path));
      if (t) volunteersByTownship.set(t.id, [...(volunteersByTownship.get(t.id) ?? []), v]);
    }
    const demoMentor = volunteers.find((v) => v.userId && v.userId === ids.users.volunteer?.id);
    const staff = [ids.users.township?.id, ids.users.office?.id, ids.users.liaison?.id].filter((x): x is string => Boolean(x));

    const cases: Insertable<CareCaseTable>[] = [];
    const cats: Insertable<CareCaseCategoryTable>[] = [];
    const changes: Insertable<CareCaseStatusChangeTable>[] = [];
    const offences: Insertable<CareCaseOffenceTable>[] = [];
    const screenings: Insertable<CareCaseScreeningTable>[] = [];
    const needs: Insertable<CareCaseNeedTable>[] = [];
    const goals: Insertable<CareCaseGoalTable>[] = [];
    const pairs: Insertable<CareMentorshipTable>[] = [];
    const visits: Insertable<CareVisitTable>[] = [];
    const help: Insertable<CareAssistanceTable>[] = [];
    const usedIds = new Set<string>();
    const target = Math.round(TARGET * Math.min(ctx.options.scale, 3));

    for (let i = 0; i < target; i++) {
      const id = prng.uuid();
      const node = prng.pick(nodes);
      const male = prng.chance(0.6);
      const name = personName(prng);
      const age = prng.int(8, 22);
      const birthMs = nowMs - age * 365.25 * DAY - prng.int(0, 360) * DAY;
      const birth = iso(birthMs);
      let idNumber = '';
      for (let tries = 0; !idNumber || usedIds.has(idNumber); tries++) {
        const seq = prng.int(0, 499) * 2 + (male ? 1 : 0);
        const first17 = `${DEMO_COUNTY_CODE.slice(0, 6)}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
        idNumber = first17 + idNumberCheckChar(first17);
        if (tries > 20) break;
      }
      if (usedIds.has(idNumber)) continue;
      usedIds.add(idNumber);
      const first = weighted(prng, CATEGORY_WEIGHTS);
      const categories = new Set<CareCaseCategory>([first]);
      if (prng.chance(0.3)) categories.add(weighted(prng, CATEGORY_WEIGHTS));
      if (age < 16 && categories.has('unemployed')) categories.delete('unemployed'), categories.add('dropout');
      const status = weighted(prng, STATUS_WEIGHTS);
      const intakeMs = nowMs - prng.int(10, 1000) * DAY;
      const intake = iso(Math.max(intakeMs, birthMs + 8 * 365 * DAY));
      const stage = ['intake', 'assessment', 'plan', 'in_progress', 'closed'].indexOf(status === 'reopened' ? 'closed' : status);
      const planMs = stage >= 2 ? Date.parse(intake) + prng.int(7, 45) * DAY : null;
      const closedMs = status === 'closed' || status === 'reopened' ? Math.min(nowMs - DAY, (planMs ?? Date.parse(intake)) + prng.int(90, 500) * DAY) : null;
      const outcome = status === 'closed'
        ? categories.has('dropout') ? (prng.chance(0.7) ? 'back_in_school' : 'stable') : categories.has('unemployed') ? (prng.chance(0.7) ? 'employed' : 'stable') : prng.pick(['stable', 'stable', 'relocated', 'aged_out'])
        : null;
      const keys = pinyinKeys(name);
      const township = townshipOf(node);
      const school = age <= 18 && !categories.has('unemployed') ? `${township?.name ?? ''}${prng.pick(SCHOOLS)}` : prng.pick(WORK);
      const by = prng.pick(staff.length ? staff : [null as unknown as string]) ?? null;
      const createdAt = `${intake}T02:00:00.000Z`;
      const address = `${township?.name ?? ''}${node.name}${prng.int(1, 12)}组${prng.int(1, 60)}号`;
      cases.push({
        id, orgUnitId: node.id, name, namePinyin: keys.full, nameInitials: keys.initials, sex: male ? 'male' : 'female', birthDate: birth,
        idNumberEnc: cipher.encrypt(idNumber, caseAad(id, 'idNumber')), idNumberBidx: cipher.blindIndex(idNumber, idNumberDomain),
        politicalStatus: age >= 14 && prng.chance(0.3) ? 'league' : 'masses',
        phoneEnc: age >= 14 && prng.chance(0.6) ? cipher.encrypt(prng.mobile(), caseAad(id, 'phone')) : null,
        householdAddressEnc: cipher.encrypt(address, caseAad(id, 'householdAddress')),
        currentAddressEnc: cipher.encrypt(prng.chance(0.8) ? address : `县城${prng.pick(['人民路', '建设路', '文昌路'])}${prng.int(1, 200)}号`, caseAad(id, 'currentAddress')),
        schoolOrWork: school, guardianName: age < 18 ? personName(prng) : null, guardianRelation: age < 18 ? prng.pick(['父亲', '母亲', '祖父', '祖母', '外婆', '叔叔']) : null,
        guardianPhoneEnc: age < 18 ? cipher.encrypt(prng.mobile(), caseAad(id, 'guardianPhone')) : null, contactsEnc: null,
        familySituationEnc: cipher.encrypt(prng.pick(FAMILY), caseAad(id, 'familySituation')),
        riskLevel: categories.has('offender') ? prng.pick(['medium', 'high']) : prng.pick(['low', 'low', 'medium']),
        needsHelp: 1, guardianConsent: age < 14 ? 1 : prng.chance(0.5) ? 1 : 0, legalBasis: null,
        status, intakeDate: intake, planAt: planMs ? new Date(planMs).toISOString() : null, closedAt: closedMs ? new Date(closedMs).toISOString() : null,
        outcome, outcomeNote: null, closureOutcome: outcome, closureNote: null, closureRequestedBy: outcome ? by : null, closureRequestedAt: closedMs ? new Date(closedMs - 3 * DAY).toISOString() : null,
        mergedIntoId: null, source: prng.chance(0.3) ? 'import' : 'manual', createdBy: by, createdAt, updatedAt: now,
      });
      for (const c of categories) cats.push({ caseId: id, category: c });
      changes.push({ id: prng.uuid(), caseId: id, kind: 'created', fromStatus: null, toStatus: 'intake', note: null, at: createdAt, byUserId: by });
      const flow = ['intake', 'assessment', 'plan', 'in_progress'];
      for (let k = 1; k <= Math.min(stage, 3); k++) {
        const at = k === 2 && planMs ? new Date(planMs).toISOString() : new Date(Date.parse(intake) + k * 5 * DAY).toISOString();
        changes.push({ id: prng.uuid(), caseId: id, kind: 'status', fromStatus: flow[k - 1], toStatus: flow[k], note: null, at, byUserId: by });
      }
      if (closedMs) {
        changes.push({ id: prng.uuid(), caseId: id, kind: 'closureRequested', fromStatus: 'in_progress', toStatus: null, note: null, at: new Date(closedMs - 3 * DAY).toISOString(), byUserId: by });
        changes.push({ id: prng.uuid(), caseId: id, kind: 'closureDecided', fromStatus: 'in_progress', toStatus: 'closed', note: '同意结案', at: new Date(closedMs).toISOString(), byUserId: ids.users.office?.id ?? null });
      }
      if (status === 'reopened') changes.push({ id: prng.uuid(), caseId: id, kind: 'status', fromStatus: 'closed', toStatus: 'reopened', note: '情况反复，重新启动帮扶', at: new Date(nowMs - prng.int(1, 30) * DAY).toISOString(), byUserId: by });
      if (categories.has('offender') && prng.chance(0.8)) {
        const oid = prng.uuid();
        offences.push({ id: oid, caseId: id, detailsEnc: cipher.encrypt(JSON.stringify({ offenceDate: iso(Date.parse(intake) - prng.int(30, 300) * DAY), narrative: prng.pick(OFFENCES), disposition: prng.pick(['附条件不起诉', '训诫', '社区矫正', '治安处罚']) }), offenceAad(oid)), createdAt, updatedAt: createdAt, updatedBy: by });
      }
      if (stage >= 1) {
        for (let k = 0; k < prng.int(1, 2); k++) {
          const sid = prng.uuid();
          const risk = prng.chance(0.4);
          const screenedMs = Math.min(nowMs, Date.parse(intake) + prng.int(3, 200) * DAY);
          screenings.push({
            id: sid, caseId: id, screenedOn: iso(screenedMs), riskFound: risk ? 1 : 0, riskLevel: risk ? prng.pick(['medium', 'high']) : 'low',
            reoffended: categories.has('offender') && prng.chance(0.08) ? 1 : 0,
            descriptionEnc: cipher.encrypt(risk ? '发现与社会闲散人员交往，夜不归宿' : '情况稳定，未发现风险', screeningAad(sid, 'description')),
            handlingEnc: risk ? cipher.encrypt('约谈监护人，安排帮扶人加密走访', screeningAad(sid, 'handling')) : null,
            screenedBy: prng.pick(['村治保主任', '乡镇专干', '派出所民警', '班主任']), createdBy: by, createdAt: new Date(screenedMs).toISOString(),
          });
        }
        const [kind, text] = prng.pick(NEEDS);
        needs.push({ id: prng.uuid(), caseId: id, kind, description: text, resolvedOn: closedMs || prng.chance(0.3) ? iso(Math.min(nowMs, Date.parse(intake) + prng.int(30, 300) * DAY)) : null, createdBy: by, createdAt });
      }
      if (planMs) {
        for (const g of prng.sample(GOALS, prng.int(1, 3))) {
          const due = planMs + prng.int(30, 240) * DAY;
          goals.push({ id: prng.uuid(), caseId: id, goal: g, dueOn: iso(due), doneOn: closedMs || (due < nowMs && prng.chance(0.6)) ? iso(Math.min(due, nowMs)) : null, createdBy: by, createdAt: new Date(planMs).toISOString() });
        }
        const pool = (township && volunteersByTownship.get(township.id)) || volunteers;
        const mentorCount = pool.length ? (prng.chance(0.2) ? 2 : 1) : 0;
        const chosen = prng.sample(pool, mentorCount);
        if (demoMentor && pool.includes(demoMentor) && i % 40 === 0 && !chosen.includes(demoMentor)) chosen[0] = demoMentor;
        chosen.forEach((v, k) => {
          const mid = prng.uuid();
          const start = planMs + prng.int(0, 10) * DAY;
          const end = closedMs ?? null;
          pairs.push({ id: mid, caseId: id, volunteerId: v.id, role: k === 0 ? 'lead' : 'assistant', startOn: iso(start), endOn: end ? iso(end) : null, createdBy: by, createdAt: new Date(start).toISOString() });
          // Most pairs keep in touch every 1–4 weeks; some have gone quiet (they show up as no-contact alerts).
          const quiet = !end && prng.chance(0.15) ? prng.int(15, 60) * DAY : 0;
          const stop = (end ?? nowMs) - quiet;
          for (let t = start + prng.int(3, 20) * DAY; t < stop; t += prng.int(10, 40) * DAY) {
            const vid = prng.uuid();
            visits.push({
              id: vid, caseId: id, mentorshipId: mid, visitedOn: iso(t), mode: prng.pick(['home', 'home', 'school', 'phone', 'online']),
              contentEnc: cipher.encrypt(prng.pick(VISIT_TEXT), visitAad(vid)), photoUploadIds: '[]', nextContactDue: iso(t + 14 * DAY), recordedBy: by, createdAt: new Date(t).toISOString(),
            });
          }
        });
        if (prng.chance(0.55)) {
          for (let k = 0; k < prng.int(1, 3); k++) {
            const kind = categories.has('dropout') ? 'education' : categories.has('unemployed') ? 'employment' : prng.pick(['education', 'hardship', 'hardship']);
            const paid = Math.min(nowMs - DAY, planMs + prng.int(5, 400) * DAY);
            const goods = prng.chance(0.25) ? prng.pick(['书包文具一套', '棉被两床', '米油一批', '校服两套']) : null;
            help.push({
              id: prng.uuid(), caseId: id, kind, amountFen: goods && prng.chance(0.5) ? 0 : prng.int(2, 30) * 10000, goods,
              fundingSource: prng.pick(SOURCES), approvedBy: prng.pick(['县关工委办公室', '乡镇关工委', '民政办']), paidOn: iso(paid), receiptUploadId: null,
              employmentResult: kind === 'employment' && prng.chance(0.6) ? prng.pick(['入职县电子厂', '开办网店', '在汽修店当学徒', '参加技能培训后就业']) : null,
              note: null, recordedBy: by, createdAt: new Date(paid).toISOString(),
            });
          }
        }
      }
    }
    await ctx.insert('careCase', cases);
    await ctx.insert('careCaseCategory', cats);
    await ctx.insert('careCaseStatusChange', changes);
    await ctx.insert('careCaseOffence', offences);
    await ctx.insert('careCaseScreening', screenings);
    await ctx.insert('careCaseNeed', needs);
    await ctx.insert('careCaseGoal', goals);
    await ctx.insert('careMentorship', pairs);
    await ctx.insert('careVisit', visits);
    await ctx.insert('careAssistance', help);
    ids.more.careCase = cases.map((c) => c.id);
    return { careCases: cases.length, mentorships: pairs.length, visits: visits.length, assistance: help.length };
  },
};

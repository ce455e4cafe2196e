import type { Insertable } from 'kysely';
import type {
  ActivityTable, ActivityVolunteerTable, CampaignTable, CreationCheckItemTable, CreationCheckTable, CreationCriterionTable, CreationEventTable, CreationTable,
  CreationTypeTable, EducationBaseTable, LectureRequestTable, LectureTopicLecturerTable, LectureTopicTable, VolunteerServiceTable,
} from '../../platform/db/schema.js';
import type { Trx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { DemoStep, OrgRef } from '../context.js';
import type { Prng } from '../prng.js';

/** About 20,000 activities over three years (scaled down for small demo counties). */
const TARGET_ACTIVITIES = 20_000;

/**
 * Multi-row INSERTs inside one transaction: tens of thousands of rows would otherwise cost one fsync per
 * batch (synchronous=FULL). All or nothing, like the step itself.
 */
async function bulkInsert<T extends keyof Database & string>(trx: Trx, table: T, rows: Insertable<Database[T]>[]) {
  if (!rows.length) return;
  const size = Math.max(1, Math.min(500, Math.floor(6000 / Object.keys(rows[0] as object).length)));
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

function weighted<T>(prng: Prng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = prng.next() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}

const CAMPAIGNS = [
  { key: 'red', name: '传承红色基因，争做时代新人', theme: '传承苏区老区精神，用红色故事教育青少年', startYear: 2021, goalActivities: 3000, goalAudience: 150000 },
  { key: 'fourHistories', name: '四史三爱', theme: '学党史、新中国史、改革开放史、社会主义发展史；爱党、爱国、爱社会主义', startYear: 2021, goalActivities: 2000, goalAudience: 100000 },
  { key: 'bigHand', name: '大手牵小手，永远跟党走', theme: '“五老”与青少年结对，讲传统、讲党恩', startYear: 2022, goalActivities: 1500, goalAudience: 60000 },
  { key: 'law', name: '关爱明天、普法先行', theme: '青少年法治宣传教育', startYear: 2020, goalActivities: 2500, goalAudience: 120000 },
  { key: 'congress', name: '学习宣传贯彻党的二十大精神', theme: '领导班子带头学、党员干部全员学、“五老”骨干专题学', startYear: 2023, goalActivities: 1000, goalAudience: 40000 },
] as const;

const BASES: { name: (t: string) => string; level: string; theme: string }[] = [
  { name: (t) => `${t}革命烈士纪念馆`, level: 'provincial', theme: '缅怀革命先烈' },
  { name: (t) => `${t}红军标语旧址群`, level: 'city', theme: '苏区红色标语' },
  { name: (t) => `${t}苏维埃政府旧址`, level: 'national', theme: '中央苏区革命历史' },
  { name: (t) => `${t}红军医院旧址`, level: 'county', theme: '红军医护与军民鱼水情' },
  { name: (t) => `${t}长征出发纪念园`, level: 'provincial', theme: '长征精神' },
  { name: (t) => `${t}农民暴动纪念馆`, level: 'city', theme: '土地革命' },
  { name: (t) => `${t}红色家风馆`, level: 'county', theme: '红色家风家训' },
  { name: (t) => `${t}青少年法治教育基地`, level: 'county', theme: '法治宣传教育' },
  { name: (t) => `${t}乡村振兴实践基地`, level: 'county', theme: '乡村振兴与劳动教育' },
  { name: (t) => `${t}烈士陵园`, level: 'city', theme: '清明祭英烈' },
  { name: (t) => `${t}红军桥`, level: 'county', theme: '红军过境的故事' },
  { name: (t) => `${t}党史陈列馆`, level: 'county', theme: '地方党史' },
  { name: (t) => `${t}廉政文化教育基地`, level: 'county', theme: '清廉文化' },
  { name: (t) => `${t}国防教育基地`, level: 'city', theme: '国防教育' },
];

const TITLES: Record<string, string[]> = {
  lecture: ['“五老”宣讲进校园', '小故事里的大道理', '老党员讲党课', '听爷爷讲红军的故事', '党的二十大精神宣讲', '老战士讲国防'],
  redEducation: ['清明祭英烈', '重走红军路', '红色故事会', '红色家书诵读', '传承红色基因主题队日'],
  lawEducation: ['法治进校园', '防校园欺凌专题课', '模拟法庭', '宪法宣传周', '禁毒知识讲座', '未成年人保护法宣讲'],
  studySession: ['关工委班子专题学习', '党员干部集中学习', '“五老”骨干专题学习会'],
  seminar: ['关心下一代工作座谈会', '家庭教育座谈', '青少年成长环境研讨'],
  training: ['关工委干部业务培训', '校外辅导员培训', '家庭教育指导培训'],
  visit: ['参观教育基地', '走访慰问困难青少年', '研学实践'],
  cultureSports: ['“五老”与少年儿童书画展', '暑期趣味运动会', '红歌传唱'],
  other: ['关爱留守儿童志愿服务', '助学金发放仪式'],
};

const TOPICS = [
  { title: '小故事里的大道理', category: 'theory', audiences: ['school', 'village', 'community'], school: true },
  { title: '党的二十大精神进校园', category: 'theory', audiences: ['school'], school: true },
  { title: '苏区精神代代传', category: 'redHeritage', audiences: ['school', 'village', 'community', 'enterprise'], school: true },
  { title: '红军在我们村', category: 'redHeritage', audiences: ['village', 'community'], school: false },
  { title: '远离毒品 珍爱生命', category: 'law', audiences: ['school', 'community', 'enterprise'], school: true },
  { title: '预防未成年人犯罪', category: 'law', audiences: ['school', 'village', 'community'], school: true },
  { title: '防溺水 防诈骗', category: 'safety', audiences: ['school', 'village'], school: true },
  { title: '青春期心理健康', category: 'mentalHealth', audiences: ['school'], school: false },
  { title: '返乡创业经验谈', category: 'skills', audiences: ['village', 'enterprise'], school: false },
  { title: '老战士讲国防', category: 'redHeritage', audiences: ['school', 'enterprise'], school: true },
  { title: '好家风好家训', category: 'other', audiences: ['village', 'community'], school: false },
  { title: '工匠精神与青年成长', category: 'skills', audiences: ['enterprise', 'school'], school: false },
] as const;

const CREATION_TYPES = [
  {
    code: 'zeroCrimeSchool', name: '零犯罪学校', kinds: ['school'], years: 3, pass: 60,
    criteria: [['全年在校学生无违法犯罪', 'pass', 0], ['配备法治副校长并履职', 'pass', 0], ['法治教育课时和活动落实', 'points', 40], ['校园周边环境整治', 'points', 30], ['家校共育机制', 'points', 30]],
  },
  {
    code: 'zeroCrimeVillage', name: '零犯罪村（社区）', kinds: ['village', 'community'], years: 3, pass: 60,
    criteria: [['全年辖区未成年人无违法犯罪', 'pass', 0], ['建立关工小组', 'pass', 0], ['“五老”结对帮扶重点青少年', 'points', 50], ['法治宣传教育活动', 'points', 50]],
  },
  {
    code: 'fourZeroCommunity', name: '四零社区', kinds: ['community'], years: 2, pass: 70,
    criteria: [['零犯罪', 'pass', 0], ['零辍学', 'pass', 0], ['零伤亡', 'pass', 0], ['零上访', 'pass', 0], ['关爱帮扶工作成效', 'points', 100]],
  },
] as const;

/**
 * Field work over three years, entered once: activities (with volunteers' service), campaigns, education bases,
 * lecture menu and requests in every state, and creation campaigns in every state with their checks and history.
 */
export const activitiesStep: DemoStep = {
  name: 'activities',
  label: '活动、宣讲、基地和创建',
  async run(ctx) {
    const { prng, ids, platform, now } = ctx;
    const today = new Date(Date.parse(now) + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const office = ids.users.office?.id ?? null;
    const townshipOf = (node: OrgRef) => ids.townships.find((t) => node.path.startsWith(t.path));

    // ---- campaigns and bases
    const campaigns: Insertable<CampaignTable>[] = CAMPAIGNS.map((c) => ({
      id: prng.uuid(), name: c.name, theme: c.theme, description: null, startYear: c.startYear, endYear: null, goalActivities: c.goalActivities, goalAudience: c.goalAudience,
      status: 'active', createdAt: now, updatedAt: now, createdBy: office,
    }));
    await ctx.insert('campaign', campaigns);
    const campaignId = Object.fromEntries(CAMPAIGNS.map((c, i) => [c.key, campaigns[i].id as string]));

    const baseCount = Math.min(BASES.length, Math.max(10, Math.min(ids.townships.length, 16)));
    const bases: Insertable<EducationBaseTable>[] = BASES.slice(0, baseCount).map((b, i) => {
      const t = ids.townships[i % Math.max(1, ids.townships.length)] ?? ids.root;
      return {
        id: prng.uuid(), orgUnitId: t.id, name: b.name(t.name.replace(/(镇|乡|街道)$/, '')), level: b.level, theme: b.theme, address: `${t.name}${prng.pick(['红军路', '革命路', '胜利街', '八一路'])}${prng.int(1, 99)}号`,
        owner: prng.pick(['县委宣传部', '县文广新旅局', `${t.name}人民政府`, '县退役军人事务局']), capacity: prng.int(6, 40) * 10, openingHours: '周二至周日 9:00-17:00（周一闭馆）',
        contactName: null, description: null, status: 'active', createdAt: now, updatedAt: now, createdBy: office,
      };
    });
    await ctx.insert('educationBase', bases);

    // ---- volunteers who can take part (serving), by township
    const serving = await platform.db.selectFrom('volunteer').select(['id', 'orgUnitId', 'userId']).where('status', '=', 'active').execute();
    const nodePath = new Map([ids.root, ...ids.townships, ...ids.villages, ...ids.communities, ...ids.schools, ...ids.enterprises].map((n) => [n.id, n]));
    const volunteersByTownship = new Map<string, string[]>();
    const countyVolunteers: string[] = [];
    for (const v of serving) {
      const node = nodePath.get(v.orgUnitId);
      const t = node ? townshipOf(node) : undefined;
      if (t) volunteersByTownship.set(t.id, [...(volunteersByTownship.get(t.id) ?? []), v.id]);
      else countyVolunteers.push(v.id);
    }
    const demoLecturer = serving.find((v) => v.userId && v.userId === ids.users.volunteer?.id)?.id;

    // ---- activities
    const activities: Insertable<ActivityTable>[] = [];
    const participants: Insertable<ActivityVolunteerTable>[] = [];
    const service: Insertable<VolunteerServiceTable>[] = [];
    const memberUnit = (short: string) => ids.memberUnits.find((m) => m.shortName === short)?.id ?? null;
    const places: (readonly [OrgRef, number])[] = [
      ...ids.schools.map((n) => [n, 3] as const), ...ids.villages.map((n) => [n, 2] as const), ...ids.communities.map((n) => [n, 2] as const),
      ...ids.enterprises.map((n) => [n, 1] as const), ...ids.townships.map((n) => [n, 4] as const), [ids.root, 6] as const,
    ];
    const start = Date.parse(`${year - 2}-01-01T00:00:00Z`);
    const span = Math.max(1, Math.floor((Date.parse(`${today}T00:00:00Z`) - start) / 86400_000));
    const count = Math.round(TARGET_ACTIVITIES * Math.min(1, Math.max(0.05, ctx.options.scale)));

    const addActivity = (a: Omit<Insertable<ActivityTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'audienceTotal' | 'photoUploadIds' | 'fileUploadIds'>, people: { id: string; hours: number; role: string }[]) => {
      const id = prng.uuid();
      const at = `${a.activityDate}T10:00:00.000Z`;
      activities.push({ ...a, id, audienceTotal: Number(a.audienceStudents) + Number(a.audienceYouth) + Number(a.audienceOther), photoUploadIds: '[]', fileUploadIds: '[]', createdAt: at, updatedAt: at, createdBy: office });
      for (const p of people) {
        participants.push({ activityId: id, volunteerId: p.id, role: p.role, hoursTenths: Math.round(p.hours * 10) });
        service.push({ id: prng.uuid(), volunteerId: p.id, source: 'activity', sourceId: id, teamId: null, serviceDate: a.activityDate, hoursTenths: Math.round(p.hours * 10), description: `${p.role === 'lecturer' ? '主讲' : '参与'}：${a.title}`.slice(0, 200), reason: null, createdAt: at, createdBy: office });
      }
      return id;
    };

    for (let i = 0; i < count; i++) {
      const node = weighted(prng, places);
      const type = weighted(prng, [['lecture', 22], ['redEducation', 16], ['lawEducation', 15], ['studySession', 10], ['seminar', 7], ['training', 6], ['visit', 10], ['cultureSports', 8], ['other', 6]] as const);
      const date = addDays(`${year - 2}-01-01`, prng.int(0, span));
      const school = node.kind === 'school';
      const students = school || type === 'redEducation' || type === 'lawEducation' ? prng.int(20, 300) : prng.int(0, 40);
      const youth = node.kind === 'enterprise' || node.kind === 'village' ? prng.int(5, 60) : prng.int(0, 15);
      const other = type === 'studySession' || type === 'training' || type === 'seminar' ? prng.int(10, 60) : prng.int(0, 20);
      const campaign =
        type === 'lawEducation' ? (prng.chance(0.7) ? campaignId.law : null)
        : type === 'redEducation' || type === 'visit' ? (prng.chance(0.75) ? prng.pick([campaignId.red, campaignId.fourHistories]) : null)
        : type === 'lecture' ? (prng.chance(0.6) ? prng.pick([campaignId.bigHand, campaignId.red, date >= '2022-10-16' ? campaignId.congress : campaignId.fourHistories]) : null)
        : type === 'studySession' && date >= '2022-10-16' ? campaignId.congress
        : null;
      const base = (type === 'redEducation' || type === 'visit') && bases.length && prng.chance(0.55) ? prng.pick(bases) : undefined;
      const unit =
        type === 'lawEducation' && prng.chance(0.4) ? memberUnit(prng.pick(['司法局', '公安局', '政法委']))
        : school && prng.chance(0.25) ? memberUnit('教育局')
        : prng.chance(0.08) ? prng.pick(ids.memberUnits)?.id ?? null
        : null;
      const t = townshipOf(node);
      const pool = (t ? volunteersByTownship.get(t.id) : undefined) ?? countyVolunteers;
      const people = prng.sample(pool.length ? pool : countyVolunteers, type === 'lecture' ? prng.int(1, 2) : prng.int(0, 3)).map((id, k) => ({
        id, hours: prng.int(2, 8) / 2, role: type === 'lecture' && k === 0 ? 'lecturer' : 'participant',
      }));
      addActivity({
        type, studyLevel: type === 'studySession' ? prng.pick(['leaders', 'cadres', 'elders']) : null, title: prng.pick(TITLES[type]), activityDate: date,
        startTime: `${String(prng.int(8, 16)).padStart(2, '0')}:${prng.pick(['00', '30'])}`, endTime: null, orgUnitId: node.id, memberUnitId: unit, venue: base ? null : node.name,
        baseId: base?.id ?? null, campaignId: campaign, lectureRequestId: null, audienceStudents: students, audienceYouth: youth, audienceOther: other, summary: null,
      }, people);
    }

    // ---- lecture menu and requests
    const allVolunteers = serving.map((v) => v.id);
    const topics: Insertable<LectureTopicTable>[] = TOPICS.map((t) => ({
      id: prng.uuid(), title: t.title, category: t.category, summary: null, audiences: JSON.stringify(t.audiences), durationMinutes: prng.pick([45, 60, 90]),
      schoolApproved: t.school ? 1 : 0, status: 'published', createdAt: now, updatedAt: now, createdBy: office,
    }));
    const lecturers: Insertable<LectureTopicLecturerTable>[] = [];
    const lecturersOf = new Map<string, string[]>();
    topics.forEach((t, i) => {
      const chosen = prng.sample(allVolunteers, Math.min(allVolunteers.length, prng.int(2, 5)));
      if (demoLecturer && i < 4 && !chosen.includes(demoLecturer)) chosen.push(demoLecturer);
      lecturersOf.set(t.id as string, chosen);
      for (const v of chosen) lecturers.push({ topicId: t.id as string, volunteerId: v });
    });
    await ctx.insert('lectureTopic', topics);
    await ctx.insert('lectureTopicLecturer', lecturers);

    const requests: Insertable<LectureRequestTable>[] = [];
    const requesters = [...ids.schools, ...ids.villages, ...ids.communities, ...ids.enterprises];
    const requestCount = Math.round(600 * Math.min(1, Math.max(0.05, ctx.options.scale)));
    for (let i = 0; i < requestCount && requesters.length && allVolunteers.length; i++) {
      const node = prng.pick(requesters);
      const fits = TOPICS.map((t, k) => [t, k] as const).filter(([t]) => (t.audiences as readonly string[]).includes(node.kind) && (node.kind !== 'school' || t.school));
      if (!fits.length) continue;
      const [, k] = prng.pick(fits);
      const topic = topics[k];
      const upcoming = i % 10 === 0;
      const preferred = upcoming ? addDays(today, prng.int(3, 45)) : addDays(`${year - 2}-01-01`, prng.int(0, span - 3));
      const lecturer = (demoLecturer && upcoming && prng.chance(0.3) ? demoLecturer : null) ?? prng.pick(lecturersOf.get(topic.id as string)!);
      const status = upcoming ? weighted(prng, [['requested', 3], ['assigned', 3], ['confirmed', 3]] as const) : weighted(prng, [['held', 9], ['cancelled', 1]] as const);
      const id = prng.uuid();
      const created = `${addDays(preferred, -prng.int(7, 30))}T08:00:00.000Z`;
      let activityId: string | null = null;
      if (status === 'held') {
        activityId = addActivity({
          type: 'lecture', studyLevel: null, title: `宣讲：${topic.title}`, activityDate: preferred, startTime: '09:30', endTime: null, orgUnitId: node.id, memberUnitId: null,
          venue: node.name, baseId: null, campaignId: prng.chance(0.5) ? campaignId.bigHand : null, lectureRequestId: id,
          audienceStudents: node.kind === 'school' ? prng.int(40, 400) : prng.int(0, 20), audienceYouth: node.kind === 'school' ? 0 : prng.int(10, 80), audienceOther: prng.int(0, 10), summary: null,
        }, [{ id: lecturer, hours: prng.int(3, 6) / 2, role: 'lecturer' }]);
      }
      const assigned = status !== 'requested' && status !== 'cancelled';
      requests.push({
        id, topicId: topic.id as string, orgUnitId: node.id, requestedBy: null, preferredDate: preferred, preferredTime: prng.pick([null, '09:00', '14:30']),
        audienceEstimate: prng.int(20, 300), note: null, status, lecturerId: assigned ? lecturer : null, scheduledDate: assigned ? preferred : null,
        assignedAt: assigned ? created : null, assignedBy: assigned ? office : null, confirmedAt: status === 'confirmed' || status === 'held' ? created : null,
        declineReason: status === 'cancelled' ? '学校临时安排考试' : null, activityId, rating: status === 'held' && prng.chance(0.8) ? weighted(prng, [[5, 6], [4, 3], [3, 1]] as const) : null,
        ratingComment: null, ratedAt: status === 'held' ? `${addDays(preferred, 2)}T09:00:00.000Z` : null, createdAt: created, updatedAt: created,
      });
    }
    for (const r of requests) if (r.rating === null) r.ratedAt = null;


    // ---- creation campaigns, in every state, with checks and history
    const types: Insertable<CreationTypeTable>[] = [];
    const criteria: Insertable<CreationCriterionTable>[] = [];
    const creations: Insertable<CreationTable>[] = [];
    const checks: Insertable<CreationCheckTable>[] = [];
    const items: Insertable<CreationCheckItemTable>[] = [];
    const events: Insertable<CreationEventTable>[] = [];
    for (const def of CREATION_TYPES) {
      const typeId = prng.uuid();
      types.push({ id: typeId, code: def.code, name: def.name, targetKinds: JSON.stringify(def.kinds), validYears: def.years, passScore: def.pass, description: null, status: 'active', createdAt: now, updatedAt: now });
      const crit = def.criteria.map(([title, scoring, max], i) => ({ id: prng.uuid(), typeId, title, scoring, maxPoints: max, sortOrder: (i + 1) * 10, status: 'active' }));
      criteria.push(...crit);
      const targets = [...ids.schools, ...ids.villages, ...ids.communities].filter((n) => (def.kinds as readonly string[]).includes(n.kind) && prng.chance(def.code === 'fourZeroCommunity' ? 0.3 : 0.4));
      for (const node of targets) {
        const state = weighted(prng, [['named', 10], ['applied', 2], ['checked', 1], ['rejected', 1], ['revoked', 1], ['expired', 2]] as const);
        const id = prng.uuid();
        const appliedOn = state === 'expired' ? iso(year - def.years - 1, prng.int(3, 5), prng.int(1, 28)) : state === 'applied' ? addDays(today, -prng.int(5, 60)) : iso(year - prng.int(1, 2), prng.int(3, 5), prng.int(1, 28));
        const checkOn = addDays(appliedOn, prng.int(20, 40));
        const namedFrom = addDays(checkOn, prng.int(10, 30));
        const until = addDays(iso(Number(namedFrom.slice(0, 4)) + def.years, Number(namedFrom.slice(5, 7)), Number(namedFrom.slice(8, 10))), -1);
        const by = office;
        const ev = (event: string, from: string | null, to: string, day: string, note: string | null) =>
          events.push({ id: prng.uuid(), creationId: id, event, fromStatus: from, toStatus: to, note, at: `${day}T09:00:00.000Z`, byUser: by });
        ev('apply', null, 'applied', appliedOn, '申报材料已上传');
        let status: string = 'applied';
        if (state !== 'applied') {
          const passed = state !== 'rejected';
          const checkId = prng.uuid();
          let total = 0;
          for (const c of crit) {
            const pts = c.scoring === 'points' ? (passed ? prng.int(Math.ceil(c.maxPoints * 0.7), c.maxPoints) : prng.int(0, Math.floor(c.maxPoints * 0.5))) : 0;
            total += pts;
            items.push({ checkId, criterionId: c.id, passed: c.scoring === 'pass' ? (passed ? 1 : prng.chance(0.5) ? 1 : 0) : 1, points: pts, note: null });
          }
          if (!passed) items.filter((x) => x.checkId === checkId)[0].passed = 0;
          checks.push({ id: checkId, creationId: id, kind: 'joint', reviewYear: null, checkDate: checkOn, inspectors: '县关工委、县委政法委、县教育局、县公安局联合验收组', passed: passed ? 1 : 0, totalPoints: total, note: null, createdAt: `${checkOn}T10:00:00.000Z`, createdBy: by });
          status = passed ? 'checked' : 'rejected';
          ev('check', 'applied', status, checkOn, passed ? `验收通过（${total}分）` : `验收未通过（${total}分）`);
        }
        let namedTitle: string | null = null;
        let revokedAt: string | null = null;
        let revokeReason: string | null = null;
        if (state === 'named' || state === 'revoked' || state === 'expired') {
          namedTitle = def.name;
          ev('name', 'checked', 'named', namedFrom, `命名为「${def.name}」，有效期 ${namedFrom} 至 ${until}`);
          status = 'named';
          if (state === 'revoked') {
            const incident = addDays(namedFrom, prng.int(60, 300));
            revokedAt = `${incident}T09:00:00.000Z`;
            revokeReason = prng.pick(['辖区一名未成年人因盗窃被依法处理', '在校学生发生打架斗殴致人轻伤事件', '一名青少年参与电信诈骗“跑分”被查处']);
            ev('revoke', 'named', 'revoked', incident, `${incident} 发生：${revokeReason}`);
            status = 'revoked';
          }
        }
        creations.push({
          id, typeId, orgUnitId: node.id, status, applicationNote: null, evidenceUploadIds: '[]', appliedAt: `${appliedOn}T09:00:00.000Z`, appliedBy: null,
          namedTitle, namedFrom: namedTitle ? namedFrom : null, namedUntil: namedTitle ? until : null, revokedAt, revokeReason, createdAt: `${appliedOn}T09:00:00.000Z`, updatedAt: now,
        });
      }
    }
    await platform.db.transaction().execute(async (trx) => {
      await bulkInsert(trx, 'activity', activities);
      await bulkInsert(trx, 'activityVolunteer', participants);
      await bulkInsert(trx, 'volunteerService', service);
      await bulkInsert(trx, 'lectureRequest', requests);
      await bulkInsert(trx, 'creationType', types);
      await bulkInsert(trx, 'creationCriterion', criteria);
      await bulkInsert(trx, 'creation', creations);
      await bulkInsert(trx, 'creationCheck', checks);
      await bulkInsert(trx, 'creationCheckItem', items);
      await bulkInsert(trx, 'creationEvent', events);
    });

    ids.more.campaign = campaigns.map((c) => c.id as string);
    ids.more.base = bases.map((b) => b.id as string);
    return {
      campaigns: campaigns.length, bases: bases.length, activities: activities.length, activityVolunteers: participants.length,
      lectureTopics: topics.length, lectureRequests: requests.length, creations: creations.length, creationChecks: checks.length,
    };
  },
};

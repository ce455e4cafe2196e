import type { Insertable } from 'kysely';
import { idNumberCheckChar, volunteerSpecialties } from '@gg/shared';
import type {
  VolunteerServiceTable,
  VolunteerSpecialtyTable,
  VolunteerTable,
  VolunteerTeamMemberTable,
  VolunteerTeamTable,
  VolunteerTeamTopicTable,
} from '../../platform/db/schema.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import type { DemoStep, OrgRef } from '../context.js';
import { DEMO_COUNTY_CODE, personName } from '../names.js';
import type { Prng } from '../prng.js';

// The same AAD and blind-index domain as the volunteers module (kept literal: the demo writes rows directly).
const idNumberAad = (id: string) => `volunteer:${id}:id_number`;
const phoneAad = (id: string) => `volunteer:${id}:phone`;
const ID_NUMBER_BIDX_DOMAIN = 'volunteer:id_number';

const TARGET = 1500;
const CATEGORY_WEIGHTS: [string, number][] = [['teacher', 34], ['cadre', 28], ['veteran', 14], ['expert', 12], ['model', 12]];
const FORMER: Record<string, { units: string[]; posts: string[] }> = {
  teacher: { units: ['县第一中学', '县实验小学', '乡中心小学', '县职业中专', '村小学'], posts: ['教师', '校长', '教导主任', '高级教师', '班主任'] },
  cadre: { units: ['县委办公室', '县人大常委会', '乡人民政府', '县教育局', '县民政局', '县财政局', '村党支部'], posts: ['科长', '副局长', '乡党委书记', '乡长', '村党支部书记', '主任科员'] },
  veteran: { units: ['中国人民解放军某部', '县人民武装部', '县退役军人事务局'], posts: ['连长', '营教导员', '战士', '团政委', '排长'] },
  expert: { units: ['县人民医院', '县农业农村局', '县林业局', '县司法局', '县水利局'], posts: ['主任医师', '高级农艺师', '工程师', '律师', '高级畜牧师'] },
  model: { units: ['县供销社', '乡农技站', '县纺织厂', '村委会'], posts: ['全国劳动模范', '省劳动模范', '市道德模范', '致富带头人'] },
};
const TOPICS = [
  '红色家风代代传', '长征精神进校园', '四史三爱讲坛', '传承红色基因，争做时代新人', '大手牵小手，永远跟党走', '关爱明天、普法先行',
  '苏区精神与新时代青少年', '勤俭节约从我做起', '安全防溺水', '我的从教四十年', '家乡的变化', '科学种田与乡村振兴',
];
const SERVICE = ['宣讲进校园', '结对帮扶走访', '校外辅导站值班', '假期托管辅导', '法治宣传', '心理疏导谈心', '红色故事会', '课后作业辅导'];

function weighted(prng: Prng, items: [string, number][]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = prng.next() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** ~1,500 elder volunteers spread over the county's nodes, their teams (报告团, 宣讲团, mentoring groups, stations) and some recorded service. */
export const volunteersStep: DemoStep = {
  name: 'volunteers',
  label: '五老队伍',
  async run(ctx) {
    const { prng, ids, platform, now } = ctx;
    const { cipher } = platform;
    const grassroots: OrgRef[] = [...ids.villages, ...ids.communities, ...ids.schools];
    const places = [...grassroots, ...ids.townships, ...ids.townships, ids.root];
    const year = Number(now.slice(0, 4));
    const volunteers: Insertable<VolunteerTable>[] = [];
    const specialties: Insertable<VolunteerSpecialtyTable>[] = [];
    const usedIds = new Set<string>();
    const byTownship = new Map<string, string[]>();
    const townshipOf = (node: OrgRef) => ids.townships.find((t) => node.path.startsWith(t.path));
    const count = Math.round(TARGET * Math.max(1, ctx.options.scale));
    for (let i = 0; i < count; i++) {
      const id = prng.uuid();
      const category = weighted(prng, CATEGORY_WEIGHTS);
      const name = personName(prng);
      const birthYear = prng.int(year - 88, year - 56);
      const birthDate = iso(birthYear, prng.int(1, 12), prng.int(1, 28));
      const male = prng.chance(category === 'veteran' ? 0.9 : 0.62);
      let idNumber: string | null = null;
      if (prng.chance(0.75)) {
        for (;;) {
          const seq = String(prng.int(0, 99)).padStart(2, '0') + String(prng.int(0, 4) * 2 + (male ? 1 : 0));
          const first17 = `${DEMO_COUNTY_CODE.slice(0, 6)}${birthDate.replaceAll('-', '')}${seq}`;
          const candidate = first17 + idNumberCheckChar(first17);
          if (!usedIds.has(candidate)) {
            usedIds.add(candidate);
            idNumber = candidate;
            break;
          }
        }
      }
      const node = prng.pick(places);
      const former = FORMER[category];
      const status = weighted(prng, [['active', 86], ['paused', 8], ['left', 4], ['deceased', 2]]);
      const keys = pinyinKeys(name);
      volunteers.push({
        id, orgUnitId: node.id, userId: null, category, name, namePinyin: keys.full, nameInitials: keys.initials,
        sex: male ? 'male' : 'female', birthDate,
        idNumberEnc: idNumber ? cipher.encrypt(idNumber, idNumberAad(id)) : null,
        idNumberBidx: idNumber ? cipher.blindIndex(idNumber, ID_NUMBER_BIDX_DOMAIN) : null,
        phoneEnc: prng.chance(0.85) ? cipher.encrypt(prng.mobile(), phoneAad(id)) : null,
        formerPost: prng.pick(former.posts), formerUnit: prng.pick(former.units),
        politicalStatus: weighted(prng, [['cpc', 78], ['masses', 16], ['democratic', 6]]),
        health: weighted(prng, [['good', 60], ['fair', 32], ['poor', 8]]),
        availability: weighted(prng, [['weekly', 30], ['monthly', 45], ['occasional', 25]]),
        committeePost: node.kind === 'township' && prng.chance(0.15) ? prng.pick(['director', 'deputyDirector', 'member']) : 'none',
        joinDate: iso(prng.int(2008, year - 1), prng.int(1, 12), prng.int(1, 28)),
        status, remark: null, createdAt: now, updatedAt: now, createdBy: null,
      });
      const own = new Set<string>(prng.sample(volunteerSpecialties, prng.int(1, 3)));
      if (category === 'teacher') own.add('education');
      if (category === 'cadre' || category === 'veteran') own.add(prng.chance(0.6) ? 'lecturing' : 'history');
      for (const s of own) specialties.push({ volunteerId: id, specialty: s });
      const t = townshipOf(node);
      if (t && (status === 'active' || status === 'paused')) byTownship.set(t.id, [...(byTownship.get(t.id) ?? []), id]);
    }
    // The demo volunteer account is one of them: the first volunteer at its node (or anywhere) gets linked.
    const account = ids.users['volunteer'];
    if (account) {
      const own = volunteers.find((v) => v.orgUnitId === account.orgUnitId && v.status === 'active') ?? volunteers.find((v) => v.status === 'active');
      if (own) {
        own.userId = account.id;
        own.name = account.displayName;
        const keys = pinyinKeys(account.displayName);
        own.namePinyin = keys.full;
        own.nameInitials = keys.initials;
        if (account.orgUnitId) own.orgUnitId = account.orgUnitId;
      }
    }
    await ctx.insert('volunteer', volunteers);
    await ctx.insert('volunteerSpecialty', specialties);

    // Teams: the county report team and lecture team; per township a lecture team and a mentoring group; stations at schools.
    const teams: Insertable<VolunteerTeamTable>[] = [];
    const members: Insertable<VolunteerTeamMemberTable>[] = [];
    const topics: Insertable<VolunteerTeamTopicTable>[] = [];
    const addTeam = (orgUnitId: string, kind: string, name: string, pool: string[], size: number) => {
      const id = prng.uuid();
      teams.push({ id, orgUnitId, kind, name, description: null, status: 'active', foundedOn: iso(prng.int(2010, year - 1), prng.int(1, 12), 1), createdAt: now, updatedAt: now, createdBy: null });
      prng.sample(pool, size).forEach((volunteerId, i) => members.push({ teamId: id, volunteerId, role: i === 0 ? 'leader' : i === 1 ? 'deputy' : 'member', joinedOn: iso(prng.int(2012, year), prng.int(1, 12), 1) }));
      if (kind === 'lecture' || kind === 'report') {
        prng.sample(TOPICS, prng.int(2, 5)).forEach((title, i) => topics.push({ id: prng.uuid(), teamId: id, title, summary: null, sortOrder: i + 1, createdAt: now }));
      }
      return id;
    };
    const everyone = [...byTownship.values()].flat();
    addTeam(ids.root.id, 'report', `${ids.root.name}关心下一代报告团`, everyone, Math.min(24, everyone.length));
    addTeam(ids.root.id, 'lecture', `${ids.root.name}“五老”宣讲团`, everyone, Math.min(30, everyone.length));
    for (const t of ids.townships) {
      const pool = byTownship.get(t.id) ?? [];
      if (pool.length < 3) continue;
      addTeam(t.id, 'lecture', `${t.name}“五老”宣讲团`, pool, Math.min(pool.length, prng.int(6, 14)));
      addTeam(t.id, 'mentoring', `${t.name}结对帮扶小组`, pool, Math.min(pool.length, prng.int(5, 10)));
    }
    for (const school of ids.schools.filter(() => prng.chance(0.3))) {
      const t = townshipOf(school);
      const pool = t ? (byTownship.get(t.id) ?? []) : everyone;
      if (pool.length >= 3) addTeam(school.id, 'station', `${school.name}校外辅导站`, pool, Math.min(pool.length, prng.int(3, 6)));
    }
    await ctx.insert('volunteerTeam', teams);
    await ctx.insert('volunteerTeamMember', members);
    await ctx.insert('volunteerTeamTopic', topics);

    // Service entered from paper ledgers (补录) for about a third of the corps; activities and visits add theirs.
    const service: Insertable<VolunteerServiceTable>[] = [];
    const memberTeams = new Map<string, string>();
    for (const m of members) if (!memberTeams.has(m.volunteerId)) memberTeams.set(m.volunteerId, m.teamId);
    for (const v of volunteers) {
      if (v.status === 'left' || !prng.chance(0.35)) continue;
      for (let k = prng.int(1, 10); k > 0; k--) {
        service.push({
          id: prng.uuid(), volunteerId: v.id, source: 'manual', sourceId: null, teamId: prng.chance(0.5) ? (memberTeams.get(v.id) ?? null) : null,
          serviceDate: iso(prng.int(year - 2, year - 1), prng.int(1, 12), prng.int(1, 28)), hoursTenths: prng.int(1, 8) * 5,
          description: prng.pick(SERVICE), reason: '纸质服务台账补录', createdAt: now, createdBy: null,
        });
      }
    }
    await ctx.insert('volunteerService', service);
    ids.more.volunteer = volunteers.map((v) => v.id);
    ids.more.volunteerTeam = teams.map((t) => t.id);
    return { volunteers: volunteers.length, volunteerTeams: teams.length, volunteerTeamMembers: members.length, volunteerService: service.length };
  },
};

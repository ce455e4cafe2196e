import type { Insertable } from 'kysely';
import type { Database, RubricItemTable } from '../../platform/db/schema.js';
import type { DemoStep, DemoStepContext } from '../context.js';
import { personName } from '../names.js';
import { computedPoints } from '../../modules/assessments/scoring.js';

const WUHAO = '5f0b0c2e-0000-4000-8000-000000000001';
const MEMBER_RUBRIC = '5f0b0c2e-0000-4000-8000-000000000002';

const UNIT_TARGETS = [
  ['开展“五老”进校园宣讲不少于4场', '活动记录和照片'],
  ['做出至少一件像样的事并报送材料', '经县关工委办公室认定'],
  ['联合开展“关爱明天、普法先行”法治宣传教育', '覆盖中小学校不少于10所'],
  ['开展困境青少年结对帮扶', '结对不少于20人'],
  ['报送关心下一代工作信息', '全年不少于6篇'],
] as const;
const RESPONSIBILITIES = ['把关心下一代工作纳入本单位年度工作计划', '确定分管领导和联络员，按时参加联席会议'];
const DEEDS = ['建成青少年法治教育实践基地', '举办“传承红色基因，争做时代新人”主题教育月', '设立困境儿童助学金', '开展“大手牵小手，永远跟党走”系列活动', '组建“五老”宣讲分队进村入校'];

/**
 * 目标考核 / 组织领导 / 要素保障 demo data for last year and this year: target lists with a spread of
 * progress (some overdue), notable deeds (a few units without one, flagged), finished assessments with a
 * realistic spread of scores last year and a workflow in progress this year, joint meetings whose tasks are
 * partly overdue, the funds ledger, venues, leadership, staff training and the “1357” brand.
 * The two rubrics themselves come with migration 0070, so every county has them, demo or not.
 */
export const targetsStep: DemoStep = {
  name: 'targets',
  label: '目标考核、联席会议与要素保障',
  async run(ctx: DemoStepContext) {
    const { prng, ids, now } = ctx;
    const year = Number(now.slice(0, 4));
    const last = year - 1;
    const units = ids.memberUnits;
    const townships = ids.townships;
    const office = Object.values(ids.users).find((u) => u.roleCode === 'countyOffice')?.id ?? null;
    const activityIds = ids.more.activity ?? (await ctx.platform.db.selectFrom('activity').select('id').orderBy('id').limit(500).execute()).map((a) => a.id);
    const counts: Record<string, number> = {};
    const add = async <T extends keyof Database & string>(table: T, rows: Insertable<Database[T]>[]) => {
      await ctx.insert(table, rows);
      counts[table] = (counts[table] ?? 0) + rows.length;
    };
    const date = (y: number, from: number, to: number) => {
      const d = new Date(Date.UTC(y, 0, 1) + prng.int(from, to) * 86_400_000);
      return d.toISOString().slice(0, 10);
    };
    const today = now.slice(0, 10);

    // ---- targets: last year all settled; this year a spread
    const targets: Insertable<Database['target']>[] = [];
    const progress: Insertable<Database['targetProgress']>[] = [];
    const progressLinks: Insertable<Database['targetProgressActivity']>[] = [];
    const owners = [...units.map((u) => ({ memberUnitId: u.id, orgUnitId: null })), ...townships.map((t) => ({ memberUnitId: null, orgUnitId: t.id }))];
    for (const y of [last, year]) {
      for (const o of owners) {
        const picks = prng.sample(UNIT_TARGETS, prng.int(3, 5));
        const rows = [...picks.map(([title, measure]) => ({ kind: 'target', title, measure })), ...RESPONSIBILITIES.map((title) => ({ kind: 'responsibility', title, measure: null }))];
        rows.forEach((r, i) => {
          const id = prng.uuid();
          const deadline = r.kind === 'target' ? date(y, 150, 340) : null;
          const settled = y === last || (deadline !== null && deadline < today);
          const roll = prng.next();
          const completed = settled ? roll < 0.75 : roll < 0.3;
          const draft = !settled && roll > 0.9;
          const pct = completed ? 100 : draft ? 0 : prng.int(2, 9) * 10;
          targets.push({
            id, year: y, memberUnitId: o.memberUnitId, orgUnitId: o.orgUnitId, kind: r.kind, title: r.title, measure: r.measure, deadline, weight: r.kind === 'target' ? prng.pick([10, 15, 20]) : 0,
            owner: personName(prng), status: completed ? 'completed' : draft ? 'draft' : 'confirmed', progressPercent: pct, completedAt: completed ? `${deadline ?? `${y}-12-20`}T08:00:00.000Z` : null,
            confirmedAt: draft ? null : `${y}-02-20T08:00:00.000Z`, confirmedBy: null, sortOrder: (i + 1) * 10, createdAt: `${y}-02-10T08:00:00.000Z`, updatedAt: now, createdBy: office,
          });
          if (pct > 0) {
            const pid = prng.uuid();
            progress.push({ id: pid, targetId: id, reportDate: date(y, 90, 200), progressPercent: pct, note: completed ? '已按计划完成，材料已归档' : '正在推进，部分学校已完成', uploadIds: '[]', createdAt: now, createdBy: null });
            if (activityIds.length && prng.chance(0.5)) progressLinks.push({ progressId: pid, activityId: prng.pick(activityIds) });
          }
        });
      }
    }
    await add('target', targets);
    await add('targetProgress', progress);
    if (progressLinks.length) await add('targetProgressActivity', progressLinks);

    // ---- notable deeds: most units one or two, a few none (the floor flags them)
    const deeds: Insertable<Database['notableDeed']>[] = [];
    const without = new Set(prng.sample(units, Math.min(3, units.length)).map((u) => u.id));
    for (const y of [last, year]) {
      for (const u of units) {
        if (without.has(u.id)) continue;
        for (let k = 0; k < prng.int(1, y === last ? 3 : 2); k++) {
          const status = y === last ? (prng.chance(0.85) ? 'qualified' : 'rejected') : prng.pick(['submitted', 'qualified']);
          deeds.push({
            id: prng.uuid(), year: y, memberUnitId: u.id, orgUnitId: null, title: `${u.shortName}${prng.pick(DEEDS)}`, description: '整合部门资源，惠及青少年，群众反映好，有关做法被市级媒体报道。',
            deedDate: date(y, 60, 300), uploadIds: '[]', activityIds: activityIds.length ? JSON.stringify(prng.sample(activityIds, 1)) : '[]', status,
            reviewNote: status === 'submitted' ? null : status === 'qualified' ? '成效明显，予以认定' : '属日常工作，未予认定', reviewedAt: status === 'submitted' ? null : now, reviewedBy: status === 'submitted' ? null : office,
            createdAt: now, updatedAt: now, createdBy: null,
          });
        }
      }
    }
    await add('notableDeed', deeds);
    await add('notableDeedDeadline', [{ year: last, dueDate: `${last}-10-31`, setAt: now, setBy: office }, { year, dueDate: `${year}-10-31`, setAt: now, setBy: office }]);
    const flagged = units.filter((u) => !deeds.some((d) => d.memberUnitId === u.id && d.year === last && d.status === 'qualified'));
    if (flagged.length) await add('notableDeedFlag', flagged.map((u) => ({ year: last, memberUnitId: u.id, flaggedAt: `${last}-11-01T00:00:00.000Z`, clearedAt: null })));

    // ---- assessments: last year final with a spread; this year in progress
    const items = await ctx.platform.db.selectFrom('rubricItem').selectAll().execute();
    const assessments: Insertable<Database['assessment']>[] = [];
    const scores: Insertable<Database['assessmentScore']>[] = [];
    const events: Insertable<Database['assessmentEvent']>[] = [];
    const lineFor = (item: RubricItemTable, strength: number) => {
      const max = item.maxPoints === null ? null : Number(item.maxPoints);
      if (item.scoring === 'computed') {
        const value = item.metric === 'overdueTasks' ? prng.int(0, strength > 0.7 ? 0 : 3) : item.metric?.endsWith('Percent') ? Math.round(strength * 100) : Math.round(strength * (Number(item.threshold ?? 4) + 1));
        return { value, points: computedPoints({ ...item, maxPoints: max }, value) };
      }
      if (item.kind === 'item') return { value: null, points: Math.round((max ?? 0) * Math.min(1, strength + prng.next() * 0.1)) };
      if (item.kind === 'bonus') return { value: null, points: strength > 0.85 && prng.chance(0.5) ? (max ?? 3) : 0 };
      return { value: null, points: strength < 0.55 && prng.chance(0.5) ? -(max ?? 5) : 0 };
    };
    const addAssessment = (y: number, rubricId: string, o: { memberUnitId: string | null; orgUnitId: string | null }, status: string) => {
      const id = prng.uuid();
      const strength = 0.35 + prng.next() * 0.6;
      let selfTotal = 0;
      let reviewTotal = 0;
      for (const item of items.filter((i) => i.rubricId === rubricId)) {
        const line = lineFor(item, strength);
        const reviewPoints = item.scoring === 'manual' && item.kind === 'item' ? Math.max(0, line.points - prng.int(0, 2)) : line.points;
        selfTotal += line.points;
        reviewTotal += reviewPoints;
        if (status !== 'pending') scores.push({ assessmentId: id, itemId: item.id, computedValue: line.value, selfPoints: line.points, selfNote: null, reviewPoints: status === 'submitted' ? null : reviewPoints, reviewNote: null });
      }
      const reviewed = status === 'reviewed' || status === 'final';
      assessments.push({
        id, year: y, rubricId, ...o, status, selfTotal: status === 'pending' ? null : selfTotal, reviewTotal: reviewed ? reviewTotal : null, finalScore: status === 'final' ? reviewTotal : null,
        selfComment: status === 'pending' ? null : '对照细则逐项自评，材料齐全。', reviewComment: reviewed ? '经审核，基本属实。' : null, finalComment: status === 'final' ? '同意审核意见。' : null,
        submittedAt: status === 'pending' ? null : `${y}-12-10T08:00:00.000Z`, reviewedAt: reviewed ? `${y}-12-20T08:00:00.000Z` : null, finalizedAt: status === 'final' ? `${y}-12-28T08:00:00.000Z` : null,
        createdAt: `${y}-12-01T08:00:00.000Z`, updatedAt: now,
      });
      const steps: [string, string, string | null, number | null][] = [['create', 'pending', null, null]];
      if (status !== 'pending') steps.push(['submit', 'submitted', 'pending', selfTotal]);
      if (reviewed) steps.push(['review', 'reviewed', 'submitted', reviewTotal]);
      if (status === 'final') steps.push(['finalize', 'final', 'reviewed', reviewTotal]);
      steps.forEach(([event, to, from, total], i) => events.push({ id: prng.uuid(), assessmentId: id, event, fromStatus: from, toStatus: to, total, note: null, at: `${y}-12-${String(1 + i * 9).padStart(2, '0')}T08:00:00.000Z`, byUser: event === 'submit' ? null : office }));
    };
    for (const u of units) addAssessment(last, MEMBER_RUBRIC, { memberUnitId: u.id, orgUnitId: null }, 'final');
    for (const t of townships) addAssessment(last, WUHAO, { memberUnitId: null, orgUnitId: t.id }, 'final');
    for (const u of units) addAssessment(year, MEMBER_RUBRIC, { memberUnitId: u.id, orgUnitId: null }, prng.pick(['pending', 'pending', 'submitted', 'reviewed']));
    await add('assessment', assessments);
    await add('assessmentScore', scores);
    await add('assessmentEvent', events);

    // ---- joint meetings → tasks, some overdue
    const meetings: Insertable<Database['meeting']>[] = [];
    const invitees: Insertable<Database['meetingInvitee']>[] = [];
    const decisions: Insertable<Database['meetingDecision']>[] = [];
    const tasks: Insertable<Database['task']>[] = [];
    const taskUpdates: Insertable<Database['taskUpdate']>[] = [];
    const meetingDates = [`${last}-03-18`, `${last}-09-12`, `${year}-03-16`];
    const agenda = ['通报上年度关心下一代工作和考核情况', '部署本年度目标任务和责任清单', '研究“像样的事”项目安排'];
    const decisionTexts = ['开展校园周边环境集中整治', '组织“五老”宣讲团进校园', '建设一批校外辅导站', '开展暑期青少年防溺水宣传', '做好困境青少年摸底建档'];
    for (const md of meetingDates) {
      const id = prng.uuid();
      const held = md <= today;
      meetings.push({ id, orgUnitId: ids.root.id, title: `${md.slice(0, 4)}年县关工委成员单位联席会议${md.slice(5, 7) > '06' ? '（下半年）' : ''}`, meetingDate: md, location: '县委三楼会议室', chair: '县关工委主任', agenda: agenda.map((a, i) => `${i + 1}. ${a}`).join('\n'), minutes: held ? '会议通报了工作情况，研究部署了下一阶段任务，议定事项如下。' : null, materialUploadIds: '[]', status: held ? 'held' : 'planned', createdAt: now, updatedAt: now, createdBy: office });
      for (const u of units) invitees.push({ meetingId: id, memberUnitId: u.id, attendance: held ? (prng.chance(0.85) ? 'present' : prng.pick(['leave', 'absent'])) : 'invited', attendee: held ? personName(prng) : null });
      if (!held) continue;
      prng.sample(decisionTexts, 3).forEach((text, i) => {
        const did = prng.uuid();
        decisions.push({ id: did, meetingId: id, content: text, sortOrder: (i + 1) * 10, createdAt: now });
        for (const u of prng.sample(units, prng.int(1, 3))) {
          const tid = prng.uuid();
          const deadline = new Date(Date.parse(md) + prng.int(30, 300) * 86_400_000).toISOString().slice(0, 10);
          const roll = prng.next();
          const status = deadline < today ? (roll < 0.7 ? 'done' : roll < 0.85 ? 'inProgress' : 'open') : roll < 0.3 ? 'done' : roll < 0.7 ? 'inProgress' : 'open';
          const overdue = status !== 'done' && deadline < today;
          tasks.push({ id: tid, meetingId: id, decisionId: did, title: `${text}（${u.shortName}）`, description: text, memberUnitId: u.id, orgUnitId: null, deadline, status, overdueAt: overdue ? now : null, remindedAt: null, completedAt: status === 'done' ? `${deadline}T06:00:00.000Z` : null, createdAt: now, updatedAt: now, createdBy: office });
          if (status !== 'open') taskUpdates.push({ id: prng.uuid(), taskId: tid, status, note: status === 'done' ? '已按要求办结，材料已报送' : '正在推进中', uploadIds: '[]', at: now, byUser: null });
        }
      });
    }
    await add('meeting', meetings);
    await add('meetingInvitee', invitees);
    await add('meetingDecision', decisions);
    await add('task', tasks);
    if (taskUpdates.length) await add('taskUpdate', taskUpdates);

    // ---- resources
    const funds: Insertable<Database['fundEntry']>[] = [];
    for (const y of [last, year]) {
      const until = y === year ? Math.max(30, Math.floor((Date.parse(today) - Date.UTC(y, 0, 1)) / 86_400_000)) : 360;
      funds.push({ id: prng.uuid(), orgUnitId: ids.root.id, year: y, entryDate: `${y}-01-20`, direction: 'income', source: 'fiscal', project: '年度工作经费', memberUnitId: null, activityId: null, amountFen: 30_000_000, note: '县财政预算安排', createdAt: now, createdBy: office });
      funds.push({ id: prng.uuid(), orgUnitId: ids.root.id, year: y, entryDate: date(y, 30, Math.min(until, 120)), direction: 'income', source: 'foundation', project: null, memberUnitId: null, activityId: null, amountFen: prng.int(50, 150) * 100_000, note: '县关心下一代基金会拨付', createdAt: now, createdBy: office });
      for (const u of prng.sample(units, 3)) funds.push({ id: prng.uuid(), orgUnitId: ids.root.id, year: y, entryDate: date(y, 30, until), direction: 'income', source: 'memberUnit', project: null, memberUnitId: u.id, activityId: null, amountFen: prng.int(10, 50) * 100_000, note: `${u.shortName}支持`, createdAt: now, createdBy: office });
      for (const p of ['“五老”宣讲团活动', '校外辅导站补助', '困境青少年助学', '关工委干部培训']) funds.push({ id: prng.uuid(), orgUnitId: ids.root.id, year: y, entryDate: date(y, 40, until), direction: 'expense', source: null, project: p, memberUnitId: null, activityId: activityIds.length ? prng.pick(activityIds) : null, amountFen: prng.int(20, 80) * 100_000 + prng.int(0, 99), note: null, createdAt: now, createdBy: office });
      for (const t of townships) {
        funds.push({ id: prng.uuid(), orgUnitId: t.id, year: y, entryDate: `${y}-02-15`, direction: 'income', source: 'fiscal', project: null, memberUnitId: null, activityId: null, amountFen: prng.int(20, 60) * 100_000, note: '乡镇财政安排', createdAt: now, createdBy: null });
        if (prng.chance(0.4)) funds.push({ id: prng.uuid(), orgUnitId: t.id, year: y, entryDate: date(y, 40, until), direction: 'income', source: 'donation', project: null, memberUnitId: null, activityId: null, amountFen: prng.int(5, 30) * 100_000, note: '乡贤捐赠', createdAt: now, createdBy: null });
        funds.push({ id: prng.uuid(), orgUnitId: t.id, year: y, entryDate: date(y, 60, until), direction: 'expense', source: null, project: '关工活动室运行', memberUnitId: null, activityId: null, amountFen: prng.int(10, 40) * 100_000, note: null, createdAt: now, createdBy: null });
      }
    }
    await add('fundEntry', funds);

    const venues: Insertable<Database['venue']>[] = [];
    const members: Insertable<Database['committeeMember']>[] = [];
    const trainings: Insertable<Database['staffTraining']>[] = [];
    const grassroots = [...ids.villages, ...ids.communities];
    for (const t of townships) {
      venues.push({ id: prng.uuid(), orgUnitId: t.id, name: `${t.name}关工委活动室`, type: 'room', address: `${t.name}政府院内`, areaSqm: prng.int(40, 120), facilities: '图书角、多媒体设备、桌椅', openingHours: '工作日 8:30-17:30', status: 'active', createdAt: now, updatedAt: now, createdBy: null });
      for (const v of prng.sample(grassroots.filter((g) => g.parentId === t.id), 2)) {
        venues.push({ id: prng.uuid(), orgUnitId: v.id, name: `${v.name}${prng.pick(['校外辅导站', '关爱服务站'])}`, type: prng.pick(['tutoringStation', 'careStation']), address: v.name, areaSqm: prng.int(30, 90), facilities: '学习桌椅、图书、文体器材', openingHours: '周末及寒暑假 9:00-17:00', status: 'active', createdAt: now, updatedAt: now, createdBy: null });
      }
      const posts = ['director', 'executiveDeputy', 'deputyDirector', 'member', 'member', 'staff'] as const;
      posts.forEach((post, i) => members.push({ id: prng.uuid(), orgUnitId: t.id, name: personName(prng), post, workTitle: post === 'director' ? '原镇党委副书记（退休）' : post === 'staff' ? '镇党政办干部' : prng.pick(['退休教师', '退役军人', '村党支部书记', '镇司法所所长']), isElder: post === 'director' || prng.chance(0.4) ? 1 : 0, since: `${last - prng.int(0, 4)}-0${prng.int(1, 9)}-01`, status: 'active', sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now }));
      for (let k = 0; k < prng.int(2, 5); k++) trainings.push({ id: prng.uuid(), orgUnitId: t.id, memberUnitId: null, title: prng.pick(['关工委干部业务培训班', '“五老”骨干专题学习', '关心下一代工作经验交流会']), trainingDate: prng.chance(0.6) ? date(last, 30, 330) : date(year, 0, Math.max(1, Math.floor((Date.parse(today) - Date.UTC(year, 0, 1)) / 86_400_000))), organizer: `${t.name}关工委`, trainees: prng.int(20, 60), hours: prng.int(3, 12), content: '学习习近平总书记关于关心下一代工作的重要指示精神', uploadIds: '[]', createdAt: now, createdBy: null });
    }
    // The county committee's own leadership (班子).
    const countyPosts = [['director', '原县人大常委会副主任'], ['executiveDeputy', '原县委组织部部长'], ['deputyDirector', '原县教育局局长'], ['deputyDirector', '原县妇联主席'], ['secretaryGeneral', '县委老干部局副局长'], ['member', '原县检察院副检察长'], ['staff', '县关工委办公室干部']] as const;
    countyPosts.forEach(([post, workTitle], i) => members.push({ id: prng.uuid(), orgUnitId: ids.root.id, name: personName(prng), post, workTitle, isElder: post === 'staff' || post === 'secretaryGeneral' ? 0 : 1, since: `${last - prng.int(0, 3)}-0${prng.int(1, 9)}-01`, status: 'active', sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now }));
    // Member units train their liaison staff too: a spread around the member-unit rubric's “at least 4 a year”.
    for (const u of units) {
      for (const y of [last, year]) {
        const n = y === last ? prng.int(1, 6) : prng.int(0, 3);
        for (let k = 0; k < n; k++) trainings.push({ id: prng.uuid(), orgUnitId: null, memberUnitId: u.id, title: prng.pick(['关心下一代工作联络员培训', '未成年人保护法专题学习', '家庭教育指导业务培训']), trainingDate: y === last ? date(last, 20, 340) : date(year, 0, Math.max(1, Math.floor((Date.parse(today) - Date.UTC(year, 0, 1)) / 86_400_000))), organizer: u.shortName, trainees: prng.int(8, 40), hours: prng.int(2, 8), content: null, uploadIds: '[]', createdAt: now, createdBy: null });
      }
    }
    trainings.push({ id: prng.uuid(), orgUnitId: ids.root.id, memberUnitId: null, title: '全县关工委干部“充电赋能”培训班', trainingDate: `${last}-05-20`, organizer: '县关工委办公室', trainees: 120, hours: 12, content: '专题辅导、座谈研讨、现场观摩', uploadIds: '[]', createdAt: now, createdBy: office });
    await add('venue', venues);
    await add('committeeMember', members);
    await add('staffTraining', trainings);

    // Venue use (阵地使用): activities of the venue's own node (or, for a township room, of its villages) held there.
    const acts = await ctx.platform.db.selectFrom('activity').innerJoin('orgUnit', 'orgUnit.id', 'activity.orgUnitId').select(['activity.id', 'activity.orgUnitId', 'orgUnit.parentId']).orderBy('activity.id').execute();
    const venueUses: Insertable<Database['venueUse']>[] = [];
    for (const v of venues) {
      const own = acts.filter((a) => a.orgUnitId === v.orgUnitId || (v.type === 'room' && a.parentId === v.orgUnitId));
      for (const a of prng.sample(own, Math.min(own.length, prng.int(0, 12)))) venueUses.push({ venueId: v.id!, activityId: a.id, createdAt: now });
    }
    if (venueUses.length) await add('venueUse', venueUses);

    const brandId = prng.uuid();
    await add('brand', [{ id: brandId, name: '“1357”工作机制', slogan: '关工委搭台、部门唱戏', description: '围绕一个目标（立德树人），建强三支队伍（“五老”宣讲团、法治辅导员、结对帮扶员），开展五项活动（学习宣传、思想教育、环境优化、关爱帮扶、技能培训），建好七类阵地。', results: '形成“组织联体、工作联动、阵地联建、优势互补”的工作格局，相关做法在全市推广。', orgUnitId: ids.root.id, status: 'active', createdAt: now, updatedAt: now, createdBy: office }]);
    await add('brandMemberUnit', prng.sample(units, Math.min(6, units.length)).map((u) => ({ brandId, memberUnitId: u.id })));
    if (activityIds.length) await add('brandActivity', prng.sample(activityIds, 8).map((activityId) => ({ brandId, activityId })));
    const brand2 = prng.uuid();
    await add('brand', [{ id: brand2, name: '“红色传承·五老护苗”', slogan: '讲好红色故事，守护青少年成长', description: '依托革命旧址和教育基地，组织“五老”宣讲团进校园、进社区，讲述苏区精神和长征故事；法治辅导员结对学校，开展护苗行动。', results: '年均开展宣讲百余场，覆盖中小学生数万人次。', orgUnitId: ids.root.id, status: 'active', createdAt: now, updatedAt: now, createdBy: office }]);
    await add('brandMemberUnit', prng.sample(units, Math.min(4, units.length)).map((u) => ({ brandId: brand2, memberUnitId: u.id })));
    if (activityIds.length) await add('brandActivity', prng.sample(activityIds, 5).map((activityId) => ({ brandId: brand2, activityId })));
    return counts;
  },
};

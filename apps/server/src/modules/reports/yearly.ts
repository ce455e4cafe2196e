import type { Paragraph, Table } from 'docx';
import type { DashboardOverview } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { createDashboardService, currentYear } from '../dashboard/index.js';
import { activityTotalsByNode } from '../activities/index.js';
import { careCaseStats } from '../careCases/index.js';
import { targetTitles } from '../targets/index.js';
import { qualifiedDeeds } from '../notableDeeds/index.js';
import { blank, chineseOrdinal, dataTable, heading1, officialDocument, para, tableTitle } from './officialDoc.js';

const n = (v: number) => v.toLocaleString('zh-CN');
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const sumOf = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
const chineseMonthDay = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const todayLocal = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The org node the report speaks for: the chosen node, else the caller's, else the root of the tree. */
export async function issuingNode(platform: Platform, actor: Actor, chosen: { id: string; name: string } | null) {
  if (chosen) return chosen.name;
  const { db } = platform;
  if (actor.orgUnitId) {
    const own = await db.selectFrom('orgUnit').select('name').where('id', '=', actor.orgUnitId).executeTakeFirst();
    if (own) return own.name;
  }
  const root = await db.selectFrom('orgUnit').select('name').where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
  return root?.name ?? '';
}

/**
 * The body of the yearly work report, drafted from the overview (the same figures as the dashboard). Sections are
 * numbered in order of the panels present; staff finish it in Word.
 */
export interface TownshipRow {
  name: string;
  volunteers: number;
  activities: number;
  audience: number;
  cases: number;
  amountFen: number;
  named: number;
}

/** What the report adds to the overview: per-township figures, the year's notable deeds, next year's targets. */
export interface YearlyExtras {
  townships: TownshipRow[];
  deeds: { title: string; deedDate: string; ownerName: string }[];
  nextTargets: { title: string; kind: string; ownerName: string }[];
}

export function yearlyReportBody(o: DashboardOverview, place: string, extra: YearlyExtras = { townships: [], deeds: [], nextTargets: [] }): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let section = 0;
  const head = (text: string) => out.push(heading1(`${chineseOrdinal(++section)}、${text}`));
  const headline: string[] = [];
  if (o.volunteers) headline.push(`登记在册“五老”志愿者${n(o.volunteers.total)}人`);
  if (o.activities) headline.push(`开展各类活动${n(o.activities.activities)}场次、受众${n(o.activities.audience)}人次`);
  if (o.careCases) headline.push(`新建帮扶对象档案${n(o.careCases.cases)}个`);
  if (o.assistance) headline.push(`发放帮扶资金${yuan(o.assistance.amountFen)}元`);
  out.push(
    para(
      `${o.year}年，在各成员单位共同努力下，${place}各级关工委围绕立德树人、助弱帮困、固本强基三项重点工作主动作为，` +
        `广大“五老”无私奉献、担当有为，推动关心下一代工作稳步提升。${headline.length ? `全年${headline.join('，')}。` : ''}现将有关情况总结如下。`,
    ),
  );

  if (extra.townships.length > 1) {
    const t = extra.townships;
    out.push(tableTitle('表0  分乡镇（街道）主要工作情况'));
    out.push(dataTable(['乡镇（街道）', '“五老”（人）', '活动（场次）', '受众（人次）', '帮扶对象（个）', '帮扶资金（元）', '命名创建（个）'], t.map((r) => [r.name, n(r.volunteers), n(r.activities), n(r.audience), n(r.cases), yuan(r.amountFen), n(r.named)]), {
      total: [n(sumOf(t, (r) => r.volunteers)), n(sumOf(t, (r) => r.activities)), n(sumOf(t, (r) => r.audience)), n(sumOf(t, (r) => r.cases)), yuan(sumOf(t, (r) => r.amountFen)), n(sumOf(t, (r) => r.named))],
      shares: [3, 2, 2, 2, 2, 3, 2],
    }));
    out.push(blank());
  }

  if (o.volunteers) {
    const v = o.volunteers;
    head('“五老”队伍建设');
    const cats = v.byCategory.filter((c) => c.count > 0).map((c) => `${c.label}${n(c.count)}人`);
    const ages = v.byAgeBand.filter((c) => c.count > 0).map((c) => `${c.label}${n(c.count)}人`);
    out.push(para(`截至目前，登记在册“五老”志愿者${n(v.total)}人，其中在服务${n(v.active)}人${cats.length ? `；按类别分，${cats.join('、')}` : ''}${ages.length ? `；按年龄分，${ages.join('、')}` : ''}。全年累计志愿服务${v.yearHours.toFixed(1)}小时。`));
    out.push(tableTitle(`表${section}  “五老”志愿者分类情况`));
    out.push(dataTable(['类别', '人数'], v.byCategory.map((c) => [c.label, n(c.count)]), { total: [n(v.total)], shares: [3, 2] }));
    if (v.byTownship.length > 1) {
      out.push(blank());
      out.push(tableTitle(`表${section}-2  分乡镇“五老”志愿者和服务时长`));
      out.push(dataTable(['乡镇（街道）', '人数', '服务时长（小时）'], v.byTownship.map((t) => [t.label, n(t.count), t.hours.toFixed(1)]), {
        total: [n(sumOf(v.byTownship, (t) => t.count)), sumOf(v.byTownship, (t) => t.hours).toFixed(1)],
        shares: [3, 2, 2],
      }));
    }
  }

  if (o.activities) {
    const a = o.activities;
    head('宣传教育活动');
    const types = a.byType.filter((t) => t.activities > 0).map((t) => `${t.label}${n(t.activities)}场次`);
    out.push(para(`全年开展各类活动${n(a.activities)}场次，受众${n(a.audience)}人次${types.length ? `，其中${types.join('、')}` : ''}。用小故事演绎大道理、小切口展现大主题，深入学校、企业、村社广泛开展宣传宣讲。`));
    if (o.lectures) out.push(para(`菜单式宣讲受理预约${n(o.lectures.requests)}场，已完成宣讲${n(o.lectures.held)}场，预计受众${n(o.lectures.audienceEstimate)}人次。`));
    out.push(tableTitle(`表${section}  活动分类情况`));
    out.push(dataTable(['活动类型', '场次', '受众（人次）'], a.byType.map((t) => [t.label, n(t.activities), n(t.audience)]), { total: [n(a.activities), n(a.audience)], shares: [3, 2, 2] }));
  } else if (o.lectures) {
    head('宣传宣讲');
    out.push(para(`菜单式宣讲受理预约${n(o.lectures.requests)}场，已完成宣讲${n(o.lectures.held)}场。`));
  }

  if (o.careCases || o.assistance) {
    head('关爱帮扶');
    if (o.careCases) {
      const c = o.careCases;
      const cats = c.byCategory.filter((x) => x.count > 0).map((x) => `${x.label}${n(x.count)}人`);
      const results = c.outcomes.filter((x) => x.count > 0).map((x) => `${x.label}${n(x.count)}人`);
      out.push(para(`全年新建帮扶对象档案${n(c.cases)}个，其中在帮${n(c.open)}个、已结案${n(c.closed)}个${cats.length ? `；按类别分（一人可属多类），${cats.join('、')}` : ''}。${results.length ? `帮扶成效：${results.join('、')}。` : ''}`));
    }
    if (o.assistance) {
      const s = o.assistance;
      out.push(para(`全年登记帮扶${n(s.count)}笔，惠及${n(s.cases)}人，金额${yuan(s.amountFen)}元。`));
      out.push(tableTitle(`表${section}  帮扶资金分类情况`));
      out.push(dataTable(['帮扶类型', '笔数', '金额（元）'], s.byKind.map((k) => [k.label, n(k.count), yuan(k.amountFen)]), { total: [n(s.count), yuan(s.amountFen)], shares: [3, 2, 2] }));
      if (s.byTownship.length) {
        out.push(blank());
        out.push(tableTitle(`表${section}-2  分乡镇帮扶资金情况`));
        out.push(dataTable(['乡镇（街道）', '笔数', '金额（元）'], s.byTownship.map((k) => [k.label, n(k.count), yuan(k.amountFen)]), { total: [n(s.count), yuan(s.amountFen)], shares: [3, 2, 2] }));
      }
    }
  }

  if (o.training && o.training.classes > 0) {
    const t = o.training;
    head('青少年创业就业技能培训');
    const need = sumOf(t.byIndustry, (i) => i.demand);
    const matched = t.byIndustry.filter((i) => i.trainees > 0).map((i) => `${i.label}参训${n(i.trainees)}人、在本产业就业创业${n(i.employedInIndustry)}人${i.demand ? `（用工需求${n(i.demand)}人）` : ''}`);
    out.push(para(
      `围绕县域重点产业用工需求，联合各成员单位举办青少年创业就业技能培训班${n(t.classes)}期，参训${n(t.trainees)}人，结业${n(t.completed)}人；` +
        `经跟踪回访，实现就业${n(t.employed)}人、自主创业${n(t.business)}人，其中在培训对应产业就业创业${n(t.employedInIndustry)}人${need ? `，各重点产业全年提出用工需求${n(need)}人` : ''}。` +
        `${matched.length ? `分产业看，${matched.join('；')}。` : ''}`,
    ));
  }

  if (o.creations && o.creations.byTownship.length) {
    const c = o.creations;
    head('平安成长环境创建');
    const named = c.byStatus.find((x) => x.key === 'named')?.count ?? 0;
    const revoked = c.byStatus.find((x) => x.key === 'revoked')?.count ?? 0;
    out.push(para(`深入开展未成年人“零犯罪学校”“零犯罪村（社区）”等创建活动，现有命名单位${n(named)}个${revoked ? `，因发生案事件撤销命名${n(revoked)}个` : ''}。`));
    out.push(tableTitle(`表${section}  分乡镇创建情况`));
    out.push(dataTable(['乡镇（街道）', '已命名', '申报验收中', '已撤销', '合计'], c.byTownship.map((t) => [t.townshipName, n(t.named), n(t.applied), n(t.revoked), n(t.total)]), {
      total: [n(sumOf(c.byTownship, (t) => t.named)), n(sumOf(c.byTownship, (t) => t.applied)), n(sumOf(c.byTownship, (t) => t.revoked)), n(sumOf(c.byTownship, (t) => t.total))],
      shares: [3, 2, 2, 2, 2],
    }));
  }

  if (o.targets && o.targets.length) {
    const t = o.targets;
    head('目标任务推进');
    const total = sumOf(t, (r) => r.targets);
    const completed = sumOf(t, (r) => r.completed);
    const overdue = sumOf(t, (r) => r.overdue);
    out.push(para(`全年${n(t.length)}个单位列入目标清单${n(total)}项，已完成${n(completed)}项${overdue ? `，逾期未完成${n(overdue)}项` : ''}。`));
    out.push(tableTitle(`表${section}  各单位目标完成情况`));
    out.push(dataTable(['单位', '目标数', '已完成', '逾期', '平均进度'], t.map((r) => [r.label, n(r.targets), n(r.completed), n(r.overdue), `${r.averageProgress}%`]), {
      total: [n(total), n(completed), n(overdue), total ? `${Math.round((completed / total) * 100)}%完成` : '—'],
      shares: [4, 2, 2, 2, 2],
    }));
  }

  if (extra.deeds.length) {
    const d = extra.deeds;
    head('“像样的事”');
    const units = new Map<string, number>();
    for (const x of d) units.set(x.ownerName, (units.get(x.ownerName) ?? 0) + 1);
    out.push(para(`坚持“上要像样、下要保底”，全年${n(units.size)}个单位认定“像样的事”${n(d.length)}件。主要有：`));
    d.slice(0, 20).forEach((x, i) => out.push(para(`${i + 1}.${x.ownerName}：${x.title}（${chineseMonthDay(x.deedDate)}）。`)));
    if (d.length > 20) out.push(para(`另有${n(d.length - 20)}件，详见“像样的事”台账。`));
    out.push(tableTitle(`表${section}  各单位“像样的事”认定情况`));
    out.push(dataTable(['单位', '认定件数'], [...units].map(([k, v]) => [k, n(v)]), { total: [n(d.length)], shares: [4, 2] }));
  }

  head(`${o.year + 1}年工作打算`);
  if (extra.nextTargets.length) {
    const t = extra.nextTargets;
    const units = new Set(t.map((x) => x.ownerName));
    out.push(para(`${o.year + 1}年，${n(units.size)}个单位已列入目标任务${n(t.length)}项，重点是：`));
    t.slice(0, 15).forEach((x, i) => out.push(para(`${i + 1}.${x.ownerName}：${x.title}。`)));
    if (t.length > 15) out.push(para(`另有${n(t.length - 15)}项，详见目标清单。`));
  }
  out.push(para('一要认真学习贯彻宣传党的二十大精神，牢牢把握做好关心下一代工作的正确方向。二要履职尽责、主动作为，围绕立德树人、助弱帮困、固本强基抓好各项重点工作。三要强化组织领导和要素保障，切实构建“组织联体、工作联动、阵地联建、优势互补”的良好局面。'));
  return out;
}

/** Keep rows of org nodes at or below `path` (when a node was chosen). */
async function underNode<T extends { orgUnitId: string | null }>(platform: Platform, rows: T[], path: string | undefined): Promise<T[]> {
  if (!path) return rows;
  const ids = [...new Set(rows.map((r) => r.orgUnitId).filter((x): x is string => !!x))];
  if (!ids.length) return [];
  const under = new Set((await platform.db.selectFrom('orgUnit').select(['id', 'path']).where('id', 'in', ids).execute()).filter((u) => u.path.startsWith(path)).map((u) => u.id));
  return rows.filter((r) => r.orgUnitId && under.has(r.orgUnitId));
}

type Progress = (done: number, total: number, note?: string) => Promise<void>;

export function createYearlyReport(platform: Platform) {
  const overview = createDashboardService(platform);
  const care = careCaseStats(platform);

  /**
   * The township table: each township's figures as its own overview would give them (the same modules' statistics,
   * the same scope), but node by node in one pass per module and folded into townships — not an overview per
   * township (that was ~17 statements a township; issue 10). Panels the caller may not see stay 0, as there.
   */
  async function townshipRows(actor: Actor, o: DashboardOverview, list: { id: string; name: string }[], year: number): Promise<TownshipRow[]> {
    if (!list.length) return [];
    const paths = new Map((await platform.db.selectFrom('orgUnit').select(['id', 'path']).where('kind', '=', 'township').execute()).map((t) => [t.id, t.path]));
    const listed = list.map((t) => ({ path: paths.get(t.id) ?? '\u0000', ...t }));
    const acts = o.activities ? await activityTotalsByNode(platform, actor, { from: o.period.from, to: o.period.to }) : new Map<string, { activities: number; audience: number }>();
    const casesByNode = o.careCases ? await care.casesByNode(actor, { year }) : new Map<string, number>();
    const nodeIds = [...new Set([...acts.keys(), ...casesByNode.keys()])];
    const nodePaths = new Map(nodeIds.length ? (await platform.db.selectFrom('orgUnit').select(['id', 'path']).where('id', 'in', nodeIds).execute()).map((u) => [u.id, u.path]) : []);
    const townshipOf = new Map(nodeIds.map((node) => [node, listed.find((x) => (nodePaths.get(node) ?? '').startsWith(x.path))?.id]));
    const fold = (perNode: Iterable<[string, number]>) => {
      const out = new Map<string, number>();
      for (const [node, v] of perNode) {
        const t = townshipOf.get(node);
        if (t) out.set(t, (out.get(t) ?? 0) + v);
      }
      return out;
    };
    const activities = fold([...acts].map(([k, v]) => [k, v.activities]));
    const audience = fold([...acts].map(([k, v]) => [k, v.audience]));
    const cases = fold(casesByNode);
    const of = <T>(rows: T[] | undefined, key: (r: T) => string, value: (r: T) => number) => new Map((rows ?? []).map((r) => [key(r), value(r)]));
    const volunteers = of(o.volunteers?.byTownship, (r) => r.key, (r) => r.count);
    const amount = of(o.assistance?.byTownship, (r) => r.key, (r) => r.amountFen);
    const named = of(o.creations?.byTownship, (r) => r.townshipId, (r) => r.named);
    return list.map((t) => ({
      name: t.name,
      volunteers: volunteers.get(t.id) ?? 0,
      activities: activities.get(t.id) ?? 0,
      audience: audience.get(t.id) ?? 0,
      cases: cases.get(t.id) ?? 0,
      amountFen: amount.get(t.id) ?? 0,
      named: named.get(t.id) ?? 0,
    }));
  }

  return async function yearlyReport(actor: Actor, who: AuditActor, query: { year?: number; orgUnitId?: string }, progress: Progress = async () => {}) {
    const year = query.year ?? currentYear();
    const o = await overview(actor, { year, orgUnitId: query.orgUnitId });
    const nodePath = o.orgUnit ? (await platform.db.selectFrom('orgUnit').select('path').where('id', '=', o.orgUnit.id).executeTakeFirst())?.path : undefined;
    // Per-township rows: every township in scope (under the chosen node, when one is chosen and it is above them).
    let list = o.townships;
    if (nodePath) {
      const paths = new Map((await platform.db.selectFrom('orgUnit').select(['id', 'path']).where('kind', '=', 'township').execute()).map((t) => [t.id, t.path]));
      list = list.filter((t) => t.id !== o.orgUnit!.id && (paths.get(t.id) ?? '').startsWith(nodePath));
    }
    // Steps: the overview, the township table, deeds and targets, the document.
    const total = 4;
    await progress(1, total, '汇总全县数据');
    const rows = await townshipRows(actor, o, list, year);
    await progress(2, total, '汇总各乡镇（街道）数据');
    const canTargets = can(actor, 'target:read') || can(actor, 'assessment:rank');
    const deeds = canTargets || can(actor, 'notableDeed:read') ? await underNode(platform, await qualifiedDeeds(platform.db, actor, year), nodePath) : [];
    const nextTargets = canTargets ? await underNode(platform, await targetTitles(platform.db, actor, year + 1), nodePath) : [];
    await progress(3, total, '撰写文稿');
    const place = await issuingNode(platform, actor, o.orgUnit);
    const issuer = `${place}关心下一代工作委员会`;
    const title = `${issuer}${year}年工作总结`;
    const buffer = await officialDocument({ title, issuer, date: todayLocal(), children: yearlyReportBody(o, place.endsWith('县') ? '我县' : place, { townships: rows, deeds, nextTargets }) });
    await platform.record(who, { event: 'report.yearly', objectType: 'report', summary: `生成年度工作总结：${title}`, detail: { year, orgUnitId: query.orgUnitId ?? null } });
    return { buffer, fileName: `${title}.docx` };
  };
}

import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../platform/files/excel.js';
import type { DashboardOverview } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { escapeCell } from '../../platform/files/excel.js';
import { createDashboardService, currentYear } from '../dashboard/index.js';

type Cell = string | number;
interface Block {
  title: string;
  headers: string[];
  /** Per column: count (integer), money (yuan, #,##0.00), hours (0.0), or text. */
  types: ('text' | 'count' | 'money' | 'hours')[];
  rows: Cell[][];
  total?: boolean;
}

const formats = { count: '#,##0', money: '#,##0.00', hours: '0.0', text: '@' } as const;

/**
 * One sheet in the office layout: a merged title row, then blocks (a bold block title, a header row with 序号,
 * the rows, a bold 合计 where numbers add up). The first header is frozen.
 */
function addSheet(wb: ExcelJS.Workbook, name: string, title: string, blocks: Block[]) {
  const ws = wb.addWorksheet(name);
  const width = Math.max(...blocks.map((b) => b.headers.length)) + 1;
  ws.mergeCells(1, 1, 1, width);
  Object.assign(ws.getCell(1, 1), { value: title, font: { bold: true, size: 16 }, alignment: { horizontal: 'center' } });
  ws.getRow(1).height = 28;
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 22;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = 16;
  let first = true;
  for (const b of blocks) {
    if (!first) ws.addRow([]);
    const caption = ws.addRow([b.title]);
    caption.font = { bold: true };
    const header = ws.addRow(['序号', ...b.headers]);
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    if (first) ws.views = [{ state: 'frozen', ySplit: header.number }];
    first = false;
    const fmt = (row: ExcelJS.Row) => b.types.forEach((t, i) => { row.getCell(i + 2).numFmt = formats[t]; });
    b.rows.forEach((r, i) => fmt(ws.addRow([i + 1, ...r.map((v) => (typeof v === 'string' ? escapeCell(v) : v))])));
    if (b.total) {
      const totals = b.types.map((t, i) => (t === 'text' ? null : b.rows.reduce((s, r) => s + Number(r[i] ?? 0), 0)));
      const row = ws.addRow(['合计', ...totals.map((v, i) => (b.types[i] === 'money' || b.types[i] === 'hours' ? Math.round(Number(v) * 100) / 100 : v))]);
      row.font = { bold: true };
      fmt(row);
    }
  }
  return ws;
}

const yuan = (fen: number) => fen / 100;

/** The sheets of the return, from the overview: the same figures as the dashboard. */
export async function returnsWorkbook(o: DashboardOverview, meta: { title: string; periodLabel: string; exportedBy: string; filters: Record<string, string> }) {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = '关工通';
  wb.created = new Date();
  const t = (what: string) => `${meta.title}——${what}（${meta.periodLabel}）`;
  let rows = 0;
  const count = (b: Block[]) => { rows += b.reduce((s, x) => s + x.rows.length, 0); return b; };
  if (o.volunteers) {
    const v = o.volunteers;
    addSheet(wb, '五老队伍', t('“五老”队伍'), count([
      { title: '按类别', headers: ['类别', '人数'], types: ['text', 'count'], rows: v.byCategory.map((c) => [c.label, c.count]), total: true },
      { title: '按年龄段', headers: ['年龄段', '人数'], types: ['text', 'count'], rows: v.byAgeBand.map((c) => [c.label, c.count]), total: true },
      { title: '按乡镇（街道）', headers: ['乡镇（街道）', '人数', '服务时长（小时）'], types: ['text', 'count', 'hours'], rows: v.byTownship.map((c) => [c.label, c.count, c.hours]), total: true },
    ]));
  }
  if (o.careCases) {
    const c = o.careCases;
    addSheet(wb, '关爱帮扶', t('关爱帮扶对象'), count([
      { title: '按状态', headers: ['状态', '人数'], types: ['text', 'count'], rows: c.byStatus.map((x) => [x.label, x.count]), total: true },
      { title: '按类别（一人可属多类）', headers: ['类别', '人数'], types: ['text', 'count'], rows: c.byCategory.map((x) => [x.label, x.count]) },
      { title: '帮扶成效', headers: ['成效', '人数'], types: ['text', 'count'], rows: c.outcomes.map((x) => [x.label, x.count]) },
    ]));
  }
  if (o.assistance) {
    const s = o.assistance;
    const money = (rs: { label: string; count: number; amountFen: number }[]) => rs.map((r): Cell[] => [r.label, r.count, yuan(r.amountFen)]);
    addSheet(wb, '帮扶资金', t('帮扶资金物资'), count([
      { title: '按帮扶类型', headers: ['帮扶类型', '笔数', '金额（元）'], types: ['text', 'count', 'money'], rows: money(s.byKind), total: true },
      { title: '按资金来源', headers: ['资金来源', '笔数', '金额（元）'], types: ['text', 'count', 'money'], rows: money(s.bySource), total: true },
      { title: '按乡镇（街道）', headers: ['乡镇（街道）', '笔数', '金额（元）'], types: ['text', 'count', 'money'], rows: money(s.byTownship), total: true },
    ]));
  }
  if (o.activities) {
    const a = o.activities;
    addSheet(wb, '活动', t('宣传教育活动'), count([
      { title: '按活动类型', headers: ['活动类型', '场次', '受众（人次）'], types: ['text', 'count', 'count'], rows: a.byType.map((x) => [x.label, x.activities, x.audience]), total: true },
      { title: '按月份', headers: ['月份', '场次', '受众（人次）'], types: ['text', 'count', 'count'], rows: a.byMonth.map((x) => [x.label, x.activities, x.audience]), total: true },
    ]));
  }
  if (o.lectures) {
    addSheet(wb, '宣讲', t('菜单式宣讲'), count([
      { title: '按预约状态', headers: ['状态', '场数'], types: ['text', 'count'], rows: o.lectures.byStatus.map((x) => [x.label, x.count]), total: true },
    ]));
  }
  if (o.creations) {
    const c = o.creations;
    addSheet(wb, '创建活动', t('创建活动'), count([
      { title: '按乡镇（街道）', headers: ['乡镇（街道）', '已命名', '申报验收中', '已撤销', '合计'], types: ['text', 'count', 'count', 'count', 'count'], rows: c.byTownship.map((x) => [x.townshipName, x.named, x.applied, x.revoked, x.total]), total: true },
      { title: '按状态', headers: ['状态', '个数'], types: ['text', 'count'], rows: c.byStatus.map((x) => [x.label, x.count]), total: true },
    ]));
  }
  if (o.targets) {
    addSheet(wb, '目标清单', t('各单位目标完成情况'), count([
      { title: '按责任单位', headers: ['单位', '目标数', '已完成', '逾期', '平均进度（%）'], types: ['text', 'count', 'count', 'count', 'count'], rows: o.targets.map((x) => [x.label, x.targets, x.completed, x.overdue, x.averageProgress]), total: false },
    ]));
  }
  const info = wb.addWorksheet('填报说明');
  info.addRow(['统计期间', meta.periodLabel]);
  info.addRow(['统计范围', o.orgUnit?.name ?? '本人数据范围内全部']);
  info.addRow(['口径', '活动、宣讲按统计期间计；“五老”人数为当前在册数，服务时长、帮扶对象（按登记日期）和帮扶资金（按发放日期）按统计年度计。数字与工作概览一致。']);
  info.addRow(['导出时间', new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })]);
  info.addRow(['导出人', meta.exportedBy]);
  for (const [k, v] of Object.entries(meta.filters)) info.addRow([`筛选：${k}`, escapeCell(v)]);
  info.getColumn(1).width = 16;
  info.getColumn(2).width = 60;
  return { wb, rows };
}

const quarterRange = (year: number, q: number) => {
  const last = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
  return { from: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${year}-${String(q * 3).padStart(2, '0')}-${last}` };
};

export function createReturns(platform: Platform) {
  const overview = createDashboardService(platform);
  return async function returns(actor: Actor, who: AuditActor, query: { year?: number; quarter?: number; orgUnitId?: string }, progress: (done: number, total: number, note?: string) => Promise<void> = async () => {}) {
    const year = query.year ?? currentYear();
    const range = query.quarter ? quarterRange(year, query.quarter) : {};
    await progress(0, 3, '汇总数据');
    const o = await overview(actor, { year, orgUnitId: query.orgUnitId, ...range });
    await progress(1, 3, '填写报表');
    const periodLabel = query.quarter ? `${year}年第${'一二三四'[query.quarter - 1]}季度` : `${year}年度`;
    const title = `${o.orgUnit?.name ?? ''}关心下一代工作统计报表`;
    const filters: Record<string, string> = { 年度: String(year) };
    if (query.quarter) filters['季度'] = String(query.quarter);
    if (o.orgUnit) filters['组织'] = o.orgUnit.name;
    const { wb, rows } = await returnsWorkbook(o, { title, periodLabel, exportedBy: actor.displayName, filters });
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await progress(2, 3, '保存文件');
    await platform.record(who, { event: 'report.returns', objectType: 'report', summary: `导出统计报表：${periodLabel}，${rows} 行`, detail: { rows, year, quarter: query.quarter ?? null, orgUnitId: query.orgUnitId ?? null } });
    return { buffer, base: `统计报表-${periodLabel}`, rows };
  };
}

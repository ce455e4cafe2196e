import { AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, convertMillimetersToTwip } from 'docx';
import { assessmentStatusLabels, type AssessmentStatus, type Ranking } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { chinaToday } from '../targets/index.js';
import { assessmentRepository } from './repository.js';

/** The score a unit ranks by: final, else reviewed, else self-assessed. Equal scores share a rank (1, 2, 2, 4). */
export async function ranking(platform: Platform, actor: Actor, year: number, rubricId: string): Promise<Ranking> {
  const repo = assessmentRepository(platform.db);
  const rubric = await repo.rubric(rubricId);
  if (!rubric) throw new AppError('RUBRIC_NOT_FOUND');
  const rows = await repo.all(actor, { year, rubricId });
  const scored = rows.map((a) => {
    const n = (v: number | null) => (v === null ? null : Number(v));
    const score = n(a.finalScore) ?? n(a.reviewTotal) ?? n(a.selfTotal);
    return { assessmentId: a.id, ownerName: a.ownerName, status: a.status as AssessmentStatus, selfTotal: n(a.selfTotal), reviewTotal: n(a.reviewTotal), finalScore: n(a.finalScore), score };
  });
  scored.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.ownerName.localeCompare(b.ownerName, 'zh-CN'));
  let rank = 0;
  const out = scored.map((r, i) => {
    if (r.score === null) return { rank: null, ...r };
    if (i === 0 || scored[i - 1].score !== r.score) rank = i + 1;
    return { rank, ...r };
  });
  return { year, rubricId, rubricName: rubric.name, rows: out };
}

export async function exportRanking(platform: Platform, actor: Actor, who: AuditActor, year: number, rubricId: string) {
  const r = await ranking(platform, actor, year, rubricId);
  const buffer = await buildWorkbook({
    title: `${year}年度${r.rubricName}考核结果`,
    sheetName: '考核结果',
    columns: [
      { header: '名次', type: 'count', value: (x) => x.rank },
      { header: '单位', width: 28, value: (x) => x.ownerName },
      { header: '状态', value: (x) => assessmentStatusLabels[x.status] },
      { header: '自评分', type: 'count', value: (x) => x.selfTotal },
      { header: '审核分', type: 'count', value: (x) => x.reviewTotal },
      { header: '最终得分', type: 'count', value: (x) => x.finalScore },
    ],
    rows: r.rows,
    filters: { 年度: String(year), 考核细则: r.rubricName },
    exportedBy: actor.displayName,
  });
  await platform.record(who, { event: 'assessment.export', objectType: 'rubric', objectId: rubricId, summary: `导出${year}年度考核结果 ${r.rows.length} 条`, detail: { rows: r.rows.length, year } });
  return buffer;
}

// GB/T 9704-2012: A4, top 37 mm, left 28 mm, text block 156 × 225 mm; title 2号 方正小标宋简体, body 3号 仿宋_GB2312.
const PAGE = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297), top: convertMillimetersToTwip(37), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26), bottom: convertMillimetersToTwip(35) };
const TEXT_WIDTH = convertMillimetersToTwip(156);
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const run = (text: string, o: { font?: string; size?: number; bold?: boolean } = {}) => new TextRun({ text, font: font(o.font ?? '仿宋_GB2312'), size: o.size ?? 32, bold: o.bold, color: '000000' });
const para = (children: TextRun[], o: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ children, spacing: LINE, alignment: o.align ?? AlignmentType.JUSTIFIED, indent: o.indent === false ? undefined : { firstLine: 640 } });
const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * 考核结果汇总 in the official layout (office-files.md): title, an opening paragraph, "一、" headings in 黑体,
 * a results table with a bold header row, the issuing office and the date in Chinese form, "— 1 —" page numbers.
 * The title asks for 方正小标宋简体; Word falls back to 宋体 where it is not installed, so the run is also bold-free
 * and centred as the standard lays out.
 */
export async function rankingSummaryDocx(platform: Platform, actor: Actor, who: AuditActor, year: number, rubricId: string) {
  const r = await ranking(platform, actor, year, rubricId);
  const finals = r.rows.filter((x) => x.finalScore !== null);
  const scores = r.rows.flatMap((x) => (x.score === null ? [] : [x.score]));
  const avg = scores.length ? Math.round((scores.reduce((s, v) => s + v, 0) / scores.length) * 10) / 10 : 0;
  const top = r.rows.filter((x) => x.rank !== null && x.rank <= 3);
  const root = await platform.db.selectFrom('orgUnit').select('name').where('parentId', 'is', null).executeTakeFirst();
  const issuer = `${root?.name ?? ''}关心下一代工作委员会办公室`;
  const widths = [900, 4056, 1400, 1400, 1600];
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (t: string, w: number, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) =>
    new TableCell({ width: { size: w, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, children: [new Paragraph({ alignment: align, children: [run(t, { size: 28, bold })] })] });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: ['名次', '单位', '自评分', '审核分', '最终得分'].map((h, i) => cell(h, widths[i], true)) }),
      ...r.rows.map((x) => new TableRow({ children: [cell(x.rank === null ? '—' : String(x.rank), widths[0]), cell(x.ownerName, widths[1], false, AlignmentType.LEFT), cell(x.selfTotal?.toString() ?? '—', widths[2]), cell(x.reviewTotal?.toString() ?? '—', widths[3]), cell(x.finalScore?.toString() ?? '—', widths[4])] })),
    ],
  });
  const doc = new Document({
    creator: '关工通',
    title: `${year}年度考核结果汇总`,
    styles: { default: { document: { run: { font: font('仿宋_GB2312'), size: 32 } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: convertMillimetersToTwip(25) } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: font('宋体') })] })] }) },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(`关于${year}年度${r.rubricName.replace(/考核细则$/, '')}考核结果的通报`, { font: '方正小标宋简体', size: 44 })] }),
          para([run('')], { indent: false }),
          para([run(`按照“把关心下一代工作量化为目标清单、责任清单，加强跟踪推进”的要求，县关工委办公室对${year}年度${r.rows.length}个单位的关心下一代工作进行了考核。各单位对照考核细则开展自评，县关工委办公室逐项审核，现将考核结果通报如下。`)]),
          para([run('一、总体情况', { font: '黑体' })]),
          para([run(`参加考核单位${r.rows.length}个，已定分${finals.length}个，平均得分${avg}分。${top.length ? `排名前列的是：${top.map((x) => x.ownerName).join('、')}。` : ''}`)]),
          para([run('二、考核结果', { font: '黑体' })]),
          table,
          para([run('')], { indent: false }),
          para([run('三、下一步要求', { font: '黑体' })]),
          para([run('各单位要对照考核中发现的问题认真整改，每年至少做出一件像样的事，上不封顶、下要保底；联席会议交办的任务要按期办结，推动关心下一代工作再上新台阶。')]),
          para([run('')], { indent: false }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [run(issuer)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 1280 }, children: [run(chineseDate(chinaToday()))] }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  await platform.record(who, { event: 'assessment.summary', objectType: 'rubric', objectId: rubricId, summary: `生成${year}年度考核结果通报（Word）`, detail: { rows: r.rows.length, year } });
  return { buffer, fileName: `${year}年度考核结果通报.docx` };
}

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { maskIdNumber, sexLabels, volunteerCategoryLabels, type Sex, type VolunteerCategory } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { orgUnitRepository } from '../orgUnits/repository.js';
import { volunteerPolicy } from './policy.js';
import { decryptVolunteer, hoursOf } from './presenter.js';
import type { VolunteerService } from './service.js';
import { honoursOf } from './honours.js';
import { honourLevelLabels, type HonourLevel } from '@gg/shared';

/** GB/T 9704-2012 layout: A4, top 37 mm, left 28 mm, text block 156 × 225 mm. */
const PAGE = {
  width: convertMillimetersToTwip(210),
  height: convertMillimetersToTwip(297),
  top: convertMillimetersToTwip(37),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(210 - 28 - 156),
  bottom: convertMillimetersToTwip(297 - 37 - 225),
};
const TEXT_WIDTH = convertMillimetersToTwip(156);
const FONT_TITLE = '方正小标宋简体';
const FONT_BODY = '仿宋_GB2312';
const FONT_HEADING = '黑体';
const FONT_PAGE = '宋体';
const SIZE_2 = 44; // 2号 = 22 pt (half-points)
const SIZE_3 = 32; // 3号 = 16 pt
const SIZE_4 = 28; // 4号 = 14 pt
const LINE = { line: 579, lineRule: LineRuleType.EXACT }; // fixed 28.95 pt: 22 lines a page

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text, bold: opts.bold, size: opts.size ?? SIZE_3, font: font(opts.font ?? FONT_BODY), color: '000000' });
const body = (text: string | TextRun[], opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    children: typeof text === 'string' ? [run(text)] : text,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: LINE,
  });

/** 2025年12月20日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const todayLocal = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function cell(text: string, opts: { bold?: boolean; width: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] }) {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment: opts.align ?? AlignmentType.CENTER, children: [run(text, { bold: opts.bold, size: SIZE_4 })] })],
  });
}

/**
 * 志愿服务记录证明 (民政部令第67号《志愿服务记录与证明出具办法（试行）》): the volunteer's identity
 * (ID number masked), the organisation they serve with, service content, hours, the period,
 * the issuing organisation and the date of issue, laid out as an official document (office-files.md).
 */
export function createCertificateService(platform: Platform, volunteers: VolunteerService) {
  const { db, cipher } = platform;

  return async function certificate(actor: Actor, who: AuditActor, id: string, query: { from?: string; to?: string }) {
    const v = await volunteers.load(actor, id);
    if (!volunteerPolicy.certificate(actor, v)) throw new AppError('FORBIDDEN');
    const first = await db.selectFrom('volunteerService').select((eb) => eb.fn.min<string>('serviceDate').as('d')).where('volunteerId', '=', id).executeTakeFirst();
    const from = query.from ?? v.joinDate ?? first?.d ?? todayLocal();
    const to = query.to ?? todayLocal();
    const records = await db
      .selectFrom('volunteerService as s')
      .leftJoin('volunteerTeam as t', 't.id', 's.teamId')
      .select(['s.serviceDate', 's.hoursTenths', 's.description', 't.name as teamName'])
      .where('s.volunteerId', '=', id)
      .where('s.serviceDate', '>=', from)
      .where('s.serviceDate', '<=', to)
      .orderBy('s.serviceDate')
      .orderBy('s.createdAt')
      .execute();
    const tenths = records.reduce((sum, r) => sum + Number(r.hoursTenths), 0);
    const totalHours = hoursOf(tenths);
    const orgRepo = orgUnitRepository(db);
    const volunteerOrg = await orgRepo.findById(v.orgUnitId);
    const issuerNode = actor.orgUnitId ? await orgRepo.findById(actor.orgUnitId) : undefined;
    const issuer = `${issuerNode?.name ?? volunteerOrg?.name ?? ''}关心下一代工作委员会`;
    const plain = decryptVolunteer(v, cipher);
    const identity = plain.idNumber ? maskIdNumber(plain.idNumber) : '未登记';
    const issuedOn = todayLocal();
    const teams = [...new Set(records.map((r) => r.teamName).filter(Boolean))] as string[];
    // Honours awarded in the period that staff marked for the certificate (oldest first).
    const honours = (await honoursOf(db, id, { from, to, onCertificate: true })).reverse();

    const widths = [900, 1900, 4544, 1500];
    const table = new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: {
        top: { style: BorderStyle.SINGLE, size: 6, color: '000000' },
        bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000' },
        left: { style: BorderStyle.SINGLE, size: 6, color: '000000' },
        right: { style: BorderStyle.SINGLE, size: 6, color: '000000' },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
        insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      },
      rows: [
        new TableRow({ tableHeader: true, children: ['序号', '服务日期', '服务内容', '时长（小时）'].map((h, i) => cell(h, { bold: true, width: widths[i] })) }),
        ...records.map(
          (r, i) =>
            new TableRow({
              children: [
                cell(String(i + 1), { width: widths[0] }),
                cell(r.serviceDate, { width: widths[1] }),
                cell(r.teamName ? `${r.description}（${r.teamName}）` : r.description, { width: widths[2], align: AlignmentType.LEFT }),
                cell(hoursOf(r.hoursTenths).toFixed(1), { width: widths[3] }),
              ],
            }),
        ),
        new TableRow({
          children: [
            new TableCell({ columnSpan: 3, width: { size: widths[0] + widths[1] + widths[2], type: WidthType.DXA }, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('合计', { bold: true, size: SIZE_4 })] })] }),
            cell(totalHours.toFixed(1), { bold: true, width: widths[3] }),
          ],
        }),
      ],
    });

    const doc = new Document({
      creator: '关工通',
      title: `志愿服务记录证明-${v.name}`,
      styles: { default: { document: { run: { font: font(FONT_BODY), size: SIZE_3 } } } },
      sections: [
        {
          properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: convertMillimetersToTwip(25) } } },
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE_4, font: font(FONT_PAGE) })],
                }),
              ],
            }),
          },
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run('志愿服务记录证明', { size: SIZE_2, font: FONT_TITLE })] }),
            new Paragraph({ spacing: LINE, children: [] }),
            body(
              `兹证明${v.name}（性别：${sexLabels[v.sex as Sex]}，公民身份号码：${identity}）系${volunteerOrg?.name ?? ''}登记在册的“五老”志愿者（${volunteerCategoryLabels[v.category as VolunteerCategory]}），` +
                `于${chineseDate(from)}至${chineseDate(to)}期间参加关心下一代志愿服务${records.length}次，累计服务时长${totalHours.toFixed(1)}小时。`,
            ),
            body([run('一、服务组织', { font: FONT_HEADING })]),
            body(`${volunteerOrg?.name ?? ''}关心下一代工作委员会${teams.length ? `；所在队伍：${teams.join('、')}` : ''}。`),
            body([run('二、服务内容及时长', { font: FONT_HEADING })]),
            table,
            ...(honours.length
              ? [
                  body([run('三、表彰奖励', { font: FONT_HEADING })]),
                  ...honours.map((h, i) => body(`${i + 1}. ${chineseDate(h.awardedOn)}，${h.title}（${honourLevelLabels[h.level as HonourLevel]}${h.awardedBy ? `，${h.awardedBy}授予` : ''}）。`)),
                ]
              : []),
            new Paragraph({ spacing: LINE, children: [] }),
            body('以上服务记录由关工通志愿服务记录系统如实记载，与本组织留存记录一致。'),
            body('特此证明。'),
            new Paragraph({ spacing: LINE, children: [] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [run(issuer)] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 1280 }, children: [run(chineseDate(issuedOn))] }),
          ],
        },
      ],
    });
    const buffer = await Packer.toBuffer(doc);
    await platform.record(who, {
      event: 'volunteer.certificate', objectType: 'volunteer', objectId: id, summary: `开具志愿服务记录证明：${v.name}（${from} 至 ${to}，${totalHours.toFixed(1)} 小时）`,
      detail: { from, to, records: records.length, hours: totalHours, honours: honours.length, issuer },
    });
    return { buffer, fileName: `志愿服务记录证明-${v.name}-${issuedOn}.docx`, totalHours, records: records.length };
  };
}

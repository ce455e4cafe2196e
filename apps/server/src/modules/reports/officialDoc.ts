import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun,
  VerticalAlign, WidthType,
} from 'docx';

/**
 * Building blocks of an official document in the GB/T 9704-2012 layout (office-files.md): A4, top 37 mm, left 28 mm,
 * text block 156 × 225 mm; title 2号 方正小标宋简体; body 3号 仿宋_GB2312 with a two-character first-line indent and a
 * fixed 28.95 pt line; "一、" headings in 黑体; page numbers "— 1 —" in 4号 宋体; tables with a bold header and 合计.
 * Fonts name a fallback (宋体 / 仿宋) through w:altName in the font table, so a machine without the GB fonts still
 * shows the right family. The title is bold so that the 宋体 fallback reads as a title.
 */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297), top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) };
export const TEXT_WIDTH = mm(156);
export const FONT_TITLE = '方正小标宋简体';
export const FONT_BODY = '仿宋_GB2312';
export const FONT_HEADING = '黑体';
export const FONT_SUBHEADING = '楷体_GB2312';
const FONT_PAGE = '宋体';
const SIZE_2 = 44; // 2号 = 22 pt (half-points)
const SIZE_3 = 32; // 3号 = 16 pt
const SIZE_4 = 28; // 4号 = 14 pt
const LINE = { line: 579, lineRule: LineRuleType.EXACT }; // fixed 28.95 pt: 22 lines a page
/** Fallbacks for fonts a stock Windows lacks. */
const ALT: Record<string, string> = { [FONT_TITLE]: '宋体', [FONT_BODY]: '仿宋', [FONT_SUBHEADING]: '楷体' };

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export const run = (text: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text, bold: opts.bold, size: opts.size ?? SIZE_3, font: font(opts.font ?? FONT_BODY), color: '000000' });

/** A body paragraph: 3号 仿宋, two-character first-line indent, fixed line spacing. */
export const para = (text: string | TextRun[], opts: { indent?: boolean; align?: Align } = {}) =>
  new Paragraph({
    children: typeof text === 'string' ? [run(text)] : text,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: LINE,
  });

/** "一、…" in 黑体. */
export const heading1 = (text: string) => para([run(text, { font: FONT_HEADING })]);
/** "（一）…" in 楷体. */
export const heading2 = (text: string) => para([run(text, { font: FONT_SUBHEADING })]);
export const blank = () => new Paragraph({ spacing: LINE, children: [] });

/** 2025年12月20日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 一、二、…十、十一 */
export function chineseOrdinal(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n <= 10) return n === 10 ? '十' : d[n];
  return n < 20 ? `十${d[n - 10]}` : `${d[Math.floor(n / 10)]}十${d[n % 10]}`;
}

function cell(text: string, opts: { bold?: boolean; width: number; align?: Align; span?: number }) {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment: opts.align ?? AlignmentType.CENTER, children: [run(text, { bold: opts.bold, size: SIZE_4 })] })],
  });
}

/** A table title line (centred, 黑体) above a table. */
export const tableTitle = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(text, { font: FONT_HEADING, size: SIZE_4 })] });

/**
 * A table with a bold header row, rows of text, and (when `total` is given) a bold 合计 row. Column widths are
 * shares of the text block.
 */
export function dataTable(headers: string[], rows: string[][], opts: { total?: string[]; shares?: number[] } = {}) {
  const shares = opts.shares ?? headers.map(() => 1);
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((TEXT_WIDTH * s) / sum));
  const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const inner = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: inner, insideVertical: inner },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, width: widths[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, { width: widths[i], align: i === 0 ? AlignmentType.LEFT : AlignmentType.CENTER })) })),
      ...(opts.total ? [new TableRow({ children: ['合计', ...opts.total].map((v, i) => cell(v, { bold: true, width: widths[i] })) })] : []),
    ],
  });
}

/** The whole document: title, body, then the issuing body and the Chinese date at the right. */
export async function officialDocument(spec: { title: string; children: (Paragraph | Table)[]; issuer: string; date: string }): Promise<Buffer> {
  const doc = new Document({
    creator: '关工通',
    title: spec.title,
    styles: { default: { document: { run: { font: font(FONT_BODY), size: SIZE_3 } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: mm(25) } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE_4, font: font(FONT_PAGE) })] })],
          }),
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(spec.title, { size: SIZE_2, font: FONT_TITLE, bold: true })] }),
          blank(),
          ...spec.children,
          blank(),
          blank(),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [run(spec.issuer)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 1280 }, children: [run(chineseDate(spec.date))] }),
        ],
      },
    ],
  });
  return withFontFallbacks(await Packer.toBuffer(doc));
}

/** Declare 宋体/仿宋/楷体 as the alternate names of the GB fonts in word/fontTable.xml. */
async function withFontFallbacks(buffer: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/fontTable.xml');
  if (!file) return buffer;
  let xml = await file.async('string');
  const extra = Object.entries(ALT)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/></w:font>`)
    .join('');
  xml = /<w:fonts\b[^>]*\/>/.test(xml) ? xml.replace(/<w:fonts\b([^>]*?)\/>/, `<w:fonts$1>${extra}</w:fonts>`) : xml.replace('</w:fonts>', `${extra}</w:fonts>`);
  zip.file('word/fontTable.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

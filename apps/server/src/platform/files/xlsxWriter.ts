import type { Writable } from 'node:stream';
import { ZipWriter } from './zipStream.js';

/**
 * The few parts of SpreadsheetML (ECMA-376) the office layout needs, written straight into a streaming zip: inline
 * strings (no shared-strings table, so memory does not grow with the rows), a fixed style sheet, frozen rows, column
 * widths, merged cells. Pure string building: about ten times the speed of exceljs' streaming writer.
 */

export type XlsxValue = string | number | Date | null | undefined;

/** Cell styles of `STYLES` (the order of its cellXfs). */
export const XF = { plain: 0, title: 1, header: 2, text: 3, date: 4, money: 5, bold: 6, boldMoney: 7, watermark: 8, boldDate: 9, boldText: 10 } as const;
export type XfId = (typeof XF)[keyof typeof XF];

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES = `${HEAD}<styleSheet xmlns="${NS}">`
  + '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
  + '<fonts count="4">'
  + '<font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>'
  + '<font><b/><sz val="16"/><name val="宋体"/><family val="2"/><charset val="134"/></font>'
  + '<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>'
  + '<font><i/><sz val="11"/><color rgb="FFC00000"/><name val="宋体"/><family val="2"/><charset val="134"/></font>'
  + '</fonts>'
  + '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
  + '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
  + '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
  + '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="11">'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>'
  + '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>'
  + '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="4" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + '<xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + '</cellXfs>'
  + '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
  + '</styleSheet>';

const BAD_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const NEEDS_ESCAPE = /[&<>"\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/** Text as XML character data: & < > " escaped, characters XML forbids (most control characters) dropped. */
export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(BAD_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Column letters of a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const EPOCH = Date.UTC(1899, 11, 30);
/** Excel's serial day number of a date (its UTC calendar day and time). */
export const excelSerial = (d: Date) => (d.getTime() - EPOCH) / 86_400_000;

/** One cell's XML; `null` for an empty cell (nothing written unless it carries a style). */
export function cellXml(ref: string, v: XlsxValue, s: number): string {
  const st = s ? ` s="${s}"` : '';
  if (v === null || v === undefined || v === '') return s ? `<c r="${ref}"${st}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${st}><v>${v}</v></c>` : `<c r="${ref}"${st}/>`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? `<c r="${ref}"${st}/>` : `<c r="${ref}"${st}><v>${excelSerial(v)}</v></c>`;
  const t = xmlText(String(v));
  const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${st} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
}

export interface SheetOptions {
  name: string;
  /** Column widths in characters, from column A. */
  widths: number[];
  /** A style applied to a whole column (what empty cells typed in later take). */
  columnStyles?: (number | undefined)[];
  /** Rows frozen at the top. */
  frozenRows?: number;
}

/**
 * A worksheet written row by row. `row` answers the XML to stream; rows must come in order. `end` answers the tail
 * (merged ranges are known only then, and SpreadsheetML puts them after the data).
 */
export class SheetXml {
  private n = 0;
  private readonly merges: string[] = [];
  private readonly letters: string[];
  constructor(private readonly o: SheetOptions) {
    this.letters = o.widths.map((_, i) => columnLetter(i + 1));
  }

  get rowCount() {
    return this.n;
  }

  start(): string {
    const f = this.o.frozenRows ?? 0;
    const pane = f ? `<pane ySplit="${f}" topLeftCell="A${f + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${f + 1}" sqref="A${f + 1}"/>` : '';
    const cols = this.o.widths
      .map((w, i) => {
        const s = this.o.columnStyles?.[i];
        return `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${s ? ` style="${s}"` : ''}/>`;
      })
      .join('');
    return `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`
      + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
  }

  /** A row of values with their styles (one style for all, or one a column); `height` in points; `merge` spans all columns. */
  row(values: XlsxValue[], styles: number | number[], options: { height?: number; merge?: boolean } = {}): string {
    const r = ++this.n;
    let xml = options.height ? `<row r="${r}" ht="${options.height}" customHeight="1">` : `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const letter = this.letters[i] ?? (this.letters[i] = columnLetter(i + 1));
      xml += cellXml(letter + r, values[i], typeof styles === 'number' ? styles : styles[i] ?? 0);
    }
    if (options.merge && this.letters.length > 1) this.merges.push(`A${r}:${this.letters[this.letters.length - 1]}${r}`);
    return `${xml}</row>`;
  }

  end(): string {
    const merges = this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    return `</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  }
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(s: string): string {
  return s.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}

/**
 * A workbook of sheets, each given as a stream of XML parts (see `SheetXml`), zipped into `out` as they come.
 * The caller ends `out` after the returned promise resolves.
 */
export async function writeXlsx(out: Writable, sheets: { name: string; xml: Iterable<string> | AsyncIterable<string> }[], meta: { creator: string; created: Date }) {
  const zip = new ZipWriter(out);
  const names = sheets.map((s) => xmlText(sheetName(s.name)));
  const created = meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  await zip.add('[Content_Types].xml', [
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    + '</Types>',
  ]);
  await zip.add('_rels/.rels', [
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    + `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>`
    + '</Relationships>',
  ]);
  await zip.add('docProps/app.xml', [
    `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
  ]);
  await zip.add('docProps/core.xml', [
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:creator>${xmlText(meta.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
  ]);
  await zip.add('xl/workbook.xml', [
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>`
    + names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
    + '</sheets></workbook>',
  ]);
  await zip.add('xl/_rels/workbook.xml.rels', [
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
    + `<Relationship Id="rId${names.length + 1}" Type="${REL}/styles" Target="styles.xml"/>`
    + '</Relationships>',
  ]);
  await zip.add('xl/styles.xml', [STYLES]);
  for (const [i, s] of sheets.entries()) await zip.add(`xl/worksheets/sheet${i + 1}.xml`, s.xml);
  await zip.finish();
}

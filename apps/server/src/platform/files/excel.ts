import { PassThrough, type Readable } from 'node:stream';
import { SheetXml, writeXlsx, XF, type XlsxValue } from './xlsxWriter.js';

export interface ExportColumn<T> {
  header: string;
  width?: number;
  /** text: written as text (ID numbers, phones); date: a real date; money: #,##0.00; count: integer. */
  type?: 'text' | 'date' | 'money' | 'count';
  value: (row: T) => string | number | Date | null | undefined;
  total?: boolean;
}

export interface ExportSpec<T> {
  title: string;
  sheetName?: string;
  columns: ExportColumn<T>[];
  rows: T[];
  filters: Record<string, string>;
  exportedBy: string;
  /** A full (unmasked) export carries a watermark line naming who exported it. */
  watermark?: string;
}

/** Neutralise spreadsheet formulas: a cell starting with = + - @ (or tab/CR) is prefixed with a quote. */
export function escapeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

type ExcelJSModule = typeof import('exceljs');
let excelModule: Promise<ExcelJSModule> | undefined;

/** exceljs takes a third of a second to load: the server loads it on the first import or export, not at start. */
export function loadExcelJS(): Promise<ExcelJSModule> {
  excelModule ??= import('exceljs').then((m) => (m as unknown as { default?: ExcelJSModule }).default ?? m);
  return excelModule;
}

function cellValue<T>(c: ExportColumn<T>, v: ReturnType<ExportColumn<T>['value']>): XlsxValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return c.type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v.slice(0, 10)) : escapeCell(v);
  return v;
}

async function* onePage<T>(rows: T[]): AsyncIterable<T[]> {
  // Pieces of a few thousand rows: each becomes one string handed to the zip.
  for (let i = 0; i < rows.length; i += 2000) yield rows.slice(i, i + 2000);
}

const columnXf = (t: ExportColumn<unknown>['type']) => (t === 'text' ? XF.text : t === 'date' ? XF.date : t === 'money' ? XF.money : XF.plain);
const totalXf = (t: ExportColumn<unknown>['type']) => (t === 'text' ? XF.boldText : t === 'date' ? XF.boldDate : t === 'money' ? XF.boldMoney : XF.bold);

/**
 * An .xlsx in the office layout — title row, frozen header, 序号, 合计 where it means something, a 导出说明 sheet —
 * written as a stream by our own SpreadsheetML writer (xlsxWriter.ts): rows come in pages, each page becomes XML that
 * is deflated into the zip as it comes, so memory stays flat however many rows there are. `rows` may be an array
 * (small exports) or pages read from the database.
 */
export function streamWorkbook<T>(spec: Omit<ExportSpec<T>, 'rows'> & { rows: T[] | AsyncIterable<T[]> }): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const pages = Array.isArray(spec.rows) ? onePage(spec.rows) : spec.rows;
  const cols = spec.columns;
  const colCount = cols.length + 1;
  const dataStyles = [XF.plain, ...cols.map((c) => columnXf(c.type))];
  const main = new SheetXml({
    name: spec.sheetName ?? spec.title.slice(0, 30),
    widths: [6, ...cols.map((c) => c.width ?? Math.max(10, c.header.length * 2 + 4))],
    columnStyles: dataStyles,
    frozenRows: 2,
  });
  const totals: (number | null)[] = cols.map((c) => (c.total ? 0 : null));
  let n = 0;

  async function* mainXml(): AsyncIterable<string> {
    yield main.start();
    yield main.row([spec.title, ...Array<null>(colCount - 1).fill(null)], [XF.title, ...Array<number>(colCount - 1).fill(XF.title)], { height: 28, merge: true });
    yield main.row(['序号', ...cols.map((c) => c.header)], XF.header);
    const values: XlsxValue[] = new Array(colCount);
    for await (const page of pages) {
      let xml = '';
      for (const row of page) {
        n += 1;
        values[0] = n;
        for (let i = 0; i < cols.length; i++) {
          const c = cols[i];
          const v = c.value(row);
          values[i + 1] = cellValue(c, v);
          if (c.total) totals[i] = (totals[i] ?? 0) + Number(v ?? 0);
        }
        xml += main.row(values, dataStyles);
      }
      yield xml;
    }
    if (totals.some((t) => t !== null)) yield main.row(['合计', ...totals], [XF.bold, ...cols.map((c) => totalXf(c.type))]);
    if (spec.watermark) yield main.row([spec.watermark, ...Array<null>(colCount - 1).fill(null)], XF.watermark, { merge: true });
    yield main.end();
  }

  function* notesXml(): Iterable<string> {
    const info = new SheetXml({ name: '导出说明', widths: [16, 40] });
    yield info.start();
    yield info.row(['导出时间', new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })], XF.plain);
    yield info.row(['导出人', spec.exportedBy], XF.plain);
    yield info.row(['记录数', n], XF.plain);
    for (const [k, v] of Object.entries(spec.filters)) yield info.row([`筛选：${k}`, escapeCell(v)], XF.plain);
    if (spec.watermark) yield info.row(['说明', spec.watermark], XF.plain);
    yield info.end();
  }

  writeXlsx(out, [{ name: spec.sheetName ?? spec.title.slice(0, 30), xml: mainXml() }, { name: '导出说明', xml: notesXml() }], { creator: '关工通', created: new Date() })
    .then(() => out.end())
    .catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** The same workbook in memory, for small exports and stored task results. */
export async function buildWorkbook<T>(spec: ExportSpec<T>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of streamWorkbook(spec)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function xlsxFilename(base: string): string {
  const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return encodeURIComponent(`${base}-${stamp}.xlsx`);
}

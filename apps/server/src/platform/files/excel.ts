import { PassThrough, type Readable } from 'node:stream';

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

function cellValue<T>(c: ExportColumn<T>, row: T) {
  const v = c.value(row);
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return c.type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v.slice(0, 10)) : escapeCell(v);
  return v;
}

async function* onePage<T>(rows: T[]): AsyncIterable<T[]> {
  yield rows;
}

/**
 * An .xlsx in the office layout — title row, frozen header, 序号, 合计 where it means something, a 导出说明 sheet —
 * written as a stream: rows come in pages and each is committed to the zip as it is written, so memory stays flat
 * however many rows there are. `rows` may be an array (small exports) or pages read from the database.
 */
export function streamWorkbook<T>(spec: Omit<ExportSpec<T>, 'rows'> & { rows: T[] | AsyncIterable<T[]> }): Readable {
  const out = new PassThrough();
  const pages = Array.isArray(spec.rows) ? onePage(spec.rows) : spec.rows;
  void (async () => {
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '关工通';
    wb.created = new Date();
    const ws = wb.addWorksheet(spec.sheetName ?? spec.title.slice(0, 30), { views: [{ state: 'frozen', ySplit: 2 }] });
    const colCount = spec.columns.length + 1;
    ws.columns = [
      { width: 6 },
      ...spec.columns.map((c) => ({
        width: c.width ?? Math.max(10, c.header.length * 2 + 4),
        style: c.type === 'text' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'money' ? { numFmt: '#,##0.00' } : {},
      })),
    ];
    const title = ws.addRow([spec.title]);
    title.height = 28;
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center' };
    ws.mergeCells(1, 1, 1, colCount);
    title.commit();
    const header = ws.addRow(['序号', ...spec.columns.map((c) => c.header)]);
    header.eachCell((cell: import('exceljs').Cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    const totals: (number | null)[] = spec.columns.map((c) => (c.total ? 0 : null));
    let n = 0;
    for await (const page of pages) {
      for (const row of page) {
        n += 1;
        ws.addRow([n, ...spec.columns.map((c) => cellValue(c, row))]).commit();
        spec.columns.forEach((c, i) => {
          if (c.total) totals[i] = (totals[i] ?? 0) + Number(c.value(row) ?? 0);
        });
      }
    }
    if (totals.some((t) => t !== null)) {
      const row = ws.addRow(['合计', ...totals]);
      row.font = { bold: true };
      row.commit();
    }
    if (spec.watermark) {
      const row = ws.addRow([spec.watermark]);
      ws.mergeCells(row.number, 1, row.number, colCount);
      row.font = { color: { argb: 'FFC00000' }, italic: true };
      row.commit();
    }
    ws.commit();
    const info = wb.addWorksheet('导出说明');
    info.columns = [{ width: 16 }, { width: 40 }];
    info.addRow(['导出时间', new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })]).commit();
    info.addRow(['导出人', spec.exportedBy]).commit();
    info.addRow(['记录数', n]).commit();
    for (const [k, v] of Object.entries(spec.filters)) info.addRow([`筛选：${k}`, escapeCell(v)]).commit();
    if (spec.watermark) info.addRow(['说明', spec.watermark]).commit();
    info.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
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

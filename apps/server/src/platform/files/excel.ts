import ExcelJS from 'exceljs';

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

/** An .xlsx in the office layout: title row, frozen header, 序号, 合计 where it means something, a 导出说明 sheet. */
export async function buildWorkbook<T>(spec: ExportSpec<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '关工通';
  wb.created = new Date();
  const ws = wb.addWorksheet(spec.sheetName ?? spec.title.slice(0, 30));
  const colCount = spec.columns.length + 1;
  ws.mergeCells(1, 1, 1, colCount);
  const title = ws.getCell(1, 1);
  title.value = spec.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  const header = ws.getRow(2);
  ['序号', ...spec.columns.map((c) => c.header)].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.getColumn(1).width = 6;
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 2);
    col.width = c.width ?? Math.max(10, c.header.length * 2 + 4);
    if (c.type === 'text') col.numFmt = '@';
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.type === 'money') col.numFmt = '#,##0.00';
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  spec.rows.forEach((row, r) => {
    const values = spec.columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') return c.type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v.slice(0, 10)) : escapeCell(v);
      return v;
    });
    ws.addRow([r + 1, ...values]);
  });
  const totals = spec.columns.map((c) => (c.total ? spec.rows.reduce((sum, row) => sum + Number(c.value(row) ?? 0), 0) : null));
  if (totals.some((t) => t !== null)) {
    const row = ws.addRow(['合计', ...totals]);
    row.font = { bold: true };
  }
  if (spec.watermark) {
    const row = ws.addRow([spec.watermark]);
    ws.mergeCells(row.number, 1, row.number, colCount);
    row.font = { color: { argb: 'FFC00000' }, italic: true };
  }
  const info = wb.addWorksheet('导出说明');
  info.addRow(['导出时间', new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })]);
  info.addRow(['导出人', spec.exportedBy]);
  info.addRow(['记录数', spec.rows.length]);
  for (const [k, v] of Object.entries(spec.filters)) info.addRow([`筛选：${k}`, escapeCell(v)]);
  if (spec.watermark) info.addRow(['说明', spec.watermark]);
  info.getColumn(1).width = 16;
  info.getColumn(2).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function xlsxFilename(base: string): string {
  const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return encodeURIComponent(`${base}-${stamp}.xlsx`);
}

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildWorkbook, streamWorkbook, type ExportColumn } from './excel.js';
import { columnLetter, xmlText } from './xlsxWriter.js';

interface Row { name: string; idNumber: string; date: string | null; amount: number; count: number; note: string | null }

const columns: ExportColumn<Row>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '身份证号', type: 'text', width: 22, value: (r) => r.idNumber },
  { header: '日期', type: 'date', value: (r) => r.date },
  { header: '金额', type: 'money', total: true, value: (r) => r.amount },
  { header: '人数', type: 'count', total: true, value: (r) => r.count },
  { header: '备注', value: (r) => r.note },
];

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('own .xlsx writer (streamWorkbook)', () => {
  it('writes the office layout exceljs reads back: title, frozen header, 序号, types, 合计, watermark, 导出说明', async () => {
    const rows: Row[] = [
      { name: '张小明', idNumber: '360102200801011234', date: '2025-09-01', amount: 1234.5, count: 3, note: '=cmd|" /C calc"!A0' },
      { name: '李 & <华>', idNumber: '36010220080101123X', date: null, amount: 0.25, count: 2, note: ' 前后有空格 \u0007' },
    ];
    const buf = await buildWorkbook({ title: '测试台账', columns, rows, filters: { 类型: '+危险', 开始日期: '2025-01-01' }, exportedBy: '县关工委 王某', watermark: '完整导出：王某 2025-12-01' });
    expect(buf.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const wb = await load(buf);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('测试台账');
    expect(ws.getCell(1, 1).value).toBe('测试台账');
    expect(ws.getCell(1, 1).font?.bold).toBe(true);
    expect(ws.model.merges).toContain('A1:G1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(1).width).toBe(6);
    expect(ws.getColumn(3).width).toBe(22);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(2, c).value)).toEqual(['序号', '姓名', '身份证号', '日期', '金额', '人数', '备注']);
    expect(ws.getCell(2, 2).font?.bold).toBe(true);
    expect(ws.getCell(3, 1).value).toBe(1);
    expect(ws.getCell(4, 1).value).toBe(2);
    // ID numbers stay text; a date is a real date formatted yyyy-mm-dd; money is a number formatted #,##0.00.
    expect(ws.getCell(3, 3).value).toBe('360102200801011234');
    expect(ws.getCell(3, 3).numFmt).toBe('@');
    expect(ws.getCell(3, 4).value).toBeInstanceOf(Date);
    expect((ws.getCell(3, 4).value as Date).toISOString().slice(0, 10)).toBe('2025-09-01');
    expect(ws.getCell(3, 4).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(3, 5).value).toBe(1234.5);
    expect(ws.getCell(3, 5).numFmt).toBe('#,##0.00');
    expect(ws.getCell(3, 6).value).toBe(3);
    // A formula-looking text stays text (quoted); XML specials and control characters do not break the file.
    expect(ws.getCell(3, 7).value).toBe('\'=cmd|" /C calc"!A0');
    expect(ws.getCell(3, 7).formula).toBeUndefined();
    expect(ws.getCell(4, 2).value).toBe('李 & <华>');
    expect(ws.getCell(4, 4).value).toBeNull();
    expect(ws.getCell(4, 7).value).toBe(' 前后有空格 ');
    expect(ws.getCell(5, 1).value).toBe('合计');
    expect(ws.getCell(5, 5).value).toBe(1234.75);
    expect(ws.getCell(5, 6).value).toBe(5);
    expect(ws.getCell(5, 2).value).toBeNull();
    expect(ws.getCell(6, 1).value).toBe('完整导出：王某 2025-12-01');
    expect(ws.model.merges).toContain('A6:G6');
    const notes = wb.getWorksheet('导出说明')!;
    expect(notes.getCell(1, 1).value).toBe('导出时间');
    expect(notes.getCell(2, 2).value).toBe('县关工委 王某');
    expect(notes.getCell(3, 2).value).toBe(2);
    expect(notes.getCell(4, 1).value).toBe('筛选：类型');
    expect(notes.getCell(4, 2).value).toBe("'+危险");
    expect(notes.getCell(6, 2).value).toBe('完整导出：王某 2025-12-01');
    expect(wb.creator).toBe('关工通');
  });

  it('streams more than 10k rows page by page: bytes leave before the last page is read, and every row arrives', async () => {
    const pages = 12;
    let bytes = 0;
    const bytesWhenAsked: number[] = [];
    async function* source(): AsyncIterable<Row[]> {
      for (let p = 0; p < pages; p++) {
        bytesWhenAsked.push(bytes);
        yield Array.from({ length: 1000 }, (_, i) => ({ name: `第${p * 1000 + i + 1}人`, idNumber: String(360102200801010000 + i), date: '2025-01-02', amount: 1, count: 1, note: null }));
      }
    }
    const chunks: Buffer[] = [];
    for await (const chunk of streamWorkbook({ title: '大表', columns, rows: source(), filters: {}, exportedBy: 'x' })) {
      bytes += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
    }
    expect(bytesWhenAsked.at(-1)).toBeGreaterThan(0);
    const ws = (await load(Buffer.concat(chunks))).worksheets[0];
    expect(ws.getCell(2 + 12_000, 1).value).toBe(12_000);
    expect(ws.getCell(2 + 12_000, 2).value).toBe('第12000人');
    expect(ws.getCell(3 + 12_000, 1).value).toBe('合计');
    expect(ws.getCell(3 + 12_000, 5).value).toBe(12_000);
  }, 30_000); // reading 12k rows back through exceljs takes seconds on a loaded machine

  it('fails the stream when a page cannot be read', async () => {
    async function* broken(): AsyncIterable<Row[]> {
      yield [];
      throw new Error('database gone');
    }
    const consume = async () => {
      for await (const _ of streamWorkbook({ title: 't', columns, rows: broken(), filters: {}, exportedBy: 'x' })) void _;
    };
    await expect(consume()).rejects.toThrow('database gone');
  });

  it('helpers: column letters and XML text', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(xmlText('a&b<c>"d"\u0001')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;');
    expect(xmlText('普通文字')).toBe('普通文字');
  });
});

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildWorkbook } from './excel.js';
import { isDateFormat, MAX_PART, readXlsx, XlsxReadError } from './xlsxReader.js';
import { PassThrough } from 'node:stream';
import { ZipWriter } from './zipStream.js';

async function zipOf(parts: Record<string, string>) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const zip = new ZipWriter(out);
  for (const [name, xml] of Object.entries(parts)) await zip.add(name, [xml]);
  await zip.finish();
  return Buffer.concat(chunks);
}

async function exceljsBook(build: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('own .xlsx reader (imports)', () => {
  it('reads what Excel-like writers produce: shared strings, rich text, numbers, dates, formulas, booleans, merged title', async () => {
    const buf = await exceljsBook((wb) => {
      wb.addWorksheet('说明', { state: 'hidden' }).addRow(['隐藏']);
      const ws = wb.addWorksheet('台账');
      ws.addRow(['关爱帮扶对象台账']);
      ws.mergeCells('A1:E1');
      ws.addRow(['姓名', '身份证号', '出生年月', '金额', '是否']);
      ws.addRow(['张小明', '36010220080101123X', new Date(Date.UTC(2008, 0, 1)), 12.5, true]);
      ws.addRow([{ richText: [{ text: '李' }, { font: { bold: true }, text: '小&华' }] }, 360102200801011234, '2008.05', { formula: 'D3*2', result: 25 }, false]);
      ws.addRow([]);
      ws.addRow(['王 五', null, 39448, -1.5, '']);
      ws.getCell('C6').numFmt = '0';
    });
    const wb = readXlsx(buf);
    expect(wb.sheets).toEqual([{ name: '说明', state: 'hidden' }, { name: '台账', state: 'visible' }]);
    const ws = wb.sheet(1);
    expect(ws.rowCount).toBe(6);
    expect(ws.getCell(1, 1).value).toBe('关爱帮扶对象台账');
    expect(ws.getCell(1, 5).value).toBe('关爱帮扶对象台账'); // a merged range reads as its top-left cell, as in exceljs
    const headers: string[] = [];
    ws.getRow(2).eachCell((c, col) => headers.push(`${col}:${String(c.value)}`));
    expect(headers).toEqual(['1:姓名', '2:身份证号', '3:出生年月', '4:金额', '5:是否']);
    expect(ws.getRow(3).getCell(1).value).toBe('张小明');
    expect(ws.getCell(3, 2).value).toBe('36010220080101123X');
    expect(ws.getCell(3, 3).value).toEqual(new Date(Date.UTC(2008, 0, 1)));
    expect(ws.getCell(3, 4).value).toBe(12.5);
    expect(ws.getCell(3, 5).value).toBe(true);
    expect(ws.getCell(4, 1).value).toBe('李小&华');
    expect(ws.getCell(4, 2).value).toBe(360102200801011234);
    expect(ws.getCell(4, 3).value).toBe('2008.05');
    expect(ws.getCell(4, 4).value).toBe(25);
    expect(ws.getCell(4, 5).value).toBe(false);
    expect(ws.getRow(5).hasValues).toBe(false);
    expect(ws.getCell(6, 1).value).toBe('王 五');
    expect(ws.getCell(6, 2).value).toBeNull();
    expect(ws.getCell(6, 3).value).toBe(39448);
    expect(ws.getCell(6, 4).value).toBe(-1.5);
    expect(ws.getCell(99, 99).value).toBeNull();
  });

  it('reads our own exports back (inline strings, date styles) the same way exceljs does', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ name: `第${i + 1}人 <&>`, date: '2025-03-0' + ((i % 9) + 1), n: i }));
    const buf = await buildWorkbook({
      title: '导出', rows, filters: { 条件: '=1+1' }, exportedBy: '我',
      columns: [{ header: '姓名', value: (r) => r.name }, { header: '日期', type: 'date', value: (r) => r.date }, { header: '数', type: 'count', total: true, value: (r) => r.n }],
    });
    const ours = readXlsx(buf);
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(buf as unknown as ArrayBuffer);
    expect(ours.sheets.map((s) => s.name)).toEqual(theirs.worksheets.map((w) => w.name));
    for (const [i, w] of theirs.worksheets.entries()) {
      const s = ours.sheet(i);
      expect(s.rowCount).toBe(w.rowCount);
      for (let r = 1; r <= w.rowCount; r++) {
        for (let c = 1; c <= 4; c++) expect(s.getCell(r, c).value, `${w.name} ${r},${c}`).toEqual(w.getCell(r, c).value ?? null);
      }
    }
  });

  it('tolerates namespace prefixes and cells without references; refuses what is not a workbook', async () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const buf = await zipOf({
      'xl/workbook.xml': `<x:workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="S&amp;1" sheetId="1" r:id="R1"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="R1" Type="http://x/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="R2" Type="http://x/sharedStrings" Target="strings.xml"/></Relationships>',
      'xl/strings.xml': `<x:sst ${ns}><x:si><x:t>姓名</x:t></x:si><x:si><x:r><x:t xml:space="preserve">张 </x:t></x:r><x:r><x:t>三</x:t></x:r><x:rPh><x:t>ちょう</x:t></x:rPh></x:si></x:sst>`,
      'xl/worksheets/data.xml': `<x:worksheet ${ns}><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>电话</x:t></x:is></x:c></x:row>`
        + '<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c><x:v>13800000000</x:v></x:c><x:c t="str"><x:f>A2</x:f><x:v>张 三</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    });
    const wb = readXlsx(buf);
    expect(wb.sheets[0].name).toBe('S&1');
    const ws = wb.sheet(0);
    expect([ws.getCell(1, 1).value, ws.getCell(1, 2).value]).toEqual(['姓名', '电话']);
    expect([ws.getCell(2, 1).value, ws.getCell(2, 2).value, ws.getCell(2, 3).value]).toEqual(['张 三', 13800000000, '张 三']);

    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[$-F800]dddd')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('"元"0')).toBe(false);
    expect(isDateFormat('@')).toBe(false);
    expect(() => readXlsx(Buffer.from('PK\x03\x04 not really a zip'))).toThrow(XlsxReadError);
  });

  it('refuses a zip bomb: a part declared past the limit, and a part that unpacks past what it declares', async () => {
    const wb = '<workbook><sheets><sheet name="S" sheetId="1" r:id="R1"/></sheets></workbook>';
    const rels = '<Relationships><Relationship Id="R1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
    // A sheet of blanks just past the limit: ~64 KB zipped.
    const big = `<worksheet><sheetData>${' '.repeat(MAX_PART + 1024)}</sheetData></worksheet>`;
    const bomb = await zipOf({ 'xl/workbook.xml': wb, 'xl/_rels/workbook.xml.rels': rels, 'xl/worksheets/sheet1.xml': big });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => readXlsx(bomb).sheet(0)).toThrow(XlsxReadError);
    // The same file lying about the size in its central directory: inflating stops at the declared size.
    const lying = Buffer.from(bomb);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let p = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)) {
      if (lying.subarray(p + 46, p + 46 + name.length).equals(name)) {
        lying.writeUInt32LE(1000, p + 24);
        break;
      }
    }
    expect(() => readXlsx(lying).sheet(0)).toThrow(XlsxReadError);
  });
});

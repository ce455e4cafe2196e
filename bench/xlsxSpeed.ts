// Export speed of streamWorkbook on 100k in-memory rows shaped like the activity register (14 columns, pages of 1,000),
// written to a counting sink: rows/s, output size, and the process's peak RSS. Usage: tsx bench/xlsxSpeed.ts [rows] [--old]
// (--old: a copy of the former exceljs-based excel.ts saved as bench/excelOld.tmp.ts, for comparison).
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamWorkbook, type ExportColumn } from '../apps/server/src/platform/files/excel.js';

interface Row { date: string; title: string; type: string; level: string | null; org: string; unit: string; venue: string; campaign: string | null; s: number; y: number; o: number; t: number; names: string; hours: number }
const total = Number(process.argv[2] ?? 100_000);
const old = process.argv.includes('--old');
const columns: ExportColumn<Row>[] = [
  { header: '活动日期', type: 'date', width: 12, value: (r) => r.date },
  { header: '活动名称', width: 36, value: (r) => r.title },
  { header: '类型', value: (r) => r.type },
  { header: '学习层级', width: 18, value: (r) => r.level },
  { header: '所属组织', width: 20, value: (r) => r.org },
  { header: '组织单位', width: 18, value: (r) => r.unit },
  { header: '地点', width: 20, value: (r) => r.venue },
  { header: '主题活动', width: 24, value: (r) => r.campaign },
  { header: '学生', type: 'count', total: true, value: (r) => r.s },
  { header: '青年', type: 'count', total: true, value: (r) => r.y },
  { header: '其他', type: 'count', total: true, value: (r) => r.o },
  { header: '受众合计', type: 'count', total: true, value: (r) => r.t },
  { header: '参与志愿者', width: 30, value: (r) => r.names },
  { header: '服务时长（小时）', type: 'count', total: true, value: (r) => r.hours },
];
async function* pages(): AsyncIterable<Row[]> {
  for (let p = 0; p * 1000 < total; p++) {
    yield Array.from({ length: Math.min(1000, total - p * 1000) }, (_, i) => {
      const n = p * 1000 + i;
      return {
        date: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`, title: `东风镇第${n}期“五老”宣讲进校园活动`, type: '宣讲',
        level: n % 3 ? '镇级' : null, org: '东风镇关工委', unit: '县教育局', venue: '东风镇中心小学', campaign: n % 2 ? '传承红色基因' : null,
        s: n % 50, y: n % 7, o: n % 3, t: (n % 50) + (n % 7) + (n % 3), names: '王老师、李老师、张老师', hours: (n % 30) / 10,
      };
    });
  }
}
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const spec = { title: '活动登记表', columns, rows: pages(), filters: { 开始日期: '2025-01-01' }, exportedBy: '测试' };
const oldModule = './excelOld.tmp.js'; // untracked: not type-checked
const make = old ? ((await import(oldModule)) as { streamWorkbook: typeof streamWorkbook }).streamWorkbook : streamWorkbook;
let bytes = 0;
const t0 = performance.now();
await pipeline(make(spec), new Writable({ write(chunk: Buffer, _e, cb) { bytes += chunk.length; cb(); } }));
const s = (performance.now() - t0) / 1000;
clearInterval(timer);
console.log(`${old ? 'exceljs' : 'own writer'}: ${total} rows in ${s.toFixed(2)} s = ${Math.round(total / s)} rows/s; ${(bytes / 1048576).toFixed(1)} MB; peak RSS ${(peak / 1048576).toFixed(0)} MB`);

import { z } from 'zod';
import { parseIdNumber } from '../idNumber.js';

/** Field limits, used by server validation and web forms alike. */
export const limits = {
  name: 50,
  shortText: 100,
  longText: 2000,
  pageSizeMax: 100,
  search: 50,
} as const;

export const id = z.uuid({ error: '编号格式不正确' });
export const idParams = z.strictObject({ id });

export const trimmed = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });

export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));

const mobile = /^1[3-9]\d{9}$/;
const landline = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
export const phone = z
  .string()
  .trim()
  .refine((v) => mobile.test(v) || landline.test(v), { error: '电话号码格式不正确（手机号11位，座机如 0797-1234567）' });
export const optionalPhone = z
  .string()
  .trim()
  .refine((v) => v === '' || mobile.test(v) || landline.test(v), {
    error: '电话号码格式不正确（手机号11位，座机如 0797-1234567）',
  })
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** A query-string boolean: "true"/"false"/"1"/"0". */
export const queryBool = z
  .enum(['true', 'false', '1', '0'], { error: '只能是 true 或 false' })
  .transform((v) => v === 'true' || v === '1');

/** `page`, `pageSize`, `sort` and `q`, shared by every list. `sort` is checked against each list's allowlist. */
export function listQuery<const S extends readonly [string, ...string[]]>(sortable: S) {
  const sortValues = sortable.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z.strictObject({
    page: z.coerce.number({ error: '页码必须是数字' }).int().min(1, { error: '页码最小为1' }).max(100000).default(1),
    pageSize: z.coerce
      .number({ error: '每页条数必须是数字' })
      .int()
      .min(1, { error: '每页至少1条' })
      .max(limits.pageSizeMax, { error: `每页最多${limits.pageSizeMax}条` })
      .default(20),
    sort: z.enum(sortValues, { error: '不支持按该字段排序' }).optional(),
    q: z.string().trim().max(limits.search, { error: `搜索词不能超过${limits.search}个字` }).optional(),
  });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const errorReply = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const okReply = z.object({ ok: z.literal(true) });

/** A validated 18-character ID number (normalised: full-width digits, spaces and lower-case x accepted). */
export const idNumber = z.string({ error: '请填写身份证号' }).transform((raw, ctx) => {
  const r = parseIdNumber(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.value;
});

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (v) => {
      const [y, m, d] = v.split('-').map(Number);
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: '日期不存在，请核对' },
  );

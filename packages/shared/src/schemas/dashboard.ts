import { z } from 'zod';
import { id } from './common.js';

const year = z.coerce.number({ error: '年度不正确' }).int({ error: '年度不正确' }).min(2000, { error: '年度不正确' }).max(2100, { error: '年度不正确' });

/** The county overview: a year and, optionally, one org node (a township) in the caller's scope. */
export const dashboardQuery = z.strictObject({ year: year.optional(), orgUnitId: id.optional() });

/** The yearly work report (Word). */
export const yearlyReportQuery = z.strictObject({ year: year.optional(), orgUnitId: id.optional() });

/** Statistical returns (Excel) for a year or one quarter of it. */
export const returnsQuery = z.strictObject({
  year: year.optional(),
  quarter: z.coerce.number({ error: '季度应为 1–4' }).int({ error: '季度应为 1–4' }).min(1, { error: '季度应为 1–4' }).max(4, { error: '季度应为 1–4' }).optional(),
  orgUnitId: id.optional(),
});

const count = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
const money = z.object({ key: z.string(), label: z.string(), count: z.number().int(), amountFen: z.number().int() });
const activityRow = z.object({ key: z.string(), label: z.string(), activities: z.number().int(), audience: z.number().int() });

/**
 * Aggregates only: counts, sums and labels of categories, months and org nodes. No person's name, id or contact
 * ever appears here (the county leader reads it). A panel is null when the caller may not see that module's statistics.
 */
export const dashboardOverview = z.object({
  year: z.number().int(),
  period: z.object({ from: z.string(), to: z.string() }),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Townships the caller may filter by (in scope). */
  townships: z.array(z.object({ id: z.string(), name: z.string() })),
  volunteers: z
    .object({
      total: z.number().int(),
      active: z.number().int(),
      yearHours: z.number(),
      byCategory: z.array(count),
      byAgeBand: z.array(count),
      byTownship: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int(), hours: z.number() })),
    })
    .nullable(),
  careCases: z
    .object({
      cases: z.number().int(),
      open: z.number().int(),
      closed: z.number().int(),
      byCategory: z.array(count),
      byStatus: z.array(count),
      outcomes: z.array(count),
    })
    .nullable(),
  assistance: z
    .object({
      count: z.number().int(),
      amountFen: z.number().int(),
      cases: z.number().int(),
      byKind: z.array(money),
      bySource: z.array(money),
      byTownship: z.array(money),
    })
    .nullable(),
  activities: z
    .object({
      activities: z.number().int(),
      audience: z.number().int(),
      byType: z.array(activityRow),
      byMonth: z.array(activityRow),
    })
    .nullable(),
  lectures: z.object({ requests: z.number().int(), held: z.number().int(), audienceEstimate: z.number().int(), byStatus: z.array(count) }).nullable(),
  creations: z
    .object({
      byStatus: z.array(count),
      byTownship: z.array(z.object({ townshipId: z.string(), townshipName: z.string(), named: z.number().int(), applied: z.number().int(), revoked: z.number().int(), total: z.number().int() })),
    })
    .nullable(),
  /** Yearly targets per responsible unit (member unit or committee): how many, completed, overdue, average progress. */
  targets: z
    .array(z.object({ key: z.string(), label: z.string(), targets: z.number().int(), completed: z.number().int(), overdue: z.number().int(), averageProgress: z.number().int() }))
    .nullable(),
  /** Skills training (classes starting in the year): trainees, completers, jobs and businesses, and per industry the stated need against those employed in it. */
  training: z
    .object({
      classes: z.number().int(),
      trainees: z.number().int(),
      completed: z.number().int(),
      employed: z.number().int(),
      business: z.number().int(),
      employedInIndustry: z.number().int(),
      byIndustry: z.array(z.object({ key: z.string(), label: z.string(), demand: z.number().int(), trainees: z.number().int(), employedInIndustry: z.number().int() })),
    })
    .nullable(),
});
export type DashboardOverview = z.infer<typeof dashboardOverview>;

import type { z } from 'zod';
import type { Campaign, campaignCreate, campaignListQuery, campaignUpdate, RecordStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import type { CampaignTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { activityTotalsBy } from '../activities/index.js';
import { campaignRepository } from './repository.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { campaignActions, campaignPolicy } from './policy.js';
import { newId } from '../../platform/db/ids.js';

const emptyTotals = { activities: 0, audience: 0, volunteers: 0, volunteerHours: 0 };

export function createCampaignService(platform: Platform) {
  const { db } = platform;
  const repo = campaignRepository(db);

  async function load(id: string) {
    const row = await repo.find(id);
    if (!row) throw new AppError('CAMPAIGN_NOT_FOUND');
    return row;
  }

  /** Rows with their totals: one grouped query for all of them. */
  async function present(actor: Actor, rows: CampaignTable[]): Promise<Campaign[]> {
    const totals = new Map((await activityTotalsBy(db, actor, 'campaignId', rows.map((r) => r.id))).map((t) => [t.key, t]));
    return rows.map((r) => {
      const t = totals.get(r.id);
      return {
        id: r.id, name: r.name, theme: r.theme, description: r.description, startYear: r.startYear, endYear: r.endYear,
        goalActivities: r.goalActivities, goalAudience: r.goalAudience, status: r.status as RecordStatus,
        totals: t ? { activities: t.activities, audience: t.audience, volunteers: t.volunteers, volunteerHours: t.volunteerHours } : emptyTotals,
        createdAt: r.createdAt, updatedAt: r.updatedAt, actions: campaignActions(actor, r),
      };
    });
  }

  return {
    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(id)]))[0];
    },

    async list(actor: Actor, query: z.output<typeof campaignListQuery>) {
      let items = await present(actor, await repo.list(query));
      if (query.sort) {
        const key = query.sort.replace(/^-/, '');
        const dir = query.sort.startsWith('-') ? -1 : 1;
        const val = (c: Campaign) => (key === 'activities' ? c.totals.activities : key === 'startYear' ? c.startYear : c.name);
        items = [...items].sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : 0));
      }
      const start = (query.page - 1) * query.pageSize;
      return { items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
    },

    /** Campaigns with goals and totals (the same filters and order as the list), audited. */
    async exportXlsx(actor: Actor, who: AuditActor, query: z.output<typeof campaignListQuery>) {
      const { items } = await this.list(actor, { ...query, page: 1, pageSize: 100_000 });
      const filters: Record<string, string> = {};
      if (query.q) filters['名称'] = query.q;
      if (query.status) filters['状态'] = query.status === 'active' ? '启用' : '停用';
      const buffer = await buildWorkbook({
        title: '主题活动汇总',
        columns: [
          { header: '主题活动', width: 30, value: (r: Campaign) => r.name },
          { header: '主题', width: 30, value: (r) => r.theme },
          { header: '起止年份', width: 14, value: (r) => `${r.startYear}–${r.endYear ?? ''}` },
          { header: '目标场次', type: 'count', value: (r) => r.goalActivities },
          { header: '目标受众', type: 'count', value: (r) => r.goalAudience },
          { header: '活动场次', type: 'count', total: true, value: (r) => r.totals.activities },
          { header: '受众人数', type: 'count', total: true, value: (r) => r.totals.audience },
          { header: '参与志愿者', type: 'count', value: (r) => r.totals.volunteers },
          { header: '服务时长（小时）', type: 'count', total: true, value: (r) => r.totals.volunteerHours },
          { header: '状态', value: (r) => (r.status === 'active' ? '启用' : '停用') },
        ],
        rows: items,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'campaign.export', objectType: 'campaign', summary: `导出主题活动 ${items.length} 个`, detail: { rows: items.length, filters } });
      return buffer;
    },

    async create(actor: Actor, who: AuditActor, input: z.output<typeof campaignCreate>) {
      if (input.endYear && input.endYear < input.startYear) throw new AppError('VALIDATION_FAILED', '结束年份不能早于开始年份', [{ path: 'endYear', message: '结束年份不能早于开始年份' }]);
      if (await repo.nameTaken(input.name)) throw new AppError('CAMPAIGN_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名主题活动' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await campaignRepository(trx).insert({
          id, name: input.name, theme: input.theme, description: input.description ?? null, startYear: input.startYear, endYear: input.endYear ?? null,
          goalActivities: input.goalActivities ?? null, goalAudience: input.goalAudience ?? null, status: 'active', createdAt: now, updatedAt: now, createdBy: actor.userId,
        });
        await audit({ event: 'campaign.create', objectType: 'campaign', objectId: id, summary: `新增主题活动：${input.name}`, detail: { after: input } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: z.output<typeof campaignUpdate>) {
      const row = await load(id);
      if (!campaignPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      if (input.name && (await repo.nameTaken(input.name, id))) throw new AppError('CAMPAIGN_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名主题活动' }]);
      const patch: Partial<CampaignTable> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.theme !== undefined && { theme: input.theme }),
        ...('description' in input && { description: input.description ?? null }),
        ...(input.startYear !== undefined && { startYear: input.startYear }),
        ...('endYear' in input && { endYear: input.endYear ?? null }),
        ...('goalActivities' in input && { goalActivities: input.goalActivities ?? null }),
        ...('goalAudience' in input && { goalAudience: input.goalAudience ?? null }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const endYear = 'endYear' in patch ? patch.endYear : row.endYear;
      if (endYear && endYear < (patch.startYear ?? row.startYear)) throw new AppError('VALIDATION_FAILED', '结束年份不能早于开始年份', [{ path: 'endYear', message: '结束年份不能早于开始年份' }]);
      const diff = changes(row as unknown as Record<string, unknown>, patch);
      await platform.transaction(who, async (trx, audit) => {
        await campaignRepository(trx).update(id, { ...patch, updatedAt: new Date().toISOString() });
        await audit({ event: 'campaign.update', objectType: 'campaign', objectId: id, summary: `编辑主题活动：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },
  };
}

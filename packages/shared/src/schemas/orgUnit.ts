import { z } from 'zod';
import { orgUnitKinds, recordStatuses } from '../enums.js';
import { id, limits, listQuery, optionalPhone, optionalText, queryBool, trimmed } from './common.js';

export const orgUnitKind = z.enum(orgUnitKinds, { error: '请选择组织类型' });

export const orgUnitCreate = z.strictObject({
  parentId: id,
  name: trimmed(limits.name, '组织名称'),
  kind: orgUnitKind,
  code: optionalText(32, '组织代码'),
  contactName: optionalText(20, '联系人'),
  contactPhone: optionalPhone,
  address: optionalText(limits.shortText, '地址'),
  hasCommittee: z.boolean().default(false),
});
export type OrgUnitCreate = z.input<typeof orgUnitCreate>;

export const orgUnitUpdate = orgUnitCreate.omit({ parentId: true, kind: true }).partial().extend({
  name: trimmed(limits.name, '组织名称').optional(),
});

export const orgUnitMove = z.strictObject({ parentId: id });
export const orgUnitStatus = z.strictObject({ status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }) });

export const orgUnitListQuery = listQuery(['name', 'kind', 'createdAt', 'path'] as const).extend({
  parentId: id.optional(),
  under: id.optional(),
  kind: orgUnitKind.optional(),
  status: z.enum(recordStatuses).optional(),
});

export const orgUnitTreeQuery = z.strictObject({
  rootId: id.optional(),
  depth: z.coerce.number().int().min(1).max(6).default(2),
  includeDisabled: queryBool.optional(),
});

export const orgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: orgUnitKind,
  code: z.string().nullable(),
  depth: z.number().int(),
  status: z.enum(recordStatuses),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  hasCommittee: z.boolean(),
  childCount: z.number().int(),
  pathNames: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const orgUnitTreeNode: z.ZodType<OrgUnitTreeNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: orgUnitKind,
    status: z.enum(recordStatuses),
    childCount: z.number().int(),
    children: z.array(orgUnitTreeNode).optional(),
  }),
);
export interface OrgUnitTreeNode {
  id: string;
  name: string;
  kind: (typeof orgUnitKinds)[number];
  status: (typeof recordStatuses)[number];
  childCount: number;
  children?: OrgUnitTreeNode[];
}

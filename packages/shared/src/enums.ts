/** Coded values shared by server and web, with their Chinese labels. */

export const orgUnitKinds = ['province', 'city', 'county', 'township', 'village', 'community', 'school', 'enterprise'] as const;
export type OrgUnitKind = (typeof orgUnitKinds)[number];
export const orgUnitKindLabels: Record<OrgUnitKind, string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村',
  community: '社区',
  school: '学校',
  enterprise: '企业',
};

/** Which kinds may stand under which: the tree's shape. */
export const orgUnitChildKinds: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  province: ['city'],
  city: ['county'],
  county: ['township', 'school', 'enterprise'],
  township: ['village', 'community', 'school', 'enterprise'],
  village: [],
  community: [],
  school: [],
  enterprise: [],
};

export const dataScopes = ['all', 'subtree', 'node', 'self', 'custom'] as const;
export type DataScope = (typeof dataScopes)[number];
export const dataScopeLabels: Record<DataScope, string> = {
  all: '全部数据',
  subtree: '本级及下级',
  node: '仅本级',
  self: '仅本人',
  custom: '自定义组织',
};

/** The three separated administrators (三员分立). */
export const separatedDuties = ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const;
export type SeparatedDuty = (typeof separatedDuties)[number];

export const builtinRoleCodes = [
  'countyOffice',
  'townshipOfficer',
  'grassrootsLiaison',
  'memberUnitLiaison',
  'volunteer',
  'countyLeader',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
] as const;
export type BuiltinRoleCode = (typeof builtinRoleCodes)[number];

export const userStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];
export const userStatusLabels: Record<UserStatus, string> = { active: '正常', disabled: '停用' };

export const recordStatuses = ['active', 'disabled'] as const;
export type RecordStatus = (typeof recordStatuses)[number];
export const recordStatusLabels: Record<RecordStatus, string> = { active: '启用', disabled: '停用' };

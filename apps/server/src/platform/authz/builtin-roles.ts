import type { BuiltinRoleCode, DataScope, Permission, SeparatedDuty } from '@gg/shared';

export interface BuiltinRole {
  code: BuiltinRoleCode;
  name: string;
  description: string;
  dataScope: DataScope;
  separatedDuty?: SeparatedDuty;
  permissions: Permission[];
}

/** The roles of docs/domain.md and the three separated administrators, with their default permissions. */
export const builtinRoles: BuiltinRole[] = [
  {
    code: 'countyOffice',
    name: '县关工委办公室',
    description: '全县计划、目标、考核、报表和各类台账',
    dataScope: 'all',
    permissions: [
      'orgUnit:read', 'orgUnit:create', 'orgUnit:update', 'orgUnit:move', 'orgUnit:disable', 'orgUnit:export',
      'memberUnit:read', 'memberUnit:create', 'memberUnit:update', 'memberUnit:export',
      'dictionary:read', 'notice:read', 'notice:publish', 'dashboard:read', 'sealed:request', 'sealed:approve',
      'activity:read', 'activity:create', 'activity:update', 'activity:delete', 'activity:export', 'activity:stats', 'lecture:read', 'lecture:request', 'lecture:manage', 'base:read', 'base:manage', 'campaign:read', 'campaign:manage', 'creation:read', 'creation:apply', 'creation:check', 'creation:manage',
      'volunteer:read', 'volunteer:create', 'volunteer:update', 'volunteer:export', 'volunteer:import', 'volunteer:unmask', 'volunteer:certificate', 'volunteer:stats', 'volunteer:settings',
    ],
  },
  {
    code: 'townshipOfficer',
    name: '乡镇关工委专干',
    description: '本乡镇及以下的志愿者、帮扶对象和活动',
    dataScope: 'subtree',
    permissions: ['orgUnit:read', 'orgUnit:create', 'orgUnit:update', 'orgUnit:export', 'memberUnit:read', 'dictionary:read', 'notice:read', 'dashboard:read', 'sealed:request', 'activity:read', 'activity:create', 'activity:update', 'activity:delete', 'activity:export', 'activity:stats', 'lecture:read', 'lecture:request', 'base:read', 'campaign:read', 'creation:read', 'creation:apply', 'volunteer:read', 'volunteer:create', 'volunteer:update', 'volunteer:export', 'volunteer:import', 'volunteer:certificate', 'volunteer:stats'],
  },
  {
    code: 'grassrootsLiaison',
    name: '村（社区）学校联络员',
    description: '记录本单位的活动、走访和帮扶',
    dataScope: 'node',
    permissions: ['orgUnit:read', 'memberUnit:read', 'dictionary:read', 'notice:read', 'activity:read', 'activity:create', 'activity:update', 'activity:delete', 'lecture:read', 'lecture:request', 'base:read', 'campaign:read', 'creation:read', 'creation:apply', 'volunteer:read', 'volunteer:create', 'volunteer:update'],
  },
  {
    code: 'memberUnitLiaison',
    name: '成员单位联络员',
    description: '本单位的目标、进展、像样的事和组织的活动',
    dataScope: 'node',
    permissions: ['memberUnit:read', 'dictionary:read', 'notice:read', 'dashboard:read', 'activity:read', 'activity:create', 'activity:update', 'activity:delete', 'activity:export', 'base:read', 'campaign:read', 'lecture:read'],
  },
  {
    code: 'volunteer',
    name: '五老志愿者',
    description: '本人的安排、宣讲和走访记录、结对对象',
    dataScope: 'self',
    permissions: ['notice:read', 'activity:read', 'lecture:read', 'lecture:confirm', 'volunteer:read'],
  },
  {
    code: 'countyLeader',
    name: '县领导',
    description: '查看全县汇总数据和报表，不含个人信息',
    dataScope: 'all',
    permissions: ['orgUnit:read', 'memberUnit:read', 'notice:read', 'dashboard:read', 'activity:stats', 'campaign:read', 'base:read', 'creation:read', 'volunteer:stats'],
  },
  {
    code: 'systemAdmin',
    name: '系统管理员',
    description: '管理账号、组织和系统运行（三员之一，不能分配角色、不能查看审计记录）',
    dataScope: 'all',
    separatedDuty: 'systemAdmin',
    permissions: [
      'orgUnit:read', 'orgUnit:create', 'orgUnit:update', 'orgUnit:move', 'orgUnit:disable', 'orgUnit:export',
      'memberUnit:read', 'memberUnit:create', 'memberUnit:update', 'memberUnit:export',
      'user:read', 'user:create', 'user:update', 'user:resetPassword', 'user:disable', 'user:import', 'user:export',
      'role:read', 'dictionary:read', 'dictionary:update', 'notice:read', 'notice:publish', 'system:monitor', 'system:runJob', 'system:backup',
    ],
  },
  {
    code: 'securityAdmin',
    name: '安全管理员',
    description: '分配角色与权限、设置安全策略、管理在线会话（三员之一）',
    dataScope: 'all',
    separatedDuty: 'securityAdmin',
    permissions: ['user:read', 'role:read', 'role:create', 'role:update', 'role:grant', 'setting:read', 'setting:update', 'session:read', 'session:forceLogout', 'loginLog:read', 'orgUnit:read', 'memberUnit:read', 'notice:read'],
  },
  {
    code: 'auditAdmin',
    name: '审计管理员',
    description: '查看、导出和校验审计记录（三员之一）',
    dataScope: 'all',
    separatedDuty: 'auditAdmin',
    permissions: ['audit:read', 'audit:export', 'audit:verify', 'audit:purge', 'loginLog:read', 'notice:read'],
  },
];

/** A role needs a second factor when it is one of the 三员 or may unmask or open sealed records. */
export function roleNeedsSecondFactor(role: { separatedDuty: string | null }, permissions: readonly string[]): boolean {
  return Boolean(role.separatedDuty) || permissions.some((p) => p.endsWith(':unmask') || p === 'sealed:approve' || p === 'sealed:request');
}

/**
 * 关爱帮扶 (careCase) grants. Person-level permissions go to the case workers; the county leader sees
 * statistics only; elder volunteers see their own mentees (name, school, plan). `unmask` makes a role
 * need a second factor (roleNeedsSecondFactor).
 */
const careCaseGrants: Partial<Record<BuiltinRoleCode, Permission[]>> = {
  countyOffice: [
    'careCase:read', 'careCase:create', 'careCase:update', 'careCase:approveClosure', 'careCase:export', 'careCase:exportFull',
    'careCase:import', 'careCase:unmask', 'careCase:assist', 'careCase:merge', 'careCase:stats', 'careCase:dataRequest',
  ],
  townshipOfficer: [
    'careCase:read', 'careCase:create', 'careCase:update', 'careCase:approveClosure', 'careCase:export',
    'careCase:import', 'careCase:unmask', 'careCase:assist', 'careCase:merge', 'careCase:stats', 'careCase:dataRequest',
  ],
  grassrootsLiaison: ['careCase:read', 'careCase:create', 'careCase:update'],
  countyLeader: ['careCase:stats'],
  volunteer: ['careCase:mentee'],
};
for (const role of builtinRoles) role.permissions.push(...(careCaseGrants[role.code] ?? []));

/**
 * 工作概览 and 报表: the office and the county leader draft the yearly report and export the returns for the county;
 * a township officer for the township (the same figures, scoped). Aggregates only, no personal data.
 */
const reportGrants: Partial<Record<BuiltinRoleCode, Permission[]>> = {
  countyOffice: ['report:read', 'report:export'],
  townshipOfficer: ['report:read', 'report:export'],
  countyLeader: ['report:read', 'report:export'],
};
for (const role of builtinRoles) role.permissions.push(...(reportGrants[role.code] ?? []));

/**
 * 目标考核 / 组织领导 / 要素保障 grants. The office does everything; a member-unit liaison works on their own
 * unit's targets, progress, deeds, self-assessment and tasks; a township officer on their own committee's
 * (and keeps its venues, leadership, training and funds); the county leader reads rankings and summaries.
 */
const workGrants: Partial<Record<BuiltinRoleCode, Permission[]>> = {
  countyOffice: [
    'target:read', 'target:manage', 'target:confirm', 'target:progress', 'target:export',
    'notableDeed:read', 'notableDeed:record', 'notableDeed:review', 'notableDeed:export',
    'assessment:read', 'assessment:self', 'assessment:review', 'assessment:rubric', 'assessment:rank', 'assessment:export',
    'meeting:read', 'meeting:manage', 'meeting:taskUpdate', 'meeting:supervise', 'meeting:export',
    'resource:read', 'resource:manage', 'resource:export', 'brand:read', 'brand:manage', 'brand:export',
  ],
  memberUnitLiaison: [
    'target:read', 'target:confirm', 'target:progress', 'notableDeed:read', 'notableDeed:record',
    'assessment:read', 'assessment:self', 'meeting:read', 'meeting:taskUpdate', 'brand:read',
  ],
  townshipOfficer: [
    'target:read', 'target:confirm', 'target:progress', 'notableDeed:read', 'notableDeed:record',
    'assessment:read', 'assessment:self', 'meeting:read', 'meeting:taskUpdate',
    'resource:read', 'resource:manage', 'resource:export', 'brand:read',
  ],
  countyLeader: ['assessment:rank', 'meeting:supervise', 'brand:read'],
};
for (const role of builtinRoles) role.permissions.push(...(workGrants[role.code] ?? []));

/**
 * 技能培训 grants. The office and township officers run classes and trainees (only the office sees full ID numbers
 * and phones); a village/school liaison reads classes with trainees' names masked; the county leader sees results.
 */
const trainingGrants: Partial<Record<BuiltinRoleCode, Permission[]>> = {
  countyOffice: ['training:read', 'training:manage', 'training:demand', 'training:enrol', 'training:record', 'training:export', 'training:import', 'training:unmask', 'training:stats'],
  townshipOfficer: ['training:read', 'training:manage', 'training:enrol', 'training:record', 'training:export', 'training:import', 'training:stats'],
  grassrootsLiaison: ['training:read'],
  countyLeader: ['training:stats'],
};
for (const role of builtinRoles) role.permissions.push(...(trainingGrants[role.code] ?? []));

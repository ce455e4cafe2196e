import type { BuiltinRoleCode } from '@gg/shared';
import { createBootstrapUser } from '../../platform/bootstrap.js';
import type { DemoStep, DemoStepContext } from '../context.js';
import { personName } from '../names.js';

/** The one password of every demo account. Printed at start; never use demo mode in production. */
export const DEMO_PASSWORD = 'Demo@2026gg';

export type DemoPlacement = 'county' | 'firstTownship' | 'villageOfFirstTownship' | 'otherVillageOfFirstTownship' | 'educationBureau';

export interface DemoAccount {
  username: string;
  roleCode: BuiltinRoleCode;
  placement: DemoPlacement;
  /** Where the account sits, for the printed table. */
  where: string;
}

/** One account per role of docs/domain.md plus the security and audit administrators (admin comes from bootstrap). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'office', roleCode: 'countyOffice', placement: 'county', where: '县关工委办公室（全县）' },
  { username: 'township', roleCode: 'townshipOfficer', placement: 'firstTownship', where: '第一个乡镇（街道）及以下' },
  { username: 'liaison', roleCode: 'grassrootsLiaison', placement: 'villageOfFirstTownship', where: '该乡镇的一个村（社区）' },
  { username: 'unit', roleCode: 'memberUnitLiaison', placement: 'educationBureau', where: '成员单位：县教育局' },
  { username: 'volunteer', roleCode: 'volunteer', placement: 'otherVillageOfFirstTownship', where: '该乡镇的另一个村（本人）' },
  { username: 'leader', roleCode: 'countyLeader', placement: 'county', where: '全县汇总（不含个人信息）' },
  { username: 'secadmin', roleCode: 'securityAdmin', placement: 'county', where: '三员：安全管理员' },
  { username: 'auditadmin', roleCode: 'auditAdmin', placement: 'county', where: '三员：审计管理员' },
];

function place(ctx: DemoStepContext, placement: DemoPlacement): { orgUnitId: string | null; memberUnitId?: string } {
  const { ids } = ctx;
  const township = ids.townships[0];
  const grassroots = [...ids.villages, ...ids.communities].filter((v) => township && v.parentId === township.id);
  switch (placement) {
    case 'county':
      return { orgUnitId: ids.root.id };
    case 'firstTownship':
      if (!township) throw new Error('demo: no township to place the township officer');
      return { orgUnitId: township.id };
    case 'villageOfFirstTownship':
    case 'otherVillageOfFirstTownship': {
      const node = grassroots[placement === 'villageOfFirstTownship' ? 0 : Math.min(1, grassroots.length - 1)];
      if (!node) throw new Error('demo: the first township has no village or community');
      return { orgUnitId: node.id };
    }
    case 'educationBureau': {
      const unit = ids.memberUnits.find((u) => u.shortName === '教育局');
      if (!unit) throw new Error('demo: 教育局 is missing from the member units');
      return { orgUnitId: null, memberUnitId: unit.id };
    }
  }
}

/** The demo accounts, all with DEMO_PASSWORD and no forced change at first sign-in. */
export const demoUsersStep: DemoStep = {
  name: 'users',
  label: '演示账号',
  async run(ctx) {
    for (const account of DEMO_ACCOUNTS) {
      const where = place(ctx, account.placement);
      const displayName = personName(ctx.prng);
      const id = await createBootstrapUser(ctx.platform, {
        username: account.username, displayName, roleCode: account.roleCode, password: DEMO_PASSWORD, mustChange: false,
        phone: ctx.prng.mobile(), ...where,
      });
      ctx.ids.users[account.username] = {
        id, username: account.username, roleCode: account.roleCode, displayName,
        orgUnitId: where.orgUnitId, memberUnitId: where.memberUnitId ?? null,
      };
    }
    return { users: DEMO_ACCOUNTS.length };
  },
};

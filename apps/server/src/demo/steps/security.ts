import type { DemoStep } from '../context.js';

const SYSTEM_ACTOR = { userId: null, username: 'system', orgUnitId: null, ip: null };

/**
 * Demo mode only: privileged demo accounts sign in without an authenticator app.
 * Production keeps the second factor on (the default).
 */
export const demoSecurityStep: DemoStep = {
  name: 'security',
  label: '安全设置（演示模式关闭动态验证码）',
  async run(ctx) {
    const { platform } = ctx;
    const current = await platform.settings.security();
    await platform.transaction(SYSTEM_ACTOR, async (trx, audit) => {
      await platform.settings.saveSecurity(trx, { ...current, secondFactorForPrivileged: false }, 'system');
      await audit({
        event: 'setting.update', objectType: 'setting', objectId: 'security', summary: '演示模式：关闭管理员动态验证码要求',
        detail: { changed: { secondFactorForPrivileged: { before: current.secondFactorForPrivileged, after: false } } },
      });
    });
    platform.settings.invalidate();
    ctx.log('演示模式：已关闭“管理员和可查看敏感数据的角色须使用动态验证码”（生产环境默认开启，请勿在生产环境使用演示模式）');
    return { settingsChanged: 1 };
  },
};

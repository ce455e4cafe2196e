import { securitySettings, securitySettingLabels, type SecuritySettings } from '@gg/shared';
import type { z } from 'zod';
import type { securitySettingsUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { settingRepository } from './repository.js';
import { settingPolicy } from './policy.js';
import { presentSecuritySettings } from './presenter.js';

type UpdateInput = z.output<typeof securitySettingsUpdate>;

export function createSettingService(platform: Platform) {
  const repo = settingRepository(platform.db);

  async function fresh(): Promise<SecuritySettings> {
    platform.settings.invalidate();
    return platform.settings.security();
  }

  return {
    async getSecurity(actor: Actor) {
      return presentSecuritySettings(actor, await fresh(), await repo.meta('security'));
    },

    /** Merge the keys sent into the settings in force, validate the whole, save and audit before/after. */
    async updateSecurity(actor: Actor, who: AuditActor, input: UpdateInput) {
      if (!settingPolicy.update(actor)) throw new AppError('FORBIDDEN');
      const current = await fresh();
      const sent = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<SecuritySettings>;
      if (sent.ipBlocklist) sent.ipBlocklist = [...new Set(sent.ipBlocklist)];
      const next = securitySettings.parse({ ...current, ...sent });
      if (who.ip && next.ipBlocklist.includes(who.ip)) {
        throw new AppError('SETTING_BLOCKS_SELF', `不能把自己当前的 IP 地址（${who.ip}）加入禁止访问名单`, [{ path: 'ipBlocklist', message: '包含您当前的 IP 地址' }]);
      }
      const diff = changes(current as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
      const changed = Object.keys(diff.after) as (keyof SecuritySettings)[];
      if (changed.length) {
        await platform.transaction(who, async (trx, audit) => {
          await platform.settings.saveSecurity(trx, next, actor.userId);
          await audit({
            event: 'setting.update', objectType: 'setting', objectId: 'security',
            summary: `修改安全策略：${changed.map((k) => securitySettingLabels[k]).join('、')}`,
            detail: diff,
          });
        });
        // The store's cache may have been refilled by another request while the transaction was open.
        platform.settings.invalidate();
      }
      return this.getSecurity(actor);
    },
  };
}

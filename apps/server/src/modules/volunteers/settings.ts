import { defaultVolunteerStarHours, volunteerSettings, type VolunteerSettings } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { moduleSettings } from '../../platform/moduleSettings.js';

/** The volunteers module's settings: the hours for one to five service stars (星级标准). */
export const volunteerSettingsStore = moduleSettings('volunteer', volunteerSettings, { starHours: [...defaultVolunteerStarHours] });

export function createVolunteerSettingsService(platform: Platform) {
  return {
    read: () => volunteerSettingsStore.read(platform.db),

    async save(actor: Actor, who: AuditActor, value: VolunteerSettings) {
      return platform.transaction(who, async (trx, audit) => {
        const before = await volunteerSettingsStore.read(trx);
        await volunteerSettingsStore.write(trx, value, actor.userId);
        await audit({ event: 'volunteer.settings', objectType: 'setting', objectId: volunteerSettingsStore.key, summary: '修改五老志愿服务星级标准', detail: { before, after: value } });
        return value;
      });
    },
  };
}

import { defaultSecuritySettings, type SecuritySettings, type SecuritySettingsView } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import { settingActions } from './policy.js';

export function presentSecuritySettings(
  actor: Actor,
  settings: SecuritySettings,
  meta: { updatedAt: string; updatedBy: string | null; displayName: string | null } | undefined,
): SecuritySettingsView {
  return {
    settings,
    defaults: defaultSecuritySettings,
    updatedAt: meta?.updatedAt ?? null,
    // Writes by the platform itself (start-up, tests) carry no user.
    updatedBy: meta?.updatedBy && meta.displayName ? { id: meta.updatedBy, displayName: meta.displayName } : null,
    actions: settingActions(actor),
  };
}

import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

/** actor may <action> on the security settings when <condition>. */
export const settingPolicy = {
  update: (actor: Actor) => can(actor, 'setting:update'),
};

export type SettingAction = keyof typeof settingPolicy;

export function settingActions(actor: Actor): SettingAction[] {
  return (Object.keys(settingPolicy) as SettingAction[]).filter((a) => settingPolicy[a](actor));
}

import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { CampaignTable } from '../../platform/db/schema.js';

/** Actor may <action> on campaign when <condition>. */
export const campaignPolicy = {
  update: (actor: Actor, _c: CampaignTable) => can(actor, 'campaign:manage'),
  disable: (actor: Actor, c: CampaignTable) => can(actor, 'campaign:manage') && c.status === 'active',
  enable: (actor: Actor, c: CampaignTable) => can(actor, 'campaign:manage') && c.status === 'disabled',
  recordActivity: (actor: Actor, c: CampaignTable) => can(actor, 'activity:create') && c.status === 'active',
};
export type CampaignAction = keyof typeof campaignPolicy;
export const campaignActions = (actor: Actor, c: CampaignTable) => (Object.keys(campaignPolicy) as CampaignAction[]).filter((a) => campaignPolicy[a](actor, c));

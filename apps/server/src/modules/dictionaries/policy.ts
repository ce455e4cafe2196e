import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { DictionaryItemRow } from './repository.js';

/** actor may <action> on a dictionary item when <condition>. */
export const dictionaryPolicy = {
  update: (actor: Actor, _item: DictionaryItemRow) => can(actor, 'dictionary:update'),
  disable: (actor: Actor, item: DictionaryItemRow) => can(actor, 'dictionary:update') && item.status === 'active',
  enable: (actor: Actor, item: DictionaryItemRow) => can(actor, 'dictionary:update') && item.status === 'disabled',
};

export type DictionaryAction = keyof typeof dictionaryPolicy;

export function dictionaryActions(actor: Actor, item: DictionaryItemRow): DictionaryAction[] {
  return (Object.keys(dictionaryPolicy) as DictionaryAction[]).filter((a) => dictionaryPolicy[a](actor, item));
}

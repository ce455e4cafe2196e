import type { DictionaryItem, RecordStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { DictionaryItemRow } from './repository.js';
import { dictionaryActions } from './policy.js';

export function presentDictionaryItem(actor: Actor, row: DictionaryItemRow): DictionaryItem {
  return {
    id: row.id,
    type: row.type,
    code: row.code,
    label: row.label,
    sortOrder: row.sortOrder,
    status: row.status as RecordStatus,
    actions: dictionaryActions(actor, row),
  };
}

import type { z } from 'zod';
import type { dictionaryItemCreate, dictionaryItemUpdate, dictionaryListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { dictionaryRepository, type DictionaryItemRow } from './repository.js';
import { dictionaryPolicy } from './policy.js';
import { presentDictionaryItem } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof dictionaryItemCreate>;
type UpdateInput = z.output<typeof dictionaryItemUpdate>;
type ListQuery = z.output<typeof dictionaryListQuery>;

export function createDictionaryService(platform: Platform) {
  const repo = dictionaryRepository(platform.db);

  async function load(id: string): Promise<DictionaryItemRow> {
    const row = await repo.find(id);
    if (!row) throw new AppError('DICTIONARY_ITEM_NOT_FOUND');
    return row;
  }

  return {
    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(query, query);
      return { items: rows.map((r) => presentDictionaryItem(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    types: () => repo.types(),

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      if (await repo.codeTaken(input.type, input.code)) throw new AppError('DICTIONARY_CODE_TAKEN', undefined, [{ path: 'code', message: '同一字典类型下已有相同编码' }]);
      const id = newId();
      try {
        await platform.transaction(who, async (trx, audit) => {
          await dictionaryRepository(trx).insert({ id, type: input.type, code: input.code, label: input.label, sortOrder: input.sortOrder, status: 'active' });
          await audit({ event: 'dictionary.create', objectType: 'dictionaryItem', objectId: id, summary: `新增字典项：${input.type} / ${input.code} ${input.label}`, detail: { after: input } });
        });
      } catch (err) {
        // Two administrators adding the same code at once: the unique index decides, the loser gets 409 — the winner's
        // row readable once its (on SQLite shared) commit is made.
        await platform.commitsSettled();
        if (await repo.codeTaken(input.type, input.code)) throw new AppError('DICTIONARY_CODE_TAKEN', undefined, [{ path: 'code', message: '同一字典类型下已有相同编码' }]);
        throw err;
      }
      return presentDictionaryItem(actor, await load(id));
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(id);
      if (!dictionaryPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      const diff = changes(row as unknown as Record<string, unknown>, input as Record<string, unknown>);
      if (Object.keys(diff.after).length) {
        await platform.transaction(who, async (trx, audit) => {
          await dictionaryRepository(trx).update(id, diff.after);
          await audit({ event: 'dictionary.update', objectType: 'dictionaryItem', objectId: id, summary: `编辑字典项：${row.type} / ${row.code} ${row.label}`, detail: diff });
        });
      }
      return presentDictionaryItem(actor, await load(id));
    },
  };
}

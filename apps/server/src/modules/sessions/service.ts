import type { z } from 'zod';
import type { sessionListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { endSessions } from '../../platform/auth/sessions.js';
import { sessionRepository } from './repository.js';
import { sessionPolicy } from './policy.js';
import { presentSession, publicSessionId } from './presenter.js';

type ListQuery = z.output<typeof sessionListQuery>;

export function createSessionService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = sessionRepository(db);

  return {
    async list(actor: Actor, query: ListQuery) {
      const settings = await platform.settings.security();
      const { rows, total } = await repo.list(actor, settings.sessionIdleMinutes, query, query);
      return { items: rows.map((r) => presentSession(actor, r, cipher)), total, page: query.page, pageSize: query.pageSize };
    },

    /** 强退: end one open session on the server; the holder's next request answers 401. */
    async forceLogout(actor: Actor, who: AuditActor, id: string) {
      const settings = await platform.settings.security();
      const row = (await repo.allOpen(actor, settings.sessionIdleMinutes)).find((r) => publicSessionId(cipher, r.idHash) === id);
      if (!row) throw new AppError('SESSION_NOT_FOUND');
      if (row.idHash === actor.sessionIdHash) throw new AppError('SESSION_IS_CURRENT');
      if (!sessionPolicy.forceLogout(actor, row)) throw new AppError('FORBIDDEN');
      await platform.transaction(who, async (trx, audit) => {
        const ended = await endSessions(trx, { idHash: row.idHash }, 'forceLogout');
        if (ended === 0) throw new AppError('SESSION_NOT_FOUND');
        await audit({
          event: 'auth.forceLogout', objectType: 'user', objectId: row.userId,
          summary: `强制下线：${row.username}（${row.displayName}）`,
          detail: { session: id, ip: row.ip, signedInAt: row.createdAt },
        });
      });
      return { ok: true as const };
    },
  };
}

import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '@gg/shared';
import type { Actor } from '../authz/actor.js';
import type { AuditActor } from '../audit/audit.js';
import { AppError } from '../errors.js';

/**
 * What a route demands before its handler runs:
 * a permission name, `authenticated` (any signed-in user with nothing pending),
 * `pending` (signed in, even with a password change or 2FA set-up due), or `public`.
 */
export type RoutePermission = Permission | 'authenticated' | 'pending' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function auditActorOf(req: FastifyRequest): AuditActor {
  return {
    userId: req.actor?.userId ?? null,
    username: req.actor?.username ?? null,
    orgUnitId: req.actor?.orgUnitId ?? null,
    ip: req.ip ?? null,
  };
}

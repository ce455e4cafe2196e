import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecuritySettings } from '@gg/shared';
import type { Platform } from '../context.js';
import { AppError } from '../errors.js';
import { endSessions, loadActor, SESSION_COOKIE } from '../auth/sessions.js';
import { clearSessionCookie } from '../auth/cookie.js';
import type { RoutePermission } from './types.js';

/** The one place every API request is authenticated and its route's permission checked. */
export async function authenticate(
  platform: Platform,
  req: FastifyRequest,
  reply: FastifyReply,
  permission: RoutePermission,
  settings: SecuritySettings,
): Promise<void> {
  if (permission === 'public') return;
  const token = req.cookies[SESSION_COOKIE];
  const result = await loadActor(platform.db, token, settings);
  if ('problem' in result) {
    if (result.idHash && (result.problem === 'idle' || result.problem === 'expired')) {
      await endSessions(platform.db, { idHash: result.idHash }, result.problem);
    }
    if (token) clearSessionCookie(reply);
    throw new AppError(token && result.problem !== 'missing' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  }
  const actor = result.actor;
  req.actor = actor;
  if (permission === 'pending') return;
  if (actor.pending.includes('changePassword')) {
    throw new AppError(settings.passwordMaxAgeDays > 0 && !(await mustChangeFlag(platform, actor.userId)) ? 'PASSWORD_EXPIRED' : 'PASSWORD_CHANGE_REQUIRED');
  }
  if (actor.pending.includes('setupSecondFactor')) throw new AppError('SECOND_FACTOR_SETUP_REQUIRED');
  if (permission === 'authenticated') return;
  if (!actor.permissions.has(permission)) throw new AppError('FORBIDDEN');
}

async function mustChangeFlag(platform: Platform, userId: string): Promise<boolean> {
  const row = await platform.db.selectFrom('appUser').select('mustChangePassword').where('id', '=', userId).executeTakeFirst();
  return Boolean(row?.mustChangePassword);
}

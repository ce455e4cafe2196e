import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './sessions.js';

/** HttpOnly, SameSite=Strict; Secure whenever the browser reached us over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, publicOrigin?: string) {
  const secure = req.protocol === 'https' || Boolean(publicOrigin?.startsWith('https:'));
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request check for state-changing methods (besides SameSite=Strict cookies):
 * an `Origin` must match this server (or GG_PUBLIC_ORIGIN); a browser's `Sec-Fetch-Site: cross-site` is refused.
 * Requests with neither header come from non-browser clients and carry no ambient cookie risk.
 */
export function checkOrigin(req: FastifyRequest, publicOrigin?: string, trustProxy = false): void {
  if (SAFE.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin) {
    const host = req.headers['x-forwarded-host'] && trustProxy ? req.headers['x-forwarded-host'] : req.headers.host;
    const allowed = new Set([`http://${host}`, `https://${host}`]);
    if (publicOrigin) allowed.add(new URL(publicOrigin).origin);
    if (!allowed.has(origin)) throw new AppError('CROSS_SITE_REQUEST');
    return;
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CROSS_SITE_REQUEST');
}

import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { createCreationService } from './service.js';
export { creationRoutes } from './routes.js';

/** The status board per township (scope-filtered counts), for dashboards and reports. */
export async function creationBoard(platform: Platform, actor: Actor) {
  return createCreationService(platform).board(actor, undefined);
}

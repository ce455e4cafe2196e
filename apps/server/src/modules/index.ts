import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/types.js';
import { authRoutes } from './auth/routes.js';
import { healthRoutes } from './health/routes.js';
import { orgUnitRoutes } from './orgUnits/routes.js';
import { systemRoutes } from './system/routes.js';
import { memberUnitRoutes } from './memberUnits/routes.js';
import { userRoutes } from './users/routes.js';
import { uploadRoutes } from './uploads/routes.js';
import { sealedAccessRoutes } from './sealedAccess/routes.js';
import { roleRoutes } from './roles/routes.js';
import { settingRoutes } from './settings/routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { auditRoutes } from './audit/routes.js';
import { volunteerRoutes } from './volunteers/index.js';
import { careCaseRoutes } from './careCases/routes.js';
import { dictionaryRoutes } from './dictionaries/routes.js';
import { noticeRoutes } from './notices/routes.js';

import { activityRoutes } from './activities/index.js';
import { campaignRoutes } from './campaigns/index.js';
import { baseRoutes } from './bases/index.js';
import { lectureRoutes } from './lectures/index.js';
import { creationRoutes } from './creations/index.js';
/** Every module registers here, explicitly, in one place. */
export function registerModules(app: App, platform: Platform) {
  healthRoutes(app, platform);
  authRoutes(app, platform);
  orgUnitRoutes(app, platform);
  systemRoutes(app, platform);
  memberUnitRoutes(app, platform);
  userRoutes(app, platform);
  uploadRoutes(app, platform);
  sealedAccessRoutes(app, platform);
  roleRoutes(app, platform);
  settingRoutes(app, platform);
  sessionRoutes(app, platform);
  auditRoutes(app, platform);
  volunteerRoutes(app, platform);
  careCaseRoutes(app, platform);
  dictionaryRoutes(app, platform);
  noticeRoutes(app, platform);
  activityRoutes(app, platform);
  campaignRoutes(app, platform);
  baseRoutes(app, platform);
  lectureRoutes(app, platform);
  creationRoutes(app, platform);
}

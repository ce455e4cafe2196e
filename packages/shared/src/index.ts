import { z } from 'zod';

// Every validation message in Chinese, on the server and in the browser alike.
z.config(z.locales.zhCN());

export * from './errors.js';
export * from './permissions.js';
export * from './enums.js';
export * from './mask.js';
export * from './idNumber.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/orgUnit.js';
export * from './schemas/memberUnit.js';
export * from './schemas/user.js';
export * from './schemas/setting.js';
export * from './schemas/role.js';
export * from './schemas/session.js';
export * from './schemas/audit.js';
export * from './schemas/dictionary.js';
export * from './schemas/notice.js';
export * from './schemas/upload.js';
export * from './schemas/sealedAccess.js';
export * from './schemas/activity.js';
export * from './schemas/campaign.js';
export * from './schemas/base.js';
export * from './schemas/lecture.js';
export * from './schemas/creation.js';
export * from './schemas/dashboard.js';
export * from './schemas/inbox.js';
export * from './schemas/backgroundTask.js';
export * from './schemas/system.js';
export * from './schemas/volunteer.js';
export * from './schemas/careCase.js';
export * from './schemas/target.js';
export * from './schemas/assessment.js';
export * from './schemas/meeting.js';
export * from './schemas/resource.js';
export * from './schemas/myWork.js';

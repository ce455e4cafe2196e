import { z } from 'zod';
import { idParams, myLectureHeld, myWork, type Permission } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createVolunteerService } from '../volunteers/service.js';
import { createCertificateService } from '../volunteers/certificate.js';
import { createMyWorkService } from './service.js';

/**
 * 我的工作 for an elder volunteer on the phone pages (/m/). Every route works on the caller's own volunteer
 * record only (volunteer.user_id = the signed-in user); a caller with no linked record gets VOLUNTEER_NOT_FOUND.
 */
export function myWorkRoutes(app: App, platform: Platform) {
  const service = createMyWorkService(platform);
  const certificate = createCertificateService(platform, createVolunteerService(platform));
  const tags = ['我的工作'];

  app.get('/me/work', { schema: { tags, summary: '我的工作：宣讲安排、结对对象（仅帮扶所需）、待办联系、服务时长', response: { 200: myWork } }, config: { permission: 'volunteer:read' } }, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return service.work(actorOf(req));
  });

  app.post('/me/lectures/:id/held', { schema: { tags, summary: '宣讲员登记本人已开讲的宣讲（生成活动，计入服务时长）', params: idParams, body: myLectureHeld, response: { 200: z.object({ id: z.string(), status: z.string(), activityId: z.string(), date: z.string() }) } }, config: { permission: 'lecture:confirm' } }, async (req) =>
    service.recordLecture(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  /** The volunteer's own 志愿服务记录证明; the certificate permission is granted for their own record only. */
  app.get('/me/certificate', { schema: { tags, summary: '下载本人的志愿服务记录证明（Word）' }, config: { permission: 'volunteer:read' } }, async (req, reply) => {
    const actor = actorOf(req);
    const own = await service.myVolunteer(actor);
    const self = { ...actor, permissions: new Set<Permission>([...actor.permissions, 'volunteer:certificate']) };
    const doc = await certificate(self, auditActorOf(req), own.id, {});
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(doc.buffer);
  });
}

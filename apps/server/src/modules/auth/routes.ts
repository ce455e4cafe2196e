import { z } from 'zod';
import { changePasswordBody, loginBody, loginReply, me, okReply, pendingActions } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/cookie.js';
import { loadActor } from '../../platform/auth/sessions.js';
import { createAuthService } from './service.js';

export function authRoutes(app: App, platform: Platform) {
  const auth = createAuthService(platform);
  const tags = ['认证'];

  app.post(
    '/auth/login',
    {
      schema: { tags, summary: '登录（用户名、密码，必要时动态验证码）', body: loginBody, response: { 200: loginReply } },
      config: {
        permission: 'public',
        rateLimit: { max: async () => (await platform.settings.security()).loginRatePerMinute, timeWindow: 60_000 },
      },
    },
    async (req, reply) => {
      const result = await auth.login(req.body, req.ip, req.headers['user-agent'] ?? null);
      setSessionCookie(req, reply, result.token, platform.config.publicOrigin);
      const loaded = await loadActor(platform.db, result.token, await platform.settings.security());
      if (!('actor' in loaded)) throw new Error('session just created is not loadable');
      const user = await auth.me(loaded.actor);
      return { user, mustChangePassword: result.pending.includes('changePassword'), pending: result.pending };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: '退出登录', response: { 200: okReply } }, config: { permission: 'pending' } }, async (req, reply) => {
    await auth.logout(actorOf(req), auditActorOf(req));
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags, summary: '当前用户、权限与待办（改密、绑定验证码）', response: { 200: me } }, config: { permission: 'pending' } }, async (req) =>
    auth.me(actorOf(req)),
  );

  app.post(
    '/auth/password',
    { schema: { tags, summary: '修改本人密码', body: changePasswordBody, response: { 200: z.object({ pending: z.array(z.enum(pendingActions)) }) } }, config: { permission: 'pending' } },
    async (req) => ({ pending: await auth.changePassword(actorOf(req), auditActorOf(req), req.body.oldPassword, req.body.newPassword) }),
  );

  app.post(
    '/auth/second-factor/setup',
    { schema: { tags, summary: '获取动态验证码绑定密钥', response: { 200: z.object({ secret: z.string(), uri: z.string(), algorithm: z.string() }) } }, config: { permission: 'pending' } },
    async (req) => auth.startSecondFactor(actorOf(req)),
  );

  app.post(
    '/auth/second-factor/confirm',
    {
      schema: { tags, summary: '输入验证码完成绑定', body: z.strictObject({ otp: z.string().regex(/^\d{6}$/, { error: '动态验证码为6位数字' }) }), response: { 200: z.object({ pending: z.array(z.enum(pendingActions)) }) } },
      config: { permission: 'pending' },
    },
    async (req) => ({ pending: await auth.confirmSecondFactor(actorOf(req), auditActorOf(req), req.body.otp) }),
  );
}

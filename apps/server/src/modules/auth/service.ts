import type { LoginBody, Me, OrgUnitKind, PendingAction, Permission, SecuritySettings } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, endSessions } from '../../platform/auth/sessions.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from '../../platform/auth/totp.js';
import { roleNeedsSecondFactor } from '../../platform/authz/builtin-roles.js';

export function createAuthService(platform: Platform) {
  const { db, cipher } = platform;
  const otpHash = platform.config.crypto === 'gm' ? 'sm3' : 'sha1';
  const totpAad = (userId: string) => `app_user:${userId}:totp`;

  async function needsSecondFactor(userId: string, settings: SecuritySettings): Promise<boolean> {
    if (!settings.secondFactorForPrivileged) return false;
    const roles = await db
      .selectFrom('userRole')
      .innerJoin('role', 'role.id', 'userRole.roleId')
      .leftJoin('rolePermission', 'rolePermission.roleId', 'role.id')
      .select(['role.id', 'role.separatedDuty', 'rolePermission.permission'])
      .where('userRole.userId', '=', userId)
      .execute();
    const perms = roles.map((r) => r.permission).filter((p): p is string => Boolean(p));
    return roles.some((r) => r.separatedDuty) || roleNeedsSecondFactor({ separatedDuty: null }, perms);
  }

  /** Failed sign-ins are written in their own transaction: the request fails, the record stays. */
  async function recordFailure(actor: AuditActor, username: string, reason: string, userId?: string) {
    await platform.record(actor, { event: 'auth.login', objectType: 'user', objectId: userId, result: 'failure', summary: `登录失败：${username}`, detail: { reason } });
  }

  return {
    async login(body: LoginBody, ip: string | null, userAgent: string | null) {
      const settings = await platform.settings.security();
      const key = body.username.trim().toLowerCase();
      const actor: AuditActor = { userId: null, username: body.username.trim().slice(0, 64), orgUnitId: null, ip };
      const user = await db.selectFrom('appUser').selectAll().where('usernameKey', '=', key).executeTakeFirst();
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), body.password);
        await recordFailure(actor, body.username, 'unknown user');
        throw new AppError('LOGIN_FAILED');
      }
      const who: AuditActor = { ...actor, userId: user.id, orgUnitId: user.orgUnitId };
      if (user.lockedUntil && Date.parse(user.lockedUntil) > Date.now()) {
        await recordFailure(who, body.username, 'locked', user.id);
        throw new AppError('LOGIN_FAILED');
      }
      const passwordOk = await verifyPassword(user.passwordHash, body.password);
      if (!passwordOk || user.status !== 'active') {
        if (passwordOk) {
          await recordFailure(who, body.username, 'disabled', user.id);
          throw new AppError('LOGIN_FAILED');
        }
        await registerWrongPassword(user.id, user.failedAttempts, settings, who, body.username);
        throw new AppError('LOGIN_FAILED');
      }
      if (user.totpEnabled && user.totpSecretEnc) {
        if (!body.otp) throw new AppError('SECOND_FACTOR_REQUIRED');
        const secret = cipher.decrypt(user.totpSecretEnc, totpAad(user.id));
        if (!verifyTotp(secret, body.otp, otpHash)) {
          await registerWrongPassword(user.id, user.failedAttempts, settings, who, body.username, 'wrong one-time code');
          throw new AppError('SECOND_FACTOR_INVALID');
        }
      }
      const pending: PendingAction[] = [];
      const expired =
        settings.passwordMaxAgeDays > 0 && Date.now() - Date.parse(user.passwordChangedAt) > settings.passwordMaxAgeDays * 86_400_000;
      if (user.mustChangePassword || expired) pending.push('changePassword');
      if (!user.totpEnabled && (await needsSecondFactor(user.id, settings))) pending.push('setupSecondFactor');

      const session = await platform.transaction(who, async (trx, audit) => {
        await trx
          .updateTable('appUser')
          .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date().toISOString() })
          .where('id', '=', user.id)
          .execute();
        const created = await createSession(trx, { userId: user.id, ip, userAgent, pending, settings });
        await audit({ event: 'auth.login', objectType: 'user', objectId: user.id, summary: `登录成功：${user.username}`, detail: pending.length ? { pending } : undefined });
        return created;
      });
      return { token: session.token, userId: user.id, pending };
    },

    async logout(actor: Actor, auditActor: AuditActor) {
      await platform.transaction(auditActor, async (trx, audit) => {
        await endSessions(trx, { idHash: actor.sessionIdHash }, 'logout');
        await audit({ event: 'auth.logout', objectType: 'user', objectId: actor.userId, summary: `退出登录：${actor.username}` });
      });
    },

    async me(actor: Actor): Promise<Me> {
      const row = await db
        .selectFrom('appUser')
        .leftJoin('orgUnit', 'orgUnit.id', 'appUser.orgUnitId')
        .leftJoin('memberUnit', 'memberUnit.id', 'appUser.memberUnitId')
        .select([
          'appUser.totpEnabled', 'orgUnit.id as orgId', 'orgUnit.name as orgName', 'orgUnit.kind as orgKind',
          'memberUnit.id as muId', 'memberUnit.name as muName',
        ])
        .where('appUser.id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      return {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        orgUnit: row.orgId ? { id: row.orgId, name: row.orgName!, kind: row.orgKind as OrgUnitKind } : null,
        memberUnit: row.muId ? { id: row.muId, name: row.muName! } : null,
        roles: actor.roles.map((r) => ({ code: r.code, name: r.name, dataScope: r.dataScope })),
        permissions: [...actor.permissions].sort() as Permission[],
        pending: actor.pending,
        secondFactorEnabled: Boolean(row.totpEnabled),
      };
    },

    async changePassword(actor: Actor, auditActor: AuditActor, oldPassword: string, newPassword: string) {
      const settings = await platform.settings.security();
      const user = await db.selectFrom('appUser').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(user.passwordHash, oldPassword))) throw new AppError('PASSWORD_WRONG', undefined, [{ path: 'oldPassword', message: '原密码错误' }]);
      checkPasswordPolicy(newPassword, user.username, settings);
      const history = await db
        .selectFrom('passwordHistory')
        .select('passwordHash')
        .where('userId', '=', user.id)
        .orderBy('createdAt', 'desc')
        .limit(Math.max(settings.passwordHistory, 1))
        .execute();
      const recent = settings.passwordHistory > 0 ? history : [];
      for (const h of [...recent, { passwordHash: user.passwordHash }]) {
        if (await verifyPassword(h.passwordHash, newPassword)) {
          throw new AppError('PASSWORD_REUSED', `不能使用最近${settings.passwordHistory}次用过的密码`, [{ path: 'newPassword', message: '不能使用最近用过的密码' }]);
        }
      }
      const passwordHash = await hashPassword(newPassword, platform.config.crypto);
      const now = new Date().toISOString();
      const pending = actor.pending.filter((p) => p !== 'changePassword');
      await platform.transaction(auditActor, async (trx, audit) => {
        await trx.updateTable('appUser').set({ passwordHash, passwordChangedAt: now, mustChangePassword: 0, updatedAt: now }).where('id', '=', user.id).execute();
        await trx.insertInto('passwordHistory').values({ userId: user.id, passwordHash, createdAt: now }).execute();
        await endSessions(trx, { userId: user.id, exceptIdHash: actor.sessionIdHash }, 'passwordChanged');
        await trx.updateTable('session').set({ pending: JSON.stringify(pending) }).where('idHash', '=', actor.sessionIdHash).execute();
        await audit({ event: 'auth.passwordChange', objectType: 'user', objectId: user.id, summary: `修改密码：${user.username}` });
      });
      return pending;
    },

    async startSecondFactor(actor: Actor) {
      const secret = generateTotpSecret();
      await db
        .updateTable('appUser')
        .set({ totpSecretEnc: cipher.encrypt(secret, totpAad(actor.userId)), totpEnabled: 0 })
        .where('id', '=', actor.userId)
        .where('totpEnabled', '=', 0)
        .execute();
      return { secret, uri: otpauthUri(secret, actor.username, otpHash), algorithm: otpHash === 'sm3' ? 'SM3' : 'SHA1' };
    },

    async confirmSecondFactor(actor: Actor, auditActor: AuditActor, otp: string) {
      const user = await db.selectFrom('appUser').select(['totpSecretEnc', 'totpEnabled']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (user.totpEnabled || !user.totpSecretEnc) throw new AppError('BAD_REQUEST', '请先获取新的绑定密钥');
      const secret = cipher.decrypt(user.totpSecretEnc, totpAad(actor.userId));
      if (!verifyTotp(secret, otp, otpHash)) throw new AppError('SECOND_FACTOR_INVALID', undefined, [{ path: 'otp', message: '动态验证码错误' }]);
      const pending = actor.pending.filter((p) => p !== 'setupSecondFactor');
      await platform.transaction(auditActor, async (trx, audit) => {
        await trx.updateTable('appUser').set({ totpEnabled: 1 }).where('id', '=', actor.userId).execute();
        await trx.updateTable('session').set({ pending: JSON.stringify(pending) }).where('idHash', '=', actor.sessionIdHash).execute();
        await audit({ event: 'auth.secondFactorEnabled', objectType: 'user', objectId: actor.userId, summary: `绑定动态验证码：${actor.username}` });
      });
      return pending;
    },
  };

  async function registerWrongPassword(
    userId: string,
    failedAttempts: number,
    settings: SecuritySettings,
    who: AuditActor,
    username: string,
    reason = 'wrong password',
  ) {
    const attempts = failedAttempts + 1;
    const lock = attempts >= settings.lockoutThreshold;
    await platform.transaction(who, async (trx, audit) => {
      await trx
        .updateTable('appUser')
        .set({
          failedAttempts: lock ? 0 : attempts,
          lockedUntil: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000).toISOString() : null,
        })
        .where('id', '=', userId)
        .execute();
      await audit({ event: 'auth.login', objectType: 'user', objectId: userId, result: 'failure', summary: `登录失败：${username}`, detail: { reason, attempts } });
      if (lock) {
        await audit({ event: 'auth.lockout', objectType: 'user', objectId: userId, summary: `账号锁定 ${settings.lockoutMinutes} 分钟：${username}` });
      }
    });
  }
}

export type AuthService = ReturnType<typeof createAuthService>;

import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { passwordClasses, type SecuritySettings } from '@gg/shared';
import { AppError } from '../errors.js';
import { commonPasswords } from './common-passwords.js';

const pbkdf2 = promisify(crypto.pbkdf2);
const PBKDF2_ITERATIONS = 210_000;

/** argon2id by default; PBKDF2-HMAC-SM3 when 国密 is configured. Both salted and slow. */
export async function hashPassword(password: string, suite: 'standard' | 'gm'): Promise<string> {
  if (suite === 'gm') {
    const salt = crypto.randomBytes(16);
    const dk = await pbkdf2(password, salt, PBKDF2_ITERATIONS, 32, 'sm3');
    return `$pbkdf2-sm3$i=${PBKDF2_ITERATIONS}$${salt.toString('base64')}$${dk.toString('base64')}`;
  }
  return argonHash(password, { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (stored.startsWith('$pbkdf2-sm3$')) {
    const [, , iter, saltB, dkB] = stored.split('$');
    const expected = Buffer.from(dkB, 'base64');
    const dk = await pbkdf2(password, Buffer.from(saltB, 'base64'), Number(iter.slice(2)), expected.length, 'sm3');
    return crypto.timingSafeEqual(dk, expected);
  }
  try {
    return await argonVerify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'), 'standard');
  return dummyHash;
}

/** Check a new password against the policy; throws PASSWORD_POLICY with every reason. */
export function checkPasswordPolicy(password: string, username: string, settings: SecuritySettings): void {
  const problems: string[] = [];
  if (Array.from(password).length < settings.passwordMinLength) problems.push(`至少${settings.passwordMinLength}位`);
  if (passwordClasses(password) < settings.passwordMinClasses)
    problems.push(`至少包含大写字母、小写字母、数字、符号中的${settings.passwordMinClasses}类`);
  if (username && password.toLowerCase().includes(username.trim().toLowerCase())) problems.push('不能包含用户名');
  if (commonPasswords.has(password.toLowerCase())) problems.push('不能使用常见弱密码');
  if (problems.length) {
    throw new AppError('PASSWORD_POLICY', `密码不符合安全策略：${problems.join('；')}`, [
      { path: 'newPassword', message: problems.join('；') },
    ]);
  }
}

/** A random one-time password that satisfies any policy: 16 characters, all four classes. */
export function generateOneTimePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!'];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]);
  while (chars.length < 16) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

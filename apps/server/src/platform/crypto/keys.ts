import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The data key lives outside the database: `GG_DATA_KEY` or a key file. Both hold one or more
 * versioned keys, `1:<base64 32 bytes>;2:<base64>`; the highest version encrypts, all decrypt.
 * A bare base64 value is version 1.
 */
export interface KeyRing {
  current: number;
  keys: Map<number, Buffer>;
}

export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<number, Buffer>();
  for (const part of text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+):(.+)$/.exec(part);
    const [version, b64] = m ? [Number(m[1]), m[2]] : [1, part];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`数据密钥第 ${version} 版长度不对：需要 32 字节（base64 编码）`);
    keys.set(version, key);
  }
  if (keys.size === 0) throw new Error('数据密钥为空');
  return { current: Math.max(...keys.keys()), keys };
}

export function loadKeyRing(options: { dataKey?: string; keyFile: string }): KeyRing {
  if (options.dataKey) return parseKeyRing(options.dataKey);
  if (!fs.existsSync(options.keyFile)) {
    fs.mkdirSync(path.dirname(options.keyFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(options.keyFile, `1:${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseKeyRing(fs.readFileSync(options.keyFile, 'utf8'));
}

export function generateKeyRingText(): string {
  return `1:${crypto.randomBytes(32).toString('base64')}`;
}

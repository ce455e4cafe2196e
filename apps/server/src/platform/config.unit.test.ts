import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs one server process unless GG_INSTANCES asks for more; auto is one per core', () => {
    expect(loadConfig({}).instances).toBe(1);
    expect(loadConfig({ GG_INSTANCES: '3' }).instances).toBe(3);
    expect(loadConfig({ GG_INSTANCES: 'auto' }).instances).toBe(os.availableParallelism());
  });

  it('refuses a GG_INSTANCES that is neither auto nor 1 to 64, with a Chinese message naming it', () => {
    for (const bad of ['0', '-1', '65', '1.5', 'many']) {
      expect(() => loadConfig({ GG_INSTANCES: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ GG_INSTANCES: bad })).toThrow(/GG_INSTANCES 只能是 auto 或 1 到 64 的整数/);
    }
  });

  it('gives SQLite one reader thread on a machine with several cores unless GG_SQLITE_READERS says otherwise', () => {
    expect(loadConfig({}).sqliteReaders).toBe(os.availableParallelism() > 1 ? 1 : 0);
    expect(loadConfig({ GG_SQLITE_READERS: '0' }).sqliteReaders).toBe(0);
    expect(loadConfig({ GG_SQLITE_READERS: '4' }).sqliteReaders).toBe(4);
    for (const bad of ['-1', '17', '1.5', 'auto', '']) {
      expect(() => loadConfig({ GG_SQLITE_READERS: bad })).toThrow(/GG_SQLITE_READERS 只能是 0 到 16 的整数/);
    }
  });

  it('gives requests in flight 10 s on shutdown unless GG_SHUTDOWN_GRACE_SECONDS says otherwise, from 0 to 600', () => {
    expect(loadConfig({}).shutdownGraceSeconds).toBe(10);
    expect(loadConfig({ GG_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceSeconds).toBe(0);
    expect(loadConfig({ GG_SHUTDOWN_GRACE_SECONDS: '30' }).shutdownGraceSeconds).toBe(30);
    expect(() => loadConfig({ GG_SHUTDOWN_GRACE_SECONDS: 'soon' })).toThrow(/GG_SHUTDOWN_GRACE_SECONDS 必须是数字/);
    for (const bad of ['-1', '601']) expect(() => loadConfig({ GG_SHUTDOWN_GRACE_SECONDS: bad })).toThrow(/GG_SHUTDOWN_GRACE_SECONDS 只能是 0 到 600 秒/);
  });
});

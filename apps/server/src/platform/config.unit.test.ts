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
});

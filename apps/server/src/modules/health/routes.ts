import { sql } from 'kysely';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';

const startedAt = new Date().toISOString();

export function healthRoutes(app: App, platform: Platform) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查（负载均衡探活用）',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string(), startedAt: z.string(), time: z.string() }) },
      },
      config: { permission: 'public' },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(platform.db);
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE', '数据库不可用');
      }
      return { status: 'ok' as const, db: platform.handle.dialect, version: '0.1.0', startedAt, time: new Date().toISOString() };
    },
  );
}

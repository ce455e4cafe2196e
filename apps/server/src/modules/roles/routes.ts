import { z } from 'zod';
import { idParams, permissionTree, roleCreate, roleItem, roleUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createRoleService } from './service.js';

export function roleRoutes(app: App, platform: Platform) {
  const service = createRoleService(platform);
  const tags = ['角色权限'];

  app.get('/permissions', { schema: { tags, summary: '权限树（角色编辑用）', response: { 200: permissionTree } }, config: { permission: 'role:read' } }, async () =>
    service.permissionTree(),
  );
  app.get('/roles', { schema: { tags, summary: '角色列表（含权限和用户数）', response: { 200: z.array(roleItem) } }, config: { permission: 'role:read' } }, async (req) =>
    service.list(actorOf(req)),
  );
  app.get('/roles/:id', { schema: { tags, summary: '角色详情', params: idParams, response: { 200: roleItem } }, config: { permission: 'role:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/roles', { schema: { tags, summary: '新增角色', body: roleCreate, response: { 200: roleItem } }, config: { permission: 'role:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/roles/:id', { schema: { tags, summary: '编辑角色（名称、说明、数据范围、权限）', params: idParams, body: roleUpdate, response: { 200: roleItem } }, config: { permission: 'role:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

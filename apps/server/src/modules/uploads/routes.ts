import { idParams, uploadInfo } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, type App } from '../../platform/http/types.js';
import { sendUpload } from '../../platform/files/uploads.js';
import { createUploadService } from './service.js';

export function uploadRoutes(app: App, platform: Platform) {
  const service = createUploadService(platform);
  const tags = ['文件'];

  // multipart/form-data with one field `file`; the type is decided by the content, not the name.
  app.post('/uploads', { schema: { tags, summary: '上传文件（表单字段 file，按内容识别类型，最大10MB）', response: { 200: uploadInfo } }, config: { permission: 'authenticated' } }, async (req) =>
    service.create(req),
  );
  app.get('/uploads/:id', { schema: { tags, summary: '下载文件（本人上传或数据范围内）', params: idParams }, config: { permission: 'authenticated' } }, async (req, reply) => {
    const { row, content } = await service.open(actorOf(req), req.params.id);
    return sendUpload(reply, row, content);
  });
}

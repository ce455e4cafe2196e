import type { UploadInfo } from '@gg/shared';
import type { UploadTable } from '../../platform/db/schema.js';

export function presentUpload(row: UploadTable): UploadInfo {
  return { id: row.id, originalName: row.originalName, mime: row.mime, size: Number(row.size), sha256: row.sha256 };
}

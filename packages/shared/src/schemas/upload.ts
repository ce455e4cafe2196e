import { z } from 'zod';

/**
 * File types the platform accepts. The server decides the type from the file's first bytes (magic
 * bytes), never from the name or the browser's content type; each upload call names the kinds it allows.
 */
export const uploadKinds = ['jpeg', 'png', 'gif', 'webp', 'pdf', 'docx', 'xlsx', 'mp4'] as const;
export type UploadKind = (typeof uploadKinds)[number];

export const uploadKindInfo: Record<UploadKind, { mime: string; extensions: readonly string[]; label: string }> = {
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPEG 图片' },
  png: { mime: 'image/png', extensions: ['.png'], label: 'PNG 图片' },
  gif: { mime: 'image/gif', extensions: ['.gif'], label: 'GIF 图片' },
  webp: { mime: 'image/webp', extensions: ['.webp'], label: 'WebP 图片' },
  pdf: { mime: 'application/pdf', extensions: ['.pdf'], label: 'PDF 文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], label: 'Word 文档（.docx）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], label: 'Excel 表格（.xlsx）' },
  mp4: { mime: 'video/mp4', extensions: ['.mp4', '.m4v'], label: 'MP4 视频' },
};

/** Common allowlists for upload calls (and for the web's `accept` attribute). */
export const uploadPresets = {
  images: ['jpeg', 'png', 'gif', 'webp'],
  documents: ['pdf', 'docx', 'xlsx'],
  attachments: ['jpeg', 'png', 'gif', 'webp', 'pdf', 'docx', 'xlsx', 'mp4'],
} as const satisfies Record<string, readonly UploadKind[]>;

/** Default (and platform-wide maximum unless a call says otherwise) upload size: 10 MB. */
export const uploadMaxBytesDefault = 10 * 1024 * 1024;

/** The `accept` attribute for a file input allowing these kinds. */
export function uploadAccept(kinds: readonly UploadKind[]): string {
  return kinds.flatMap((k) => [uploadKindInfo[k].mime, ...uploadKindInfo[k].extensions]).join(',');
}

export const uploadInfo = z.object({
  id: z.string(),
  originalName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type UploadInfo = z.infer<typeof uploadInfo>;

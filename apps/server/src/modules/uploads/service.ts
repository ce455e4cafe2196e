import type { FastifyRequest } from 'fastify';
import { uploadPresets } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { AppError } from '../../platform/errors.js';
import { readUploadContent, receiveUpload } from '../../platform/files/uploads.js';
import { uploadRepository } from './repository.js';
import { presentUpload } from './presenter.js';

export function createUploadService(platform: Platform) {
  const repo = uploadRepository(platform.db);
  return {
    /** A general attachment (any platform kind, 10 MB). Modules with narrower needs call receiveUpload themselves. */
    async create(req: FastifyRequest) {
      const row = await receiveUpload(platform, req, { allow: uploadPresets.attachments, purpose: 'upload' });
      return presentUpload(row);
    },

    /** The file for download; out of scope (or unknown) is 404. */
    async open(actor: Actor, id: string) {
      const row = await repo.findVisible(actor, id);
      if (!row) throw new AppError('UPLOAD_NOT_FOUND');
      return { row, content: readUploadContent(platform, row) };
    },
  };
}

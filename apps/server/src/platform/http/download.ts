import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { xlsxFilename } from '../files/excel.js';

/** An .xlsx download, whole or streamed as it is written. */
export function sendXlsx(reply: FastifyReply, base: string, buffer: Buffer | Readable) {
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename*=UTF-8''${xlsxFilename(base)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(buffer);
}

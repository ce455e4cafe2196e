import type { FastifyReply } from 'fastify';
import { xlsxFilename } from '../files/excel.js';

export function sendXlsx(reply: FastifyReply, base: string, buffer: Buffer) {
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename*=UTF-8''${xlsxFilename(base)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(buffer);
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  ResponseSerializationError,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { errorCatalogue, type ErrorBody, type ErrorCode } from '@gg/shared';
import type { Platform } from '../context.js';
import { AppError } from '../errors.js';
import { authenticate } from './authenticate.js';
import { checkOrigin } from './origin.js';
import { compileSerializer, responseSchemaOf } from './serializer.js';
import type { App, RoutePermission } from './types.js';

export interface RouteInfo {
  method: string;
  url: string;
  permission: RoutePermission;
  /** Whether the route validates a JSON body (used by the generated bad-input test). */
  hasBody: boolean;
}

export interface BuildOptions {
  registerModules: (api: App, platform: Platform) => Promise<void> | void;
  logger?: boolean;
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** A declared-oversized JSON body up to this size is read to its end before the 413 (see the preParsing hook). */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 30_000;

/** Read a request body to its end and throw it away; a client that stalls longer than `timeoutMs` loses its connection. */
async function drain(payload: NodeJS.ReadableStream & { destroy?(err?: Error): void }, timeoutMs: number): Promise<void> {
  const timer = setTimeout(() => payload.destroy?.(new Error('body drain timed out')), timeoutMs);
  try {
    for await (const _chunk of payload) {
      // discarded
    }
  } catch {
    // the client went away or stalled: nothing to answer on
  } finally {
    clearTimeout(timer);
  }
}

export async function buildApp(platform: Platform, options: BuildOptions) {
  const { config } = platform;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // The body as bytes, not a string: fastify sends a Buffer as it is (its types name only strings). BENCHMARKS.md,
  // "Session of 2026-12-01 08:09".
  app.setSerializerCompiler(
    ({ schema, method, url }) =>
      compileSerializer(responseSchemaOf(schema), (cause) => new ResponseSerializationError(method, url, { cause }), config.checkReplies) as unknown as (data: unknown) => string,
  );

  const routes: RouteInfo[] = [];
  app.decorate('routeTable', routes);
  /** The API's paths as the OpenAPI document names them (`/api/x/{id}`), for GET /api/paths. */
  const apiPaths = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
    // The browsable API page is public; everything else must name its permission.
    if (route.url === '/api/docs' || route.url.startsWith('/api/docs/')) route.config = { ...route.config, permission: 'public' };
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${methods.join(',')} ${route.url} names no permission`);
    const hasBody = Boolean((route.schema as { body?: unknown } | undefined)?.body);
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, permission, hasBody });
    if (!(route.schema as { hide?: boolean } | undefined)?.hide) apiPaths.add(route.url.replace(/:(\w+)/g, '{$1}'));
  });

  await app.register(cookie);
  // Helmet's headers are the same for every reply: worked out once here. (@fastify/helmet built Helmet's middleware
  // again on every request, parsing the policy each time: ~2% of a request's CPU, issue 10.)
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: config.publicOrigin?.startsWith('https:') ? { maxAge: 31536000 } : false,
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });

  await app.register(swagger, {
    openapi: {
      info: { title: '关工通 API', version: '0.1.0', description: '关心下一代工作平台接口。所有接口需登录（会话 Cookie），按权限与数据范围返回。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gg_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  app.addHook('onRequest', async (req, reply) => {
    const settings = await platform.settings.security();
    if (settings.ipBlocklist.includes(req.ip)) throw new AppError('IP_BLOCKED');
    if (!req.url.startsWith('/api/')) return;
    reply.header('Cache-Control', 'no-store');
    reply.header('Pragma', 'no-cache');
    reply.header('X-Request-Id', req.id);
    checkOrigin(req, config.publicOrigin, config.trustProxy);
    const permission = req.routeOptions.config?.permission;
    if (!permission) return; // unknown route: the not-found handler answers
    await authenticate(platform, req, reply, permission, settings);
  });

  // A body declared larger than the route accepts: read it to the end (up to DRAIN_MAX_BYTES) and then answer 413 on
  // a connection that stays usable. Answering at once and closing while the client is still sending made the client
  // see a reset (EPIPE / ECONNRESET) instead of the 413 about one time in a hundred — the connection resets the
  // reliability fuzzer saw (docs/decisions.md). Larger declarations, and bodies without a length, keep Fastify's
  // answer-and-close.
  app.addHook('preParsing', async (req, _reply, payload) => {
    const declared = Number(req.headers['content-length']);
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    if (!(declared > limit) || declared > DRAIN_MAX_BYTES || req.headers['content-type']?.startsWith('multipart/')) return payload;
    await drain(payload, DRAIN_TIMEOUT_MS);
    throw new AppError('PAYLOAD_TOO_LARGE');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));

  // While draining for a shutdown, finish in-flight requests but tell keep-alive clients to go away.
  app.decorate('draining', false);
  app.addHook('onSend', async (_req, reply) => {
    if (app.draining) reply.header('Connection', 'close');
  });

  app.register(
    async (api) => {
      api.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
      // What the web's menu needs to know (which screens the server can serve), without the 650 KB OpenAPI document:
      // that one is built on its first request (over a second after a start) and sent whole, and the first screen
      // after signing in waited on it (issue 10, dashboard usable ≤ 1.5 s). Same paths, same keys.
      let pathList: string | undefined;
      api.get('/paths', { config: { permission: 'public' }, schema: { hide: true } }, async (_req, reply) => {
        pathList ??= JSON.stringify({ paths: [...apiPaths].sort() });
        return reply.type('application/json; charset=utf-8').send(pathList);
      });
      await options.registerModules(api as unknown as App, platform);
    },
    { prefix: '/api' },
  );

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    // preCompressed: the build writes .br and .gz beside each asset; browsers that accept them get those. Hashed
    // assets never change under their name: cached for a year; anything else is revalidated.
    await app.register(fastifyStatic, {
      root: config.webDist, wildcard: false, index: false, preCompressed: true, cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('Cache-Control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendError(new AppError('ROUTE_NOT_FOUND'), req, reply);
    }
    const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '');
    const file = path.resolve(config.webDist, rel);
    if (rel && file.startsWith(config.webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const cache = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return reply.header('Cache-Control', cache).sendFile(rel);
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html').sendFile('index.html');
  });

  return app;
}

/** The headers Helmet sets for these options, collected once from its middleware. */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => (failed = err));
  if (failed) throw failed;
  return headers;
}

export function errorBody(code: ErrorCode, requestId: string, message?: string, details?: ErrorBody['details']): ErrorBody {
  return { code, message: message ?? errorCatalogue[code].message, requestId, ...(details?.length ? { details } : {}) };
}

const contextLabel: Record<string, string> = { body: '', querystring: '查询参数 ', params: '路径参数 ', headers: '请求头 ' };

function sendError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err, code: err.code }, 'request failed');
    return reply.status(err.status).send(errorBody(err.code, req.id, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = contextLabel[(err as { validationContext?: string }).validationContext ?? 'body'] ?? '';
    const details = err.validation.map((v) => ({
      path: `${where}${v.instancePath.replace(/^\//, '').replaceAll('/', '.')}`.trim(),
      message: v.message ?? '格式不正确',
    }));
    const first = details[0];
    const message = `提交的内容有误：${first.path ? `${first.path}：` : ''}${first.message}`;
    return reply.status(400).send(errorBody('VALIDATION_FAILED', req.id, message, details));
  }
  if (isUniqueViolation(err)) {
    // Two people saving the same unique value at the same moment: the loser gets a clean 409.
    return reply.status(409).send(errorBody('CONFLICT', req.id, '数据已存在或已被他人同时修改，请刷新后重试'));
  }
  const fe = err as FastifyError;
  if (fe.statusCode === 429) return reply.status(429).send(errorBody('RATE_LIMITED', req.id));
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
    return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', req.id));
  }
  // A malformed multipart body: busboy's parse errors carry no status code (found by the reliability fuzzer).
  if (!fe.statusCode && /^(Unexpected end of (multipart data|form|file)|Malformed (part header|urlencoded form)|Multipart: Boundary not found)/.test(fe.message ?? '')) {
    return reply.status(400).send(errorBody('BAD_REQUEST', req.id, '上传的表单格式不正确'));
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const message = fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? '不支持的内容类型' : '请求格式不正确';
    return reply.status(400).send(errorBody('BAD_REQUEST', req.id, message));
  }
  // PostgreSQL refuses NUL characters in text (22021); the input was bad, not the server (found by the fuzzer).
  if ((err as { code?: string }).code === '22021') {
    return reply.status(400).send(errorBody('VALIDATION_FAILED', req.id, '提交的内容含有不允许的空字符'));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('INTERNAL', req.id));
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
    draining: boolean;
  }
}

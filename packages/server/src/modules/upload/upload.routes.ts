import { can } from '@jixiao/domain';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config.js';
import type { Db } from '../../db.js';
import type { AuthService, Viewer } from '../auth/auth.service.js';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type ErrorCode } from '../common/errors.js';
import { BoundedQueue } from '../common/bounded-queue.js';
import { UploadRejectedError } from './upload.errors.js';
import { findViewableUpload, saveUpload, SHA256_PATTERN, toUploadMetadata } from './upload.service.js';
import { UploadStore, type UploadVariant } from './upload-store.js';

export interface UploadRoutesOptions {
  db: Db;
  auth: AuthService;
  config: AppConfig;
}

/** HTTP status of the shared errors; any other AppError is the client's fault (400). */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

interface UploadParams {
  sha256: string;
}

interface UploadRequestState {
  em: EntityManager;
  viewer: Viewer;
}

/**
 * Photo uploads (docs/api.md "Field evidence and the sync protocol"), registered as an encapsulated plugin so that its
 * raw-body parser, body limit and error format stay off the GraphQL route.
 *
 * - `PUT /uploads/<sha256>`, body the image bytes (any Content-Type), bearer token of an ADMIN,
 *   MANAGER or INSPECTOR: 201 and the metadata the first time, 200 and the same metadata when the
 *   photo is already there. 400 a malformed hash, 401 no or expired login, 403 a VIEWER,
 *   413 too large (bytes or pixels), 415 not JPEG/PNG/WebP (or HEIC this server cannot decode),
 *   422 a body whose SHA-256 differs from the URL's, or an image that cannot be decoded.
 * - `GET /uploads/<sha256>[?variant=thumb]`, bearer token: the stored JPEG (or its thumbnail),
 *   cached as immutable. 403 when the uploader's organization is outside the viewer's scope and
 *   equally for an unknown hash.
 *
 * Errors are JSON `{ error: { code, message } }`.
 */
export async function uploadRoutes(server: FastifyInstance, options: UploadRoutesOptions): Promise<void> {
  const { db, auth, config } = options;
  const store = new UploadStore(config.uploadsDir);
  const decodes = new BoundedQueue('photo decoding', config.decodeConcurrency, config.decodeMaxWaiting);
  const state = new WeakMap<FastifyRequest, UploadRequestState>();

  // Photos arrive as raw bytes, whatever Content-Type the device sets; their type is found from the
  // bytes themselves.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.uploadMaxBytes }, (_request, body, done) => done(null, body));

  server.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, config.uploadMaxBytes));

  server.put<{ Params: UploadParams }>(
    '/uploads/:sha256',
    {
      bodyLimit: config.uploadMaxBytes,
      // Runs before the body is read: nobody without the right to upload gets 15 MB buffered.
      onRequest: async (request) => {
        const em = db.em.fork();
        const viewer = await auth.authenticate(em, request.headers.authorization);
        if (!viewer) throw new UnauthenticatedError();
        if (!can(viewer.user.role, 'COLLECT_EVIDENCE')) throw new ForbiddenError('只读账号不能上传照片');
        checkHash(request.params.sha256);
        state.set(request, { em, viewer });
      },
    },
    async (request, reply) => {
      const { em, viewer } = state.get(request)!;
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new ValidationError('body', '请求体为空：应为照片文件的内容');
      const { upload, created } = await saveUpload(em, store, {
        sha256: request.params.sha256,
        body,
        uploadedBy: viewer.user,
        maxPixels: config.uploadMaxPixels,
        decodes,
      });
      return reply.code(created ? 201 : 200).send(toUploadMetadata(upload));
    },
  );

  server.get<{ Params: UploadParams; Querystring: { variant?: string } }>('/uploads/:sha256', async (request, reply) => {
    const em = db.em.fork();
    const viewer = await auth.authenticate(em, request.headers.authorization);
    if (!viewer) throw new UnauthenticatedError();
    const { sha256 } = request.params;
    checkHash(sha256);
    const variant = parseVariant(request.query.variant);
    await findViewableUpload(em, viewer, sha256);

    const path = store.path(sha256, variant);
    const file = await stat(path).catch(() => null);
    if (!file) throw new NotFoundError('照片文件缺失，请让上传者重新上传');
    const etag = `"${sha256}${variant === 'thumb' ? '.thumb' : ''}"`;
    reply.headers({
      'content-type': 'image/jpeg',
      // The content behind a hash never changes; private because it needs a login.
      'cache-control': 'private, max-age=31536000, immutable',
      etag,
      'x-content-type-options': 'nosniff',
    });
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('content-length', file.size).send(createReadStream(path));
  });
}

function checkHash(sha256: string): void {
  if (!SHA256_PATTERN.test(sha256)) throw new ValidationError('sha256', '照片地址应为 64 位小写十六进制的 SHA-256');
}

function parseVariant(variant: string | undefined): UploadVariant {
  if (variant === undefined) return 'original';
  if (variant === 'thumb') return 'thumb';
  throw new ValidationError('variant', 'variant 只能为 thumb，或不填（原图）');
}

/** Maps every error of these routes to a status and `{ error: { code, message } }`, in one place. */
function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, maxBytes: number): FastifyReply {
  if (error instanceof UploadRejectedError) {
    if (error.status === 503) reply.header('retry-after', '5');
    return reply.code(error.status).send(errorBody(error.code, error.message));
  }
  if (error instanceof AppError) return reply.code(STATUS_OF[error.code] ?? 400).send(errorBody(error.code, error.message));
  // Fastify's own: the body limit (also from Content-Length, before reading) and malformed requests.
  if (error.statusCode === 413) {
    return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', `照片文件过大，最大 ${formatBytes(maxBytes)}，请压缩后再上传`));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.code(error.statusCode).send(errorBody('BAD_REQUEST', `请求格式不正确：${error.message}`));
  }
  request.log.error({ err: error }, 'unexpected error in an upload request');
  return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后再试'));
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Number((bytes / 1024).toFixed(1))} KB`;
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

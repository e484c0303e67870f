import { can, InvalidInputError } from '@jixiao/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db.js';
import type { AuthService } from '../auth/auth.service.js';
import { AppError, checkFiscalYear, ForbiddenError, UnauthenticatedError, ValidationError, type ErrorCode } from '../common/errors.js';
import { UploadStore } from '../upload/upload-store.js';
import { PRINTABLE_REPORT, ReportService, SELF_EVALUATION, TARGET_TABLES, type DownloadKind, type ReportRequest } from './report.service.js';
import { importTargetWorkbook } from '../target-import/target-table-import.js';

export interface ReportRoutesOptions {
  db: Db;
  auth: AuthService;
  /** AppConfig.uploadsDir: the printable report embeds the photos' thumbnails. */
  uploadsDir: string;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

const KINDS: readonly DownloadKind[] = [SELF_EVALUATION, TARGET_TABLES, PRINTABLE_REPORT];
/**
 * Report files over plain HTTP, registered as an encapsulated plugin (its body parser and error
 * format stay off the other routes):
 *
 * - `GET /downloads/<token>`: the link from the exportSelfEvaluation / exportTargetTables /
 *   printableReport queries. The token is signed and lasts 10 minutes; the user it was issued to,
 *   their role and their organizations are checked again, and the file is generated from the data
 *   as it is now. 200 with the XLSX (Content-Disposition attachment, UTF-8 file name) or the
 *   printable page (text/html, inline, with a Content-Security-Policy that lets only its own style
 *   and print button run), 401 an invalid, tampered or expired link, 403 no longer allowed, 404
 *   nothing left to export.
 * - `POST /imports/target-tables.xlsx[?year=2024]`: imports a workbook of 绩效目标表 (the layout
 *   exportTargetTables writes, one table per worksheet). Body: the .xlsx file itself (raw bytes, any
 *   Content-Type, e.g. application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); header
 *   `Authorization: Bearer <token>` of an ADMIN or MANAGER. 200 with the same result as the
 *   importTargetTables mutation — `{ created, updated, actuals, projects: [{ id, name, orgCode, orgName, year,
 *   tableNumber }], warnings, errors }`, messages naming the worksheet and cell (`sheet`, `cell`);
 *   400 not an XLSX file (the message starts with "target-tables.xlsx：", the body's name), 401, 403.
 *
 * Errors are JSON `{ error: { code, message } }`.
 */
export async function reportRoutes(server: FastifyInstance, options: ReportRoutesOptions): Promise<void> {
  const { db, auth } = options;
  const uploads = new UploadStore(options.uploadsDir);

  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  server.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));

  // A wildcard, not ":token": Fastify refuses parameters longer than 100 characters, and signed
  // tokens are longer.
  server.get<{ Params: { '*': string } }>('/downloads/*', async (request, reply) => {
    const token = request.params['*'];
    const kind = KINDS.find((k) => k === kindOf(token));
    if (!kind) throw new UnauthenticatedError('下载链接无效或已过期，请重新生成');
    const em = db.em.fork();
    const { viewer, params } = await auth.authenticateDownload(em, token, kind);
    const file = await new ReportService(em, { viewer }, { uploads }).build(kind, requestOf(params));
    return reply
      .headers({
        'content-type': file.mimeType,
        'content-disposition': contentDisposition(file.filename, file.inline ? 'inline' : 'attachment'),
        'content-length': file.bytes.length,
        // Personal data, generated per request.
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        // The link is the credential: a page must not hand it on.
        'referrer-policy': 'no-referrer',
        ...(file.contentSecurityPolicy ? { 'content-security-policy': file.contentSecurityPolicy } : {}),
      })
      .send(file.bytes);
  });

  const state = new WeakMap<FastifyRequest, Awaited<ReturnType<AuthService['authenticate']>>>();
  server.post<{ Querystring: { year?: string } }>(
    '/imports/target-tables.xlsx',
    {
      // Runs before the body is read: nobody without the right to import gets a file buffered.
      onRequest: async (request) => {
        const viewer = await auth.authenticate(db.em.fork(), request.headers.authorization);
        if (!viewer) throw new UnauthenticatedError();
        if (!can(viewer.user.role, 'MANAGE_PROJECTS')) throw new ForbiddenError('当前角色无权导入目标表');
        state.set(request, viewer);
      },
    },
    async (request) => {
      const viewer = state.get(request)!;
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new ValidationError('body', '请求体为空：应为 .xlsx 文件的内容');
      const year = parseYear(request.query.year);
      const em = db.em.fork();
      const result = await importTargetWorkbook(em, body, { year }, { viewer });
      return {
        created: result.created,
        updated: result.updated,
        actuals: result.actuals,
        projects: result.projects.map((project) => ({
          id: project.id,
          name: project.name,
          orgCode: project.organization.code,
          orgName: project.organization.name,
          year: project.year,
          tableNumber: project.tableNumber,
        })),
        warnings: result.warnings,
        errors: result.errors,
      };
    },
  );
}

/** The kind a download token claims, read before its signature is checked (which follows). */
function kindOf(token: string): string | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { kind?: unknown };
    return typeof claims.kind === 'string' ? claims.kind : null;
  } catch {
    return null;
  }
}

function requestOf(params: Record<string, string | number>): ReportRequest {
  if (typeof params.projectId === 'string') return { projectId: params.projectId };
  if (typeof params.orgCode === 'string' && typeof params.year === 'number') return { orgCode: params.orgCode, year: params.year };
  throw new UnauthenticatedError('下载链接无效或已过期，请重新生成');
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return checkFiscalYear('year', Number(value), value);
}

/** RFC 6266: an ASCII fallback for old clients, the UTF-8 name for everyone else. */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return reply.code(STATUS_OF[error.code] ?? 400).send(errorBody(error.code, error.message));
  if (error instanceof InvalidInputError) return reply.code(400).send(errorBody('BAD_USER_INPUT', error.message));
  if (error.statusCode === 413) return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', '文件过大'));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.code(error.statusCode).send(errorBody('BAD_REQUEST', `请求格式不正确：${error.message}`));
  }
  request.log.error({ err: error }, 'unexpected error in a report request');
  return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后再试'));
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

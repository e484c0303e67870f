import { isFiscalYear } from '@jixiao/domain';

/**
 * Errors the API reports to clients. Each maps to a GraphQL error code in one place
 * (graphql/format-error.ts); resolvers and services only throw them.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'MISSING_UPLOAD';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A bad input value; `field` names the input field, e.g. "input.amount". */
export class ValidationError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', message, { field });
  }
}

/**
 * Refuses a 预算年度 that is not a fiscal year (the domain's isFiscalYear), naming the field;
 * `written` is the text the year was read from, if any.
 */
export function checkFiscalYear(field: string, year: number, written?: string): number {
  if (!isFiscalYear(year)) throw new ValidationError(field, `${field} 应为四位年份，实际为${written === undefined ? ` ${year}` : `“${written}”`}`);
  return year;
}

/** Refuses text longer than `max` characters, naming the field. */
export function checkLength(field: string, text: string | null | undefined, max: number): void {
  if (text != null && text.length > max) throw new ValidationError(field, `${field} 最长 ${max} 个字符，实际为 ${text.length}`);
}

/** Text as stored: trimmed, and null when nothing is left. */
export function trimmedOrNull(text: string | null | undefined): string | null {
  return text?.trim() || null;
}

export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录') {
    super('UNAUTHENTICATED', message);
  }
}

/**
 * Access outside the user's organizations, or to an id that does not exist: the two are reported
 * the same way, so that nobody learns whether an id exists.
 */
export class ForbiddenError extends AppError {
  constructor(message = '无权访问，或对象不存在') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A record with the same clientId but different content; `field` names the first difference. */
export class ConflictError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('CONFLICT', message, { field });
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', message, { retryAfterSeconds });
  }
}

/** A record names photos that were not uploaded yet: the client uploads them and sends again. */
export class MissingUploadError extends AppError {
  constructor(readonly hashes: string[]) {
    super('MISSING_UPLOAD', `还有 ${hashes.length} 张照片未上传，请先上传再提交`, { hashes });
  }
}

/** Runs `work`, naming the field of its ValidationError as input of the API, e.g. "code" → "input.code". */
export async function withFieldPrefix<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`${prefix}${error.field}`, error.message);
    throw error;
  }
}

import { ValidationError } from './errors.js';

export const MAX_PAGE_SIZE = 100;

/** Opaque page cursors: the position after which the next page starts. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, field = 'after'): number {
  if (cursor == null) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError(field, `${field} 不是有效的分页游标，请使用上一页返回的 pageInfo.endCursor`);
  return Number(match[1]);
}

export function pageSize(first: number | null | undefined, field = 'first', fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(field, `${field} 应为 1 到 ${MAX_PAGE_SIZE} 之间的整数，实际为 ${first}`);
  }
  return size;
}

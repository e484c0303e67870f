import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseError } from '../db.js';
import { AppError } from '../modules/common/errors.js';

/**
 * An error whose message is already written for the person at the terminal (Chinese, naming the
 * file or option): the CLI prints it as it is.
 */
export class CliError extends Error {}

type ErrnoLike = { code?: unknown; path?: unknown; hostname?: unknown; address?: unknown; port?: unknown };

/** The first `code` in an error and the errors it wraps (cause, MikroORM's previous, AggregateError). */
function codeOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const { code } = error as ErrnoLike;
  if (typeof code === 'string' && code !== '') return code;
  const wrapped = error as { cause?: unknown; previous?: unknown; errors?: unknown[] };
  return codeOf(wrapped.cause, depth + 1) ?? codeOf(wrapped.previous, depth + 1) ?? codeOf(wrapped.errors?.[0], depth + 1);
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有权限访问',
  EPERM: '没有权限访问',
  EISDIR: '是文件夹，不是文件',
  ENOTDIR: '路径中有一段不是文件夹',
  EEXIST: '已存在',
  ENOSPC: '磁盘空间不足',
  EROFS: '文件系统只读',
  EMFILE: '打开的文件过多',
  ENAMETOOLONG: '路径过长',
};

/**
 * What is wrong with a file, in words, for an fs error (ENOENT, EACCES, EISDIR …); `null` for
 * other errors. `file` names it when the error does not.
 *
 * @example describeFileError(Object.assign(new Error(), { code: 'ENOENT', path: 'a.txt' })) // '文件或文件夹不存在：a.txt'
 */
export function describeFileError(error: unknown, file?: string): string | null {
  const code = (error as ErrnoLike | undefined)?.code;
  if (typeof code !== 'string' || !(code in FILE_PROBLEMS)) return null;
  const path = typeof (error as ErrnoLike).path === 'string' ? ((error as ErrnoLike).path as string) : file;
  return path ? `${FILE_PROBLEMS[code]}：${path}` : FILE_PROBLEMS[code];
}

/** Why a database could not be opened, from the error of the driver underneath. */
function describeDatabaseError(error: DatabaseError): string {
  const db = error.database;
  const postgres = /^postgres(ql)?:/i.test(db);
  if (error.problem === 'missing') {
    return postgres
      ? `PostgreSQL 数据库不存在：${db}。请检查地址（--db 或 DATABASE_URL）；新数据库需先创建（createdb），再运行 jixiao init 或 jixiao import`
      : `数据库文件不存在：${db}。请检查 --data-dir、--db 或 DATABASE_URL；新数据库请用 jixiao init 或 jixiao import 创建`;
  }
  if (error.problem === 'not-jixiao') return `不是 Jixiao 数据库${postgres ? '' : '文件'}：${db}（其中没有 Jixiao 的表）`;
  switch (codeOf(error.cause)) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `不是 Jixiao 数据库文件：${db}（不是 SQLite 数据库，或文件已损坏）`;
    case 'SQLITE_CANTOPEN':
      return `无法打开数据库文件：${db}（请检查路径及所在文件夹的权限）`;
    case 'SQLITE_READONLY':
    case 'EROFS':
      return `数据库文件只读，无法写入：${db}`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `数据库正被其他进程锁定：${db}，请稍后再试`;
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return `磁盘空间不足，无法写入数据库：${db}`;
    case 'EISDIR':
      return `数据库路径是文件夹，不是文件：${db}`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限访问数据库文件：${db}`;
    case 'ECONNREFUSED':
      return `无法连接 PostgreSQL：${db} 拒绝连接（服务器是否已启动？地址和端口是否正确？）`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `无法连接 PostgreSQL：找不到主机（${db}）`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `无法连接 PostgreSQL：${db} 连接超时或被中断`;
    case '28P01':
      return `PostgreSQL 拒绝登录：${db} 的用户名或密码错误`;
    case '28000':
      return `PostgreSQL 拒绝登录：${db} 的用户不存在，或不允许从本机登录`;
    case '42501':
      return `PostgreSQL 用户没有所需权限：${db}`;
    default:
      return '';
  }
}

/** The message for an error we know how to explain, or `null` for one we do not. */
export function describeCliError(error: unknown): string | null {
  if (error instanceof CliError || error instanceof AppError) return error.message;
  if (error instanceof DatabaseError) return describeDatabaseError(error) || null;
  return describeFileError(error);
}

export interface CliErrorOptions {
  /** --verbose or JIXIAO_DEBUG: print the details instead of writing them to a file. */
  verbose: boolean;
  /** Where the details of an unexpected error go; default a new file in the system's temporary folder. */
  detailsFile?: () => string;
}

function details(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    lines.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    const wrapped = current as { cause?: unknown; previous?: unknown };
    current = wrapped.cause ?? wrapped.previous;
    if (current) lines.push('caused by:');
  }
  return `${lines.join('\n')}\n`;
}

function defaultDetailsFile(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(tmpdir(), `jixiao-error-${stamp}-${process.pid}.log`);
}

/**
 * What the CLI prints for an error that ended a command: a known error in Chinese, naming the file,
 * option or database; anything else as a short Chinese line, with the library's message and stack
 * written to a file (or printed with --verbose) — never raw library text or SQL on the terminal.
 */
export function formatCliError(error: unknown, options: CliErrorOptions): string {
  const known = describeCliError(error);
  const opening = error instanceof DatabaseError ? `无法打开数据库：${error.database}` : '出现意外错误，操作未完成';
  const message = known ?? opening;
  if (options.verbose) return `jixiao：${message}\n${known ? '' : details(error)}`;
  if (known) return `jixiao：${message}\n`;
  const file = (options.detailsFile ?? defaultDetailsFile)();
  try {
    writeFileSync(file, details(error), { mode: 0o600 });
    return `jixiao：${message}。详细信息已写入 ${file}（加 --verbose 或设 JIXIAO_DEBUG=1 可直接显示）\n`;
  } catch {
    return `jixiao：${message}。加 --verbose 或设 JIXIAO_DEBUG=1 可显示详细信息\n`;
  }
}

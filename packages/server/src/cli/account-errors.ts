import { ValidationError } from '../modules/common/errors.js';
import type { CliIo } from './main.js';

/** A ValidationError of the account services, reported with the command's option for its field; other errors pass. */
export function reportValidation(command: string, flags: Record<string, string>, error: unknown, io: CliIo): number {
  if (!(error instanceof ValidationError)) throw error;
  io.err(`jixiao ${command}：${flags[error.field] ?? error.field}：${error.message}\n`);
  return 1;
}

/** A missing option when nobody can be asked: bad usage. */
export function missingOption(command: string, flag: string, what: string, io: CliIo): number {
  io.err(`jixiao ${command}：缺少 ${flag}（${what}）；在终端中运行时会逐项询问\n`);
  return 2;
}

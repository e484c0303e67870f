import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CliError } from '../cli/cli-errors.js';
import { describeDatabase } from '../db.js';

export type PgTool = 'pg_dump' | 'pg_restore';

/** The program to run: from JIXIAO_PG_BIN (e.g. /usr/lib/postgresql/16/bin, to match the server's version), else PATH. */
export function pgToolPath(tool: PgTool): string {
  return process.env.JIXIAO_PG_BIN ? join(process.env.JIXIAO_PG_BIN, tool) : tool;
}

/** A database URL without its password, and the password for PGPASSWORD: it stays out of the process list. */
function connectionOf(url: string): { dbname: string; password: string | null } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { dbname: parsed.toString(), password };
}

/**
 * Runs pg_dump or pg_restore against `url` with `args`. Resolves false when the program is not
 * installed (the caller says what to run instead); a failure is a CliError with the tool's own
 * explanation, which is written for database administrators.
 */
export function runPgTool(tool: PgTool, args: string[], url: string): Promise<boolean> {
  const { dbname, password } = connectionOf(url);
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(pgToolPath(tool), [...args, `--dbname=${dbname}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve(false);
      else reject(new CliError(`无法运行 ${pgToolPath(tool)}：${error.code ?? '未知原因'}`));
    });
    child.once('close', (code) => {
      if (code === 0) resolve(true);
      else {
        const said = stderr.trim().split('\n').slice(-3).join('\n  ');
        reject(new CliError(`${tool} 失败（退出码 ${code}，数据库 ${describeDatabase(url)}）${said ? `：\n  ${said}` : ''}`));
      }
    });
  });
}

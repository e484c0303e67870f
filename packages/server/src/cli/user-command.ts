import { randomBytes } from 'node:crypto';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { createUser } from '../modules/auth/auth.service.js';
import { ValidationError } from '../modules/common/errors.js';
import { UserRole } from '../modules/user/user.entity.js';
import type { CliIo } from './main.js';

/** `jixiao user add <name> --role R --org CODE`: prints the generated password once. */
export async function userAddCommand(
  username: string,
  options: { role: string; org: string; password?: string; db?: string; dataDir?: string },
  io: CliIo,
): Promise<number> {
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), mustExist: true });
  try {
    const password = options.password ?? process.env.JIXIAO_USER_PASSWORD ?? randomBytes(9).toString('base64url');
    const user = await createUser(db.em.fork(), { username, password, role: options.role.toUpperCase() as UserRole, orgCode: options.org }, 'cli');
    io.out(`已创建用户 ${user.username}（${user.role}，单位 ${options.org}）${options.password || process.env.JIXIAO_USER_PASSWORD ? '' : `，密码：${password}（只显示这一次）`}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      io.err(`jixiao user add：${error.field}：${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

import { chinaDateTime, ROLE_LABELS } from '@jixiao/domain';
import { dataPaths } from '../config.js';
import { createDb, type Db } from '../db.js';
import { databaseUrl } from '../main.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { OrgScope } from '../modules/organization/org-scope.js';
import { User, UserRole } from '../modules/user/user.entity.js';
import { createUser, generatePassword, listUsers, setPassword, setUserDisabled } from '../modules/user/user.service.js';
import { reportValidation } from './account-errors.js';
import type { CliIo, DataOptions } from './main.js';
import { askNewPassword } from './prompt.js';

const FLAGS = { username: '<username>', displayName: '--name', password: '--password', role: '--role', orgCode: '--org' };

/** Opens the existing database of `--db` / `--data-dir` (never creates one), runs `work`, reports input errors by flag. */
async function withDb(options: DataOptions, command: string, io: CliIo, work: (db: Db) => Promise<number>): Promise<number> {
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), dataDir: dataPaths(options.dataDir).root, mustExist: true });
  try {
    return await work(db);
  } catch (error) {
    return reportValidation(command, FLAGS, error, io);
  } finally {
    await db.close();
  }
}

/** `jixiao user add <name> --role R --org CODE [--name 姓名]`: prints the generated password once. */
export async function userAddCommand(
  username: string,
  options: { role: string; org: string; name?: string; password?: string } & DataOptions,
  io: CliIo,
): Promise<number> {
  return withDb(options, 'user add', io, async (db) => {
    const given = options.password ?? process.env.JIXIAO_USER_PASSWORD;
    const password = given ?? generatePassword();
    const user = await createUser(
      db.em.fork(),
      { username, displayName: options.name, password, role: options.role.toUpperCase() as UserRole, orgCode: options.org },
      'cli',
    );
    io.out(
      `已创建用户 ${user.username}${user.displayName ? ` ${user.displayName}` : ''}（${user.role}，单位 ${options.org}）${given ? '' : `，密码：${password}（只显示这一次）`}\n`,
    );
    return 0;
  });
}

/** Terminal columns of a text: CJK characters take two. */
function widthOf(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => widthOf(row[column]))));
  return (
    rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column] - widthOf(cell)))).join('  ')).join('\n') +
    '\n'
  );
}

/** `jixiao user list [--org CODE]`: the users of an organization and its descendants, or all. */
export async function userListCommand(options: { org?: string } & DataOptions, io: CliIo): Promise<number> {
  return withDb(options, 'user list', io, async (db) => {
    const em = db.em.fork();
    let orgIds: string[] | null = null;
    if (options.org !== undefined) {
      const org = await em.findOne(Organization, { code: options.org });
      if (!org) {
        io.err(`jixiao user list：--org：单位编码“${options.org}”不存在\n`);
        return 1;
      }
      orgIds = [...(await OrgScope.load(em, org.id)).ids];
    }
    const users = await listUsers(em, orgIds);
    if (users.length === 0) {
      io.out('没有用户。创建第一个管理员：pnpm jixiao init\n');
      return 0;
    }
    const rows = users.map((user) => [
      user.username,
      user.displayName ?? '—',
      `${user.role} ${ROLE_LABELS[user.role]}`,
      `${user.organization.code} ${user.organization.name}`,
      user.disabled ? '停用' : '启用',
      user.lastLoginAt ? chinaDateTime(user.lastLoginAt) : '从未登录',
    ]);
    io.out(table([['用户名', '姓名', '角色', '单位', '状态', '最近登录（北京时间）'], ...rows]));
    return 0;
  });
}

async function findUser(db: Db, username: string, command: string, io: CliIo): Promise<User | null> {
  const user = await db.em.fork().findOne(User, { username });
  if (!user) io.err(`jixiao ${command}：<username>：用户“${username}”不存在\n`);
  return user;
}

/**
 * `jixiao user passwd <name> [--password P]`: sets a new password (given, typed twice on a
 * terminal, or generated and printed once) and revokes the user's tokens and download links.
 */
export async function userPasswdCommand(username: string, options: { password?: string } & DataOptions, io: CliIo): Promise<number> {
  return withDb(options, 'user passwd', io, async (db) => {
    const user = await findUser(db, username, 'user passwd', io);
    if (!user) return 1;
    let password = options.password ?? process.env.JIXIAO_USER_PASSWORD;
    let generated = false;
    if (password === undefined) {
      const prompter = io.prompter?.();
      if (prompter) {
        try {
          password = (await askNewPassword(prompter, io.err)) ?? undefined;
        } finally {
          prompter.close();
        }
        if (password === undefined) return 1;
      } else {
        password = generatePassword();
        generated = true;
      }
    }
    await setPassword(db.em.fork(), user, password, 'cli', 'password-reset');
    io.out(`已重设 ${user.username} 的密码${generated ? `：${password}（只显示这一次）` : ''}；该用户已登录的设备须重新登录\n`);
    return 0;
  });
}

/** `jixiao user disable|enable <name>`: a disabled user cannot log in; their tokens and download links stop working at once. */
export async function userDisabledCommand(username: string, disabled: boolean, options: DataOptions, io: CliIo): Promise<number> {
  const command = disabled ? 'user disable' : 'user enable';
  return withDb(options, command, io, async (db) => {
    const user = await findUser(db, username, command, io);
    if (!user) return 1;
    if (user.disabled === disabled) {
      io.out(`用户 ${user.username} 本已${disabled ? '停用' : '启用'}，未作修改\n`);
      return 0;
    }
    await setUserDisabled(db.em.fork(), user, disabled, 'cli');
    io.out(disabled ? `已停用用户 ${user.username}：不能再登录，已登录的设备立即失效\n` : `已启用用户 ${user.username}\n`);
    return 0;
  });
}

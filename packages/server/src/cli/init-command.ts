import { dataPaths } from '../config.js';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { ValidationError } from '../modules/common/errors.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { User, UserRole } from '../modules/user/user.entity.js';
import { createOrganization } from '../modules/organization/organization.service.js';
import { checkDisplayName, checkPassword, createUser, generatePassword } from '../modules/user/user.service.js';
import { missingOption, reportValidation } from './account-errors.js';
import type { CliIo, DataOptions } from './main.js';
import { askNewPassword, type Prompter } from './prompt.js';

export interface InitOptions extends DataOptions {
  orgCode?: string;
  orgName?: string;
  parentCode?: string;
  parentName?: string;
  admin?: string;
  adminName?: string;
  password?: string;
}

/** The answers once every required one is known. */
interface InitPlan {
  orgCode: string;
  orgName: string | null;
  parentCode: string | null;
  parentName: string | null;
  admin: string;
  adminName: string | null;
  password: string;
  generated: boolean;
}

const FLAGS = { code: '--org-code', name: '--org-name', username: '--admin', displayName: '--admin-name', password: '--password' };

/**
 * `jixiao init`: on a database without users, creates the top organization (and optionally the one
 * above it) and the first ADMIN, in one transaction. Missing options are asked for on a terminal;
 * elsewhere a missing required option is an error naming it. Without a password (option,
 * JIXIAO_ADMIN_PASSWORD or typed) one is generated and printed once.
 */
export async function initCommand(options: InitOptions, io: CliIo): Promise<number> {
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), dataDir: dataPaths(options.dataDir).root });
  try {
    const em = db.em.fork();
    const users = await em.count(User, {});
    if (users > 0) {
      io.err(`jixiao init：数据库中已有用户（${users} 个），已初始化过，未作任何修改。添加单位用 jixiao org add，添加用户用 jixiao user add\n`);
      return 1;
    }
    const prompter = io.prompter?.();
    let plan: InitPlan | number;
    try {
      plan = await gather(options, prompter, io, async (code) => (await em.findOne(Organization, { code })) !== null);
    } finally {
      prompter?.close();
    }
    if (typeof plan === 'number') return plan;
    const result = await em.transactional(async (tx) => {
      // Checked again inside the transaction: a second init at the same moment must not add a second admin.
      if ((await tx.count(User, {})) > 0) throw new ValidationError('database', '数据库中已有用户，未作任何修改');
      let organization = await tx.findOne(Organization, { code: plan.orgCode });
      if (!organization) {
        if (plan.parentCode !== null && !(await tx.findOne(Organization, { code: plan.parentCode }))) {
          await withFlags({ code: '--parent-code', name: '--parent-name' }, () =>
            createOrganization(tx, { code: plan.parentCode!, name: plan.parentName ?? '', parentCode: null }, 'cli'),
          );
        }
        organization = await withFlags({ code: '--org-code', name: '--org-name', parentCode: '--parent-code' }, () =>
          createOrganization(tx, { code: plan.orgCode, name: plan.orgName ?? '', parentCode: plan.parentCode }, 'cli'),
        );
      }
      const user = await createUser(
        tx,
        { username: plan.admin, displayName: plan.adminName, password: plan.password, role: UserRole.ADMIN, orgCode: organization.code },
        'cli',
      );
      return { organization, user };
    });
    io.out(`已创建单位 ${result.organization.code} ${result.organization.name}${plan.parentCode ? `（上级单位 ${plan.parentCode}）` : ''}\n`);
    io.out(
      `已创建管理员 ${result.user.username}${result.user.displayName ? `（${result.user.displayName}）` : ''}${plan.generated ? `，密码：${plan.password}（只显示这一次，请记下并在登录后修改）` : ''}\n`,
    );
    io.out(`下一步：pnpm jixiao serve${options.dataDir ? ` --data-dir ${options.dataDir}` : ''}${options.db ? ` --db ${options.db}` : ''}，用该账号登录\n`);
    return 0;
  } catch (error) {
    if (error instanceof FlaggedError) {
      io.err(`jixiao init：${error.flag}：${error.message}\n`);
      return 1;
    }
    return reportValidation('init', FLAGS, error, io);
  } finally {
    await db.close();
  }
}

class FlaggedError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

async function withFlags<T>(flags: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ValidationError && flags[error.field]) throw new FlaggedError(flags[error.field], error.message);
    throw error;
  }
}

/** Every answer, from the options or asked; an exit code when one is missing and nobody can be asked, or typing failed. */
async function gather(options: InitOptions, prompter: Prompter | undefined, io: CliIo, exists: (code: string) => Promise<boolean>): Promise<InitPlan | number> {
  const value = async (given: string | undefined, flag: string, what: string, question: string | null): Promise<string | number | null> => {
    if (given !== undefined) return given.trim();
    if (!prompter) return question === null ? null : missingOption('init', flag, what, io);
    const answer = await prompter.ask(question ?? `${what}（没有请直接回车）：`);
    return answer === '' && question !== null ? missingOption('init', flag, what, io) : answer || null;
  };
  if (prompter) io.out('初始化 Jixiao：创建本单位和第一个管理员（ADMIN）\n');
  const orgCode = await value(options.orgCode, '--org-code', '本单位编码，如 218101', '本单位编码（如 218101）：');
  if (typeof orgCode !== 'string') return orgCode ?? 2;
  const orgExists = await exists(orgCode);
  const orgName = orgExists ? null : await value(options.orgName, '--org-name', '本单位名称', '本单位名称（如 天津市武清区人民法院）：');
  if (typeof orgName === 'number') return orgName;
  let parentCode: string | null = null;
  let parentName: string | null = null;
  if (!orgExists) {
    const code = await value(options.parentCode, '--parent-code', '上级单位编码', null);
    if (typeof code === 'number') return code;
    parentCode = code;
    if (parentCode !== null && !(await exists(parentCode))) {
      const name = await value(options.parentName, '--parent-name', '上级单位名称', '上级单位名称：');
      if (typeof name !== 'string') return name ?? 2;
      parentName = name;
    }
  } else if (options.parentCode !== undefined) {
    io.err(`jixiao init：--parent-code：单位 ${orgCode} 已存在，不能再指定上级单位\n`);
    return 1;
  }
  if (options.parentName !== undefined && parentCode === null) {
    io.err('jixiao init：--parent-name：须同时给出 --parent-code\n');
    return 2;
  }
  const admin = await value(options.admin, '--admin', '管理员用户名，如 admin', '管理员用户名（如 admin）：');
  if (typeof admin !== 'string') return admin ?? 2;
  const adminName = await value(options.adminName, '--admin-name', '管理员真实姓名', null);
  if (typeof adminName === 'number') return adminName;
  try {
    checkDisplayName(adminName);
  } catch (error) {
    return reportValidation('init', FLAGS, error, io);
  }
  let password = options.password ?? process.env.JIXIAO_ADMIN_PASSWORD;
  let generated = false;
  if (password !== undefined) {
    try {
      checkPassword(password);
    } catch (error) {
      return reportValidation('init', FLAGS, error, io);
    }
  } else if (prompter) {
    const typed = await askNewPassword(prompter, io.err);
    if (typed === null) return 1;
    password = typed;
  } else {
    password = generatePassword();
    generated = true;
  }
  return { orgCode, orgName, parentCode, parentName, admin, adminName, password, generated };
}

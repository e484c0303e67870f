import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { dataPaths, DEFAULT_CONFIG, loadSecret } from './config.js';
import { createDb, DatabaseError, dialectOf, type Db } from './db.js';
import { createUser } from './modules/auth/auth.service.js';
import { importTargetTables } from './modules/target-import/target-import.service.js';
import { Project } from './modules/project/project.entity.js';
import { User, UserRole } from './modules/user/user.entity.js';
import { buildRedirectServer, findCaCertificate, listenOrExplain, readTlsFiles, startupAddresses, StartupError, urlOf } from './startup.js';

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = join(PACKAGE_ROOT, '..', '..');
export const SEED_FILE = join(REPO_ROOT, 'test', 'fixtures', 'wuqing-court-2023-targets.txt');
export const PWA_DIR = join(REPO_ROOT, 'packages', 'pwa', 'dist');

/** --db, else DATABASE_URL, else the SQLite file of the data folder (`dataPaths(dataDir).database`). */
export function databaseUrl(option?: string, dataDir?: string): string {
  // An empty DATABASE_URL (e.g. `DATABASE_URL= jixiao …`) means unset, not a file named "".
  return option || process.env.DATABASE_URL || dataPaths(dataDir).database;
}

/** `serve` without --demo on a database without users: nobody could log in. The message says what to run. */
export class SetupRequiredError extends Error {}

/** A shell word as the user would type it: quoted only when it needs to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `jixiao init` command for this data folder and database, as the user would type it. */
export function initCommandFor(options: { db?: string; dataDir?: string }): string {
  const flags = [options.dataDir && `--data-dir ${shellWord(options.dataDir)}`, options.db && `--db ${shellWord(options.db)}`].filter(Boolean);
  return ['pnpm jixiao init', ...flags].join(' ');
}

/** What `serve` says when there is nobody to log in yet: the exact init command to run. */
function setupMessage(problem: string, options: { db?: string; dataDir?: string }): string {
  return `${problem}请先创建单位和第一个管理员：\n  ${initCommandFor(options)}\n（只想试用示例数据：pnpm jixiao serve --demo）\n`;
}

export interface ServeOptions {
  port: number;
  host: string;
  db?: string;
  /** The data folder (photos, secret; the database unless `db` is given). */
  dataDir?: string;
  demo?: boolean;
  /** Development mode: stack traces, introspection and field suggestions (default: production). */
  dev?: boolean;
  /** https with this certificate and key (PEM files, e.g. from `jixiao tls init`). */
  tlsCert?: string;
  tlsKey?: string;
  /** The CA certificate to offer at /ca.crt (default `<data-dir>/tls/ca.crt` or ca.crt beside --tls-cert). */
  tlsCa?: string;
  /** A plain-http port that redirects to https. */
  redirectHttp?: number;
  /** Behind a reverse proxy: believe X-Forwarded-For / -Proto. */
  trustProxy?: boolean;
  /** Seconds a client may take to send a whole request (default: DEFAULT_CONFIG.requestTimeoutMs). */
  requestTimeout?: number;
  out: (text: string) => void;
}

/**
 * The demo: an empty database gets the seed's target tables and an `admin` user whose password is
 * JIXIAO_ADMIN_PASSWORD, or generated and printed once.
 */
async function prepareDemo(db: Db, out: (text: string) => void): Promise<void> {
  const em = db.em.fork();
  if ((await em.count(Project, {})) === 0) {
    const result = await importTargetTables(em, await readFile(SEED_FILE, 'utf8'), {}, { cli: true });
    out(`演示数据：已导入 ${result.projects.length} 个项目（${SEED_FILE}）\n`);
  }
  if ((await em.count(User, {})) === 0) {
    const given = process.env.JIXIAO_ADMIN_PASSWORD;
    const password = given ?? randomBytes(9).toString('base64url');
    await createUser(em.fork(), { username: 'admin', displayName: '演示管理员', password, role: UserRole.ADMIN, orgCode: '218101' }, 'demo');
    out(given ? '演示账号：admin（密码取自 JIXIAO_ADMIN_PASSWORD）\n' : `演示账号：admin  密码：${password}（只显示这一次，请记下）\n`);
  }
}

/**
 * Starts the whole product in this process; resolves once listening, with a stop function. Throws
 * StartupError (nothing left running) when it cannot start: bad certificate, port in use.
 */
export async function serve(options: ServeOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  // Files first: a bad certificate is reported before the database is touched.
  const tls = readTlsFiles(options);
  if (options.redirectHttp !== undefined && !tls) throw new StartupError('--redirect-http 需要 --tls-cert 和 --tls-key：没有 https 可转去');
  const caCertPem = findCaCertificate(options);
  const paths = dataPaths(options.dataDir);
  const url = databaseUrl(options.db, options.dataDir);
  // Only the demo fills an empty database; without it a SQLite file that is not there (a typo in
  // --data-dir or --db) is not created just to be refused for having no users.
  const db = await createDb({ url, dataDir: paths.root, mustExist: !options.demo && dialectOf(url) === 'sqlite' }).catch((error: unknown) => {
    if (error instanceof DatabaseError && error.problem === 'missing') throw new SetupRequiredError(setupMessage(`${error.message}。`, options));
    throw error;
  });
  const production = !options.dev;
  const servers: { close: () => Promise<unknown> }[] = [];
  const stop = async () => {
    for (const server of servers.reverse()) await server.close();
    await db.close();
  };
  try {
    if (options.demo) await prepareDemo(db, options.out);
    else if ((await db.em.fork().count(User, {})) === 0) {
      throw new SetupRequiredError(setupMessage('数据库中还没有用户，无法登录。', options));
    }
    const config = {
      ...DEFAULT_CONFIG,
      production,
      secret: loadSecret(paths.secret),
      uploadsDir: paths.uploads,
      pwaDir: PWA_DIR,
      tls,
      trustProxy: options.trustProxy ?? false,
      requestTimeoutMs: options.requestTimeout === undefined ? DEFAULT_CONFIG.requestTimeoutMs : options.requestTimeout * 1000,
      caCertPem,
    };
    const { server } = await buildApp(db, config);
    servers.push(server);
    const port = await listenOrExplain(server, options.host, options.port, '--port');
    let redirectPort: number | null = null;
    if (options.redirectHttp !== undefined) {
      const redirect = await buildRedirectServer({ httpsPort: port, caCertPem, production });
      servers.push(redirect);
      redirectPort = await listenOrExplain(redirect, options.host, options.redirectHttp, '--redirect-http');
    }
    const scheme = tls ? 'https' : 'http';
    const shown = urlOf(scheme, ['0.0.0.0', '::'].includes(options.host) ? '127.0.0.1' : options.host, port).slice(0, -1);
    options.out(`Jixiao 已启动：${shown}/  （GraphQL：${shown}/graphql，数据库：${dialectOf(url) === 'sqlite' ? resolve(url) : 'PostgreSQL'}）\n`);
    if (redirectPort !== null) options.out(`http 端口 ${redirectPort} 上的请求转到 https（/setup 和 /ca.crt 在 http 上也可打开）\n`);
    options.out(`数据目录：${paths.root}（照片、令牌密钥、备份）\n`);
    options.out(startupAddresses({ scheme, host: options.host, port, cert: tls?.x509 ?? null, redirectPort, hasCa: caCertPem !== null }));
    return { url: shown, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

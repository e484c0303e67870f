import { isFiscalYear } from '@jixiao/domain';
import { Command, CommanderError, Option } from 'commander';
import { auditVerifyCommand } from './audit-command.js';
import { backupCommand } from './backup-command.js';
import { formatCliError } from './cli-errors.js';
import { exportCommand, type ExportOptions } from './export-command.js';
import { importCommand } from './import-command.js';
import type { ServeOptions } from '../main.js';
import { parseAuditHead, type AuditHead } from '../modules/audit/audit-chain.js';
import { initCommand, type InitOptions } from './init-command.js';
import { orgAddCommand } from './org-command.js';
import { terminalPrompter, type Prompter } from './prompt.js';
import { restoreCommand } from './restore-command.js';
import { rebuildScorecardsCommand } from './scorecard-command.js';
import { serveCommand } from './serve-command.js';
import { targetCommand } from './target-command.js';
import { tlsInitCommand, type TlsInitOptions } from './tls-command.js';
import { userAddCommand, userDisabledCommand, userListCommand, userPasswdCommand } from './user-command.js';

/** Where the CLI writes; tests hand in buffers. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Asks questions when there is someone to ask (stdin is a terminal); absent otherwise. */
  prompter?: () => Prompter;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  prompter: process.stdin.isTTY ? terminalPrompter : undefined,
};

const DATA_DIR_HELP = '数据目录：数据库、照片、令牌密钥、备份和证书所在的文件夹（默认 ./data；环境变量 JIXIAO_DATA_DIR 亦可）';
const DB_HELP = '数据库：SQLite 文件路径或 postgres://… 地址，只替换数据目录中的数据库（默认 <数据目录>/jixiao.sqlite；环境变量 DATABASE_URL 亦可）';

/** Where a command finds its data: --data-dir, and --db for the database alone. */
export interface DataOptions {
  dataDir?: string;
  db?: string;
}

/** Adds --data-dir and --db: every command that touches data takes both (docs/data-and-backup.md). */
export function withDataOptions(command: Command): Command {
  return command.option('--data-dir <dir>', DATA_DIR_HELP).option('--db <url>', DB_HELP);
}

function parsePortOf(option: string): (value: string) => number {
  return (value) => {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CommanderError(2, 'jixiao.invalidPort', `${option} 应为 0–65535 的整数，实际是“${value}”`);
    }
    return port;
  };
}

function parseRequestTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new CommanderError(2, 'jixiao.invalidRequestTimeout', `--request-timeout 应为 1–3600 的整数（秒），实际是“${value}”`);
  }
  return seconds;
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!isFiscalYear(year)) {
    throw new CommanderError(2, 'jixiao.invalidYear', `--year 应为四位年份，实际是“${value}”`);
  }
  return year;
}

function parseExpectedHead(value: string): AuditHead {
  const head = parseAuditHead(value);
  if (!head) throw new CommanderError(2, 'jixiao.invalidAuditHead', `--expect 应为报表上印的“条数:哈希”（如 128:后接 64 位十六进制），实际是“${value}”`);
  return head;
}

/** commander's own usage errors, as the rest of the CLI speaks: Chinese, naming the option or argument. */
const USAGE_ERRORS: ReadonlyArray<[RegExp, (...parts: string[]) => string]> = [
  [/^error: required option '(.+)' not specified/, (option) => `缺少必填选项 ${option}`],
  [/^error: option '(.+)' argument missing/, (option) => `选项 ${option} 缺少取值`],
  [/^error: missing required argument '(.+)'/, (argument) => `缺少参数 <${argument}>`],
  [/^error: unknown option '([^']+)'(?:\n\(Did you mean (.+)\?\))?/, (option, hint) => `未知选项 ${option}${hint ? `（是否想用 ${hint}？）` : ''}`],
  [/^error: unknown command '([^']+)'(?:\n\(Did you mean (.+)\?\))?/, (command, hint) => `未知命令 ${command}${hint ? `（是否想用 ${hint}？）` : ''}`],
  [/^error: too many arguments(?: for '(.+)')?/, (command) => `参数过多${command ? `（${command} 命令）` : ''}`],
];

function inChinese(text: string): string {
  for (const [pattern, say] of USAGE_ERRORS) {
    const match = pattern.exec(text);
    if (match) return `jixiao：${say(...match.slice(1))}\n`;
  }
  return text;
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('jixiao')
    .description('Jixiao（绩效）：预算项目绩效目标管理的命令行工具')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(inChinese(text)) })
    .exitOverride()
    .showHelpAfterError('（加 --help 查看用法）')
    .option('--verbose', '出错时显示详细信息（也可设环境变量 JIXIAO_DEBUG=1）');

  withDataOptions(
    program
      .command('import')
      .description(
        '导入绩效目标表：.docx、.xlsx、.html，或文本（如 test/fixtures/wuqing-court-2023-targets.txt；制表符或“|”分隔也可）；有任何错误时不写入任何内容',
      )
      .argument('<file...>', '一个或多个目标表文件')
      .option('--dry-run', '只解析并报告，不写入数据库')
      .option('--json', '以 JSON 输出结果（stdout 只有 JSON）')
      .option('--parent <code>', '表中新单位的上级单位编码（数据库中已有单位时，新单位必须给出）')
      .option('--org <code>', '单位行未写单位编码的表导入到此单位')
      .addOption(new Option('--year <year>', '表中未写年度时使用的年度').argParser(parseYear)),
  ).action(async (files: string[], options: { dryRun?: boolean; json?: boolean; year?: number; parent?: string; org?: string } & DataOptions) => {
    setExitCode(await importCommand(files, options, io));
  });

  program
    .command('target')
    .description('解析一个指标值，输出 JSON（用于核对解析规则）')
    .argument('[value]', '指标值，如 "≥95%"、"2023年10月前"')
    .option('--level2 <label>', '二级指标，如 "成本指标"（决定缺省比较符）')
    .option('--name <name>', '三级指标名称，如 "维修质量达标率"（比率类缺省单位为 %）')
    .addOption(new Option('--year <year>', '表的年度（未写年度的日期取此年）').argParser(parseYear))
    .option('--jsonl <file>', '批量核对：文件每行一个 {"raw","level2","name","year"}，每行输出一个结果')
    .action(async (value: string | undefined, options: { level2?: string; name?: string; year?: number; jsonl?: string }, command: Command) => {
      // A usage error like the others (exit 2, with the hint): one value, or a file of them.
      if (value === undefined && options.jsonl === undefined) command.error('jixiao：缺少参数 <value>（或用 --jsonl <file> 批量核对）', { exitCode: 2 });
      setExitCode(await targetCommand(value, options, io));
    });

  withDataOptions(
    program
      .command('serve')
      .description('启动服务：GraphQL（/graphql）、健康检查（/healthz）和网页应用（/）')
      .addOption(new Option('--port <port>', '端口').default(3000).argParser(parsePortOf('--port')))
      .option('--host <host>', '监听地址（局域网内手机访问用 0.0.0.0）', '127.0.0.1'),
  )
    .option('--demo', '数据库为空时导入示例目标表并创建 admin 用户')
    .option('--tls-cert <file>', 'https 证书（PEM，如 jixiao tls init 生成的 data/tls/server.crt）；启用 HTTP/2')
    .option('--tls-key <file>', 'https 私钥（PEM，如 data/tls/server.key）')
    .option('--tls-ca <file>', '在 /ca.crt 提供给手机安装的 CA 证书（默认 <数据目录>/tls/ca.crt，或证书旁的 ca.crt）')
    .addOption(
      new Option('--redirect-http <port>', '另开一个 http 端口，把请求转到 https（/setup 在此端口也可打开）').argParser(parsePortOf('--redirect-http')),
    )
    .option('--trust-proxy', '在反向代理（nginx、Caddy）之后：采信 X-Forwarded-For / -Proto')
    .addOption(
      new Option('--request-timeout <seconds>', '客户端发完一个请求（含上传的照片）最多可用的秒数，超时即断开（默认 120）').argParser(parseRequestTimeout),
    )
    .option('--dev', '开发模式：错误带堆栈、开放 GraphQL 内省（默认生产模式）')
    .action(async (options: Omit<ServeOptions, 'out'>) => {
      setExitCode(await serveCommand(options, io));
    });

  program
    .command('tls')
    .description('https 证书')
    .command('init')
    .description('生成本地 CA 证书（已有则沿用）并为给定地址签发服务器证书，写入 <数据目录>/tls/')
    .requiredOption('--host <host...>', '手机访问本机用的局域网 IP 或主机名，可给多个（localhost 和 127.0.0.1 总会加上）')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action((options: TlsInitOptions) => {
      setExitCode(tlsInitCommand(options, io));
    });

  withDataOptions(
    program
      .command('init')
      .description('首次使用：在空数据库中创建本单位（可带上级单位）和第一个管理员（ADMIN）；缺少的选项在终端中逐项询问')
      .option('--org-code <code>', '本单位编码，如 218101')
      .option('--org-name <name>', '本单位名称')
      .option('--parent-code <code>', '上级单位（主管部门）编码，可省略')
      .option('--parent-name <name>', '上级单位名称（上级单位尚不存在时必填）')
      .option('--admin <username>', '管理员用户名，如 admin')
      .option('--admin-name <name>', '管理员真实姓名（报表中显示）')
      .option('--password <password>', '管理员密码（至少 8 位；也可用环境变量 JIXIAO_ADMIN_PASSWORD；都没有时在终端中输入，非终端时生成一个并显示一次）'),
  ).action(async (options: InitOptions) => {
    setExitCode(await initCommand(options, io));
  });

  withDataOptions(
    program
      .command('org')
      .description('单位管理')
      .command('add')
      .description('新建单位；数据库中已有单位时须用 --parent 指定上级单位')
      .argument('<code>', '单位编码，如 218102')
      .argument('<name>', '单位名称')
      .option('--parent <code>', '上级单位编码'),
  ).action(async (code: string, name: string, options: { parent?: string } & DataOptions) => {
    setExitCode(await orgAddCommand(code, name, options, io));
  });

  const user = program.command('user').description('用户管理');
  withDataOptions(
    user
      .command('add')
      .description('创建用户（未给密码时生成一个并显示一次）')
      .argument('<username>', '用户名')
      .requiredOption('--role <role>', '角色：ADMIN、MANAGER、INSPECTOR 或 VIEWER')
      .requiredOption('--org <code>', '所属单位编码，如 218101')
      .option('--name <name>', '真实姓名（报表中显示；不填时显示用户名）')
      .option('--password <password>', '密码（至少 8 位；也可用环境变量 JIXIAO_USER_PASSWORD）'),
  ).action(async (username: string, options: { role: string; org: string; name?: string; password?: string } & DataOptions) => {
    setExitCode(await userAddCommand(username, options, io));
  });
  withDataOptions(
    user.command('list').description('列出用户：用户名、姓名、角色、单位、状态、最近登录').option('--org <code>', '只列该单位及其下级单位的用户'),
  ).action(async (options: { org?: string } & DataOptions) => {
    setExitCode(await userListCommand(options, io));
  });
  withDataOptions(
    user
      .command('passwd')
      .description('重设用户密码（该用户已登录的设备和下载链接立即失效）；未给密码时在终端中输入，非终端时生成一个并显示一次')
      .argument('<username>', '用户名')
      .option('--password <password>', '新密码（至少 8 位；也可用环境变量 JIXIAO_USER_PASSWORD）'),
  ).action(async (username: string, options: { password?: string } & DataOptions) => {
    setExitCode(await userPasswdCommand(username, options, io));
  });
  for (const [name, disabled, description] of [
    ['disable', true, '停用用户：不能再登录，已登录的设备和下载链接立即失效（不能停用最后一个启用的管理员）'],
    ['enable', false, '重新启用用户'],
  ] as const) {
    withDataOptions(user.command(name).description(description).argument('<username>', '用户名')).action(async (username: string, options: DataOptions) => {
      setExitCode(await userDisabledCommand(username, disabled, options, io));
    });
  }

  const exporter = program.command('export').description('导出 XLSX 报表');
  for (const [name, kind, description] of [
    ['self-evaluation', 'self-evaluation', '导出项目支出绩效自评表：单位（含下级单位）该年度每个项目一张工作表，另加“汇总”表'],
    ['targets', 'target-tables', '导出绩效目标表（财政部门发布的格式，可再用 jixiao import 导入）'],
  ] as const) {
    withDataOptions(
      exporter
        .command(name)
        .description(description)
        .requiredOption('--org <code>', '单位编码，如 218101')
        .addOption(new Option('--year <year>', '预算年度').argParser(parseYear).makeOptionMandatory())
        .requiredOption('--out <file>', '输出文件，如 自评表-2023.xlsx'),
    ).action(async (options: ExportOptions) => {
      setExitCode(await exportCommand(kind, options, io));
    });
  }

  const audit = program.command('audit').description('审计日志');
  withDataOptions(
    audit
      .command('verify')
      .description('校验审计日志的哈希链，指出第一处被篡改的记录')
      .addOption(new Option('--expect <count:hash>', '报表上印的审计日志末条（如 128:3f…），核对日志仍含该条且未被改写').argParser(parseExpectedHead)),
  ).action(async (options: { expect?: AuditHead } & DataOptions) => {
    setExitCode(await auditVerifyCommand(options, io));
  });

  withDataOptions(
    program
      .command('rebuild-scorecards')
      .description('重建存储的评分（每个项目、指标的得分和各单位的汇总），按全部记录重新计算；服务运行时也可执行')
      .option('--check', '只核对存储的评分与重新计算的结果是否一致，列出不同之处，不写入'),
  ).action(async (options: { check?: boolean } & DataOptions) => {
    setExitCode(await rebuildScorecardsCommand(options, io));
  });

  withDataOptions(
    program
      .command('backup')
      .description('备份：数据库（服务运行时也可安全备份）、照片、令牌密钥和清单打成一个 .tar.gz；备份含密钥，请妥善保管')
      .option('--out <file>', '备份文件（默认 <数据目录>/backups/jixiao-年月日-时分秒.tar.gz）'),
  ).action(async (options: { out?: string } & DataOptions) => {
    setExitCode(await backupCommand(options, io));
  });

  withDataOptions(
    program
      .command('restore')
      .description('从备份恢复到一个空的（或不存在的）数据目录；先校验备份中每个文件的哈希')
      .argument('<file>', 'jixiao backup 生成的 .tar.gz'),
  ).action(async (file: string, options: DataOptions) => {
    setExitCode(await restoreCommand(file, options, io));
  });

  return program;
}

/**
 * Runs the CLI with the given arguments (without "node" and the script) and returns the exit code:
 * 0 success, 1 a command that ran but failed (e.g. a table did not import), 2 bad usage.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code.startsWith('jixiao.')) io.err(`${error.message}\n`);
      return error.exitCode === 0 ? 0 : 2;
    }
    const verbose = Boolean(program.opts().verbose) || Boolean(process.env.JIXIAO_DEBUG);
    io.err(formatCliError(error, { verbose }));
    return 1;
  }
  return exitCode;
}

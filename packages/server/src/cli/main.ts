import { Command, CommanderError, Option } from 'commander';
import { auditVerifyCommand } from './audit-command.js';
import { exportCommand, type ExportOptions } from './export-command.js';
import { importCommand } from './import-command.js';
import type { ServeOptions } from '../main.js';
import { serveCommand } from './serve-command.js';
import { targetCommand } from './target-command.js';
import { tlsInitCommand, type TlsInitOptions } from './tls-command.js';
import { userAddCommand } from './user-command.js';

/** Where the CLI writes; tests hand in buffers. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const DB_HELP = '数据库：SQLite 文件路径或 postgres://… 地址（默认 data/jixiao.sqlite；环境变量 DATABASE_URL 亦可）';

function parsePortOf(option: string): (value: string) => number {
  return (value) => {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CommanderError(2, 'jixiao.invalidPort', `${option} 应为 0–65535 的整数，实际是“${value}”`);
    }
    return port;
  };
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new CommanderError(2, 'jixiao.invalidYear', `--year 应为四位年份，实际是“${value}”`);
  }
  return year;
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('jixiao')
    .description('Jixiao（绩效）：预算项目绩效目标管理的命令行工具')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  program
    .command('import')
    .description('导入绩效目标表：文本格式（如 test/fixtures/wuqing-court-2023-targets.txt），或 .xlsx 工作簿（jixiao export targets 导出的格式）')
    .argument('<file...>', '一个或多个目标表文件')
    .option('--dry-run', '只解析并报告，不写入数据库')
    .option('--db <url>', DB_HELP)
    .option('--json', '以 JSON 输出结果（stdout 只有 JSON）')
    .addOption(new Option('--year <year>', '表中未写年度时使用的年度').argParser(parseYear))
    .action(async (files: string[], options: { dryRun?: boolean; json?: boolean; year?: number; db?: string }) => {
      setExitCode(await importCommand(files, options, io));
    });

  program
    .command('target')
    .description('解析一个指标值，输出 JSON（用于核对解析规则）')
    .argument('<value>', '指标值，如 "≥95%"、"2023年10月前"')
    .option('--level2 <label>', '二级指标，如 "成本指标"（决定缺省比较符）')
    .option('--name <name>', '三级指标名称，如 "维修质量达标率"（比率类缺省单位为 %）')
    .action((value: string, options: { level2?: string; name?: string }) => {
      setExitCode(targetCommand(value, options, io));
    });

  program
    .command('serve')
    .description('启动服务：GraphQL（/graphql）、健康检查（/healthz）和网页应用（/）')
    .addOption(new Option('--port <port>', '端口').default(3000).argParser(parsePortOf('--port')))
    .option('--host <host>', '监听地址（局域网内手机访问用 0.0.0.0）', '127.0.0.1')
    .option('--db <url>', DB_HELP)
    .option('--demo', '数据库为空时导入示例目标表并创建 admin 用户')
    .option('--tls-cert <file>', 'https 证书（PEM，如 jixiao tls init 生成的 data/tls/server.crt）；启用 HTTP/2')
    .option('--tls-key <file>', 'https 私钥（PEM，如 data/tls/server.key）')
    .option('--tls-ca <file>', '在 /ca.crt 提供给手机安装的 CA 证书（默认 data/tls/ca.crt，或证书旁的 ca.crt）')
    .addOption(new Option('--redirect-http <port>', '另开一个 http 端口，把请求转到 https（/setup 在此端口也可打开）').argParser(parsePortOf('--redirect-http')))
    .option('--trust-proxy', '在反向代理（nginx、Caddy）之后：采信 X-Forwarded-For / -Proto')
    .option('--dev', '开发模式：错误带堆栈、开放 GraphQL 内省（默认生产模式）')
    .action(async (options: Omit<ServeOptions, 'out'>) => {
      setExitCode(await serveCommand(options, io));
    });

  program
    .command('tls')
    .description('https 证书')
    .command('init')
    .description('生成本地 CA 证书（已有则沿用）并为给定地址签发服务器证书，写入 <data-dir>/tls/')
    .requiredOption('--host <host...>', '手机访问本机用的局域网 IP 或主机名，可给多个（localhost 和 127.0.0.1 总会加上）')
    .option('--data-dir <dir>', '数据目录', 'data')
    .action((options: TlsInitOptions) => {
      setExitCode(tlsInitCommand(options, io));
    });

  const user = program.command('user').description('用户管理');
  user
    .command('add')
    .description('创建用户（未给密码时生成一个并显示一次）')
    .argument('<username>', '用户名')
    .requiredOption('--role <role>', '角色：ADMIN、MANAGER、INSPECTOR 或 VIEWER')
    .requiredOption('--org <code>', '所属单位编码，如 218101')
    .option('--password <password>', '密码（至少 8 位；也可用环境变量 JIXIAO_USER_PASSWORD）')
    .option('--db <url>', DB_HELP)
    .action(async (username: string, options: { role: string; org: string; password?: string; db?: string }) => {
      setExitCode(await userAddCommand(username, options, io));
    });

  const exporter = program.command('export').description('导出 XLSX 报表');
  for (const [name, kind, description] of [
    ['self-evaluation', 'self-evaluation', '导出项目支出绩效自评表：单位（含下级单位）该年度每个项目一张工作表，另加“汇总”表'],
    ['targets', 'target-tables', '导出绩效目标表（财政部门发布的格式，可再用 jixiao import 导入）'],
  ] as const) {
    exporter
      .command(name)
      .description(description)
      .requiredOption('--org <code>', '单位编码，如 218101')
      .addOption(new Option('--year <year>', '预算年度').argParser(parseYear).makeOptionMandatory())
      .requiredOption('--out <file>', '输出文件，如 自评表-2023.xlsx')
      .option('--db <url>', DB_HELP)
      .action(async (options: ExportOptions) => {
        setExitCode(await exportCommand(kind, options, io));
      });
  }

  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志的哈希链，指出第一处被篡改的记录')
    .option('--db <url>', DB_HELP)
    .action(async (options: { db?: string }) => {
      setExitCode(await auditVerifyCommand(options, io));
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
    io.err(`jixiao: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return exitCode;
}

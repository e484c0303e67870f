import { Command, CommanderError, Option } from 'commander';
import { importCommand } from './import-command.js';
import { targetCommand } from './target-command.js';

/** Where the CLI writes; tests hand in buffers. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

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
    .description('导入绩效目标表（文本格式，如 shared/seed/wuqing-court-2023-targets.txt）')
    .argument('<file...>', '一个或多个目标表文件')
    .option('--dry-run', '只解析并报告，不写入数据库')
    .option('--json', '以 JSON 输出结果（stdout 只有 JSON）')
    .addOption(new Option('--year <year>', '表中未写年度时使用的年度').argParser(parseYear))
    .action(async (files: string[], options: { dryRun?: boolean; json?: boolean; year?: number }) => {
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
      if (error.code === 'jixiao.invalidYear') io.err(`${error.message}\n`);
      return error.exitCode === 0 ? 0 : 2;
    }
    io.err(`jixiao: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return exitCode;
}

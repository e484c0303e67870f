import { readFile } from 'node:fs/promises';
import { parseTarget, type TargetContext } from '@jixiao/domain';
import type { CliIo } from './main.js';

function reading(raw: string, context: TargetContext): object {
  const { target, warnings } = parseTarget(raw, context);
  return { ...target, warnings };
}

/**
 * `jixiao target "<指标值>"`: prints the parsed target and what was guessed, as JSON. With
 * `--jsonl FILE` it reads one {"raw","level2","name","year"} a line and prints one result a line
 * (the same shape), or {"line": n, "error": …} for a line that is not such an object.
 */
export async function targetCommand(
  value: string | undefined,
  options: { level2?: string; name?: string; year?: number; jsonl?: string },
  io: CliIo,
): Promise<number> {
  if (options.jsonl === undefined) {
    if (value === undefined) throw new Error('jixiao target: a value or --jsonl is required (checked by the command line)');
    io.out(`${JSON.stringify(reading(value, { level2: options.level2, name: options.name, year: options.year }), null, 2)}\n`);
    return 0;
  }
  let text: string;
  try {
    text = await readFile(options.jsonl, 'utf8');
  } catch {
    io.err(`错误：${options.jsonl}：无法读取\n`);
    return 1;
  }
  let failed = false;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let input: { raw?: unknown; level2?: unknown; name?: unknown; level1?: unknown; year?: unknown };
    try {
      input = JSON.parse(line) as typeof input;
    } catch {
      input = {};
    }
    if (typeof input !== 'object' || input === null || typeof input.raw !== 'string') {
      failed = true;
      io.out(`${JSON.stringify({ line: index + 1, error: '应为含 "raw" 字符串的 JSON 对象' })}\n`);
      return;
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const year = typeof input.year === 'number' && Number.isInteger(input.year) ? input.year : options.year;
    io.out(`${JSON.stringify(reading(input.raw, { level1: str(input.level1), level2: str(input.level2), name: str(input.name), year }))}\n`);
  });
  return failed ? 1 : 0;
}

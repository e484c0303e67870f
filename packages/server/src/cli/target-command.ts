import { parseTarget } from '@jixiao/domain';
import type { CliIo } from './main.js';

/** `jixiao target "<指标值>"`: prints the parsed target and what was guessed, as JSON. */
export function targetCommand(value: string, options: { level2?: string; name?: string }, io: CliIo): number {
  const { target, warnings } = parseTarget(value, { level2: options.level2, name: options.name });
  io.out(`${JSON.stringify({ ...target, warnings }, null, 2)}\n`);
  return 0;
}

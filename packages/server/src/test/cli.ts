import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';

/** The seed document, as the CLI tests import it. */
export const SEED_FILE = fileURLToPath(new URL('../../../../test/fixtures/wuqing-court-2023-targets.txt', import.meta.url));

/** Runs the jixiao CLI in-process and returns its exit code and what it printed. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

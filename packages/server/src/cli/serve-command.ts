import { serve, SetupRequiredError, type ServeOptions } from '../main.js';
import { StartupError } from '../startup.js';
import type { CliIo } from './main.js';

/** `jixiao serve`: runs until SIGINT or SIGTERM; 1 with the reason when it cannot start. */
export async function serveCommand(options: Omit<ServeOptions, 'out'>, io: CliIo): Promise<number> {
  let stop: () => Promise<void>;
  try {
    ({ stop } = await serve({ ...options, out: io.out }));
  } catch (error) {
    if (error instanceof SetupRequiredError) {
      io.err(error.message);
      return 1;
    }
    if (!(error instanceof StartupError)) throw error;
    io.err(`jixiao serve：${error.message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  io.err('正在停止…\n');
  await stop();
  return 0;
}

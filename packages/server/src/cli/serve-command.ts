import { serve, SetupRequiredError } from '../main.js';
import type { CliIo } from './main.js';

/** `jixiao serve`: runs until SIGINT or SIGTERM. */
export async function serveCommand(options: { port: number; host: string; db?: string; dataDir?: string; demo?: boolean }, io: CliIo): Promise<number> {
  let stop: () => Promise<void>;
  try {
    ({ stop } = await serve({ ...options, out: io.out }));
  } catch (error) {
    if (!(error instanceof SetupRequiredError)) throw error;
    io.err(error.message);
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

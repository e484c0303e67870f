import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportResult } from '@jixiao/domain';
import { BoundedQueue, QueueFullError } from '../common/bounded-queue.js';
import { TooManyRequestsError, ValidationError } from '../common/errors.js';

/** What a worker parses: target-table text (the field it came in), or the bytes of an .xlsx. */
export type ParseJob =
  | { kind: 'text'; text: string; field: string; options: ImportOptions }
  | { kind: 'xlsx' | 'docx' | 'html'; bytes: Uint8Array; options: ImportOptions };

/** What a worker answers: the parsed model, or a refusal naming the field (a limit, a broken file). */
export type ParseOutcome = { result: ImportResult } | { refused: { field: string; message: string } };

/** Imports parsed at once (each in its own worker thread), and how many may wait. */
const parses = new BoundedQueue('import parsing', 1, 4);

/** A worker's heap: a workbook within the limits needs far less; past it the import is refused, the server lives on. */
const WORKER_HEAP_MB = 512;
/** Longest a parse may take; then its worker is stopped. */
const PARSE_TIMEOUT_MS = 60_000;

/**
 * The compiled worker beside this module; under vitest (this module from its .ts source) the one
 * tsc built into dist/, since a worker thread runs plain JavaScript.
 */
function workerFile(): string {
  const here = fileURLToPath(new URL('./import-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = here.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2');
  if (!existsSync(built)) throw new Error(`import worker not built: ${built} (run pnpm build in packages/server)`);
  return built;
}

/**
 * Parses an import in a worker thread, one at a time (4 more may wait; past that
 * TOO_MANY_REQUESTS): the event loop stays free for other requests, and the worker's memory is
 * capped, so a hostile file costs at most that worker. Limits (import-limits.ts) are checked in the
 * worker before the expensive parse.
 *
 * @example const parsed = await parseOffThread({ kind: 'text', text, field: 'text', options: { year: 2023 } });
 */
export async function parseOffThread(job: ParseJob): Promise<ImportResult> {
  const field = job.kind === 'text' ? job.field : 'file';
  try {
    return await parses.run(() => runWorker(job, field));
  } catch (error) {
    if (error instanceof QueueFullError) throw new TooManyRequestsError('服务器正在处理其他导入，请稍后再试', 10);
    throw error;
  }
}

function runWorker(job: ParseJob, field: string): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      workerData: job,
      // Not the parent's flags: under vitest they include `--conditions source`, which would load
      // @jixiao/domain's TypeScript sources into plain Node.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new ValidationError(field, `解析导入内容超过 ${PARSE_TIMEOUT_MS / 1000} 秒，已停止：内容过大或格式异常，请分批导入`))),
      PARSE_TIMEOUT_MS,
    );
    worker.once('message', (outcome: ParseOutcome) =>
      settle(() => ('result' in outcome ? resolve(outcome.result) : reject(new ValidationError(outcome.refused.field, outcome.refused.message)))),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ValidationError(field, `导入内容过大：解析时超出 ${WORKER_HEAP_MB} MB 内存限制，请分批导入`) : error,
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`import worker exited with code ${code}`))));
  });
}

import { afterAll, describe } from 'vitest';
import { createTemporaryDatabase, type TemporaryDatabase } from '../../packages/server/src/db-admin.js';
import { ProductServer, type ProductServerOptions } from '../e2e/support.js';

export { ADMIN_PASSWORD, INSPECTOR_PASSWORD, ProductServer } from '../e2e/support.js';

/** The PostgreSQL server the suites also run on (set by .ci/run), or undefined. */
const pgAdminUrl: string | undefined = process.env.JIXIAO_TEST_PG_URL || undefined;

export type ServerDialect = 'sqlite' | 'postgresql';

/**
 * Declares `suite` once per database, each against its own real `jixiao serve` (production mode):
 * on SQLite always, and on a fresh PostgreSQL database when JIXIAO_TEST_PG_URL is set. The suite
 * gets `start(options)` to start its server (stopped and removed after the suite).
 *
 * @example describeEachServer('login limits', (start) => { let server; beforeAll(async () => { server = await start(); }); … });
 */
export function describeEachServer(
  name: string,
  suite: (start: (options?: ProductServerOptions) => Promise<ProductServer>, dialect: ServerDialect) => void,
): void {
  for (const dialect of ['sqlite', 'postgresql'] as const) {
    const run = dialect === 'sqlite' || pgAdminUrl !== undefined ? describe : describe.skip;
    run(`${name} (${dialect})`, () => {
      const started: ProductServer[] = [];
      const databases: TemporaryDatabase[] = [];
      const start = async (options: ProductServerOptions = {}): Promise<ProductServer> => {
        let database = options.database;
        if (dialect === 'postgresql' && database === undefined) {
          const temporary = await createTemporaryDatabase(pgAdminUrl!);
          databases.push(temporary);
          database = temporary.url;
        }
        const server = await ProductServer.create({ ...options, database });
        started.push(server);
        return server;
      };
      suite(start, dialect);
      afterAll(async () => {
        for (const server of started.splice(0)) await server.dispose();
        for (const database of databases.splice(0)) await database.drop();
      });
    });
  }
}

export interface HealthDuring<T> {
  result: T;
  /** The slowest /healthz answer while `work` ran (ms); every probe is bounded by `limitMs` + 1 s. */
  slowestHealthMs: number;
  probes: number;
}

/**
 * Runs `work` (an attack) while probing `${base}/healthz` back to back, and reports the slowest
 * answer: a server whose event loop is blocked answers late, or not within the probe's own time
 * limit (then the probe counts as that limit plus 1 s).
 */
export async function healthDuring<T>(base: string, work: () => Promise<T>, limitMs = 5_000): Promise<HealthDuring<T>> {
  let done = false;
  let slowest = 0;
  let probes = 0;
  const probe = async () => {
    while (!done) {
      const started = performance.now();
      try {
        await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(limitMs) });
        slowest = Math.max(slowest, performance.now() - started);
      } catch {
        slowest = Math.max(slowest, limitMs + 1_000);
      }
      probes += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const probing = probe();
  let result: T;
  try {
    result = await work();
  } finally {
    done = true;
    await probing;
  }
  return { result, slowestHealthMs: slowest, probes };
}

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // MikroORM entities use legacy (experimental) decorators, as tsc compiles them for dist.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // Tests read @jixiao/domain from its sources, so they never run against a stale build.
    conditions: ['source'],
    // graphql ships index.mjs and index.js; Vite would pick the first, Node (Apollo, type-graphql)
    // the second, and two copies of graphql refuse each other's schemas ("another realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  // Server tests run in Vite's SSR environment, which has its own resolve conditions.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    // vitest's 5 s default is too tight for a PostgreSQL test of 20 submissions on a 2-core CI
    // machine under load (seen at 5.05 s); a hung test still fails, just later.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

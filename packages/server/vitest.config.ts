import { defineConfig } from 'vitest/config';

export default defineConfig({
  // MikroORM entities use legacy (experimental) decorators, as tsc compiles them for dist.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // Tests read @jixiao/domain from its sources, so they never run against a stale build.
    conditions: ['source'],
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Inlined so that it shares our copy of graphql; otherwise graphql loads twice ("another realm").
    server: { deps: { inline: ['type-graphql', 'graphql-scalars'] } },
  },
});

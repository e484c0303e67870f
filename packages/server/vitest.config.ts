import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests read @jixiao/domain from its sources, so they never run against a stale build.
    conditions: ['source'],
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});

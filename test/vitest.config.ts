import { defineConfig } from 'vitest/config';

// Cross-package journeys: the CLI as a user runs it, and later the browser journeys.
export default defineConfig({
  test: {
    include: ['cli/**/*.test.ts'],
    testTimeout: 60_000,
  },
});

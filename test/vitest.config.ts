import { defineConfig } from 'vitest/config';

// Cross-package journeys: the CLI as a user runs it, and later the browser journeys.
export default defineConfig({
  test: {
    include: ['cli/**/*.test.ts', 'e2e/**/*.test.ts', 'hostile/**/*.test.ts'],
    // Journeys start servers and pnpm: one file at a time keeps the 2-core machine responsive.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});

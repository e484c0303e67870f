// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/pwa/**/*.vue', 'test/bench/results/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is pure: the server and the PWA both run it (packages/domain/README.md).
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(vue|vant|dexie|fastify|type-graphql|graphql|@apollo/.*|@mikro-orm/.*|pino)$', message: 'packages/domain must not depend on a framework.' },
            { regex: '^(node:)?(fs|fs/promises|path|http|https|net|child_process|os|worker_threads|crypto)$', message: 'packages/domain must not do I/O.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'fetch', 'process'],
    },
  },
  {
    // Resolvers are thin and share nothing: what two of them need lives in a service or a *.types.ts.
    files: ['packages/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '\\.resolver\\.js$', message: 'A resolver may not import another resolver: move what they share to a service or to *.types.ts.' }] }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

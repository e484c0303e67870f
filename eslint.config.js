// @ts-check
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // */graphql/generated: written by graphql-codegen (`pnpm codegen`), not by hand.
  { ignores: ['**/dist/**', '**/node_modules/**', 'test/bench/results/**', 'data/**', 'packages/pwa/src/graphql/generated/**', 'test/graphql/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // After typescript-eslint: vue-eslint-parser reads the .vue file, typescript-eslint's parser its <script lang="ts">.
  ...pluginVue.configs['flat/recommended'],
  // Line breaks, indentation and spacing in templates are the formatter's, not a lint finding.
  {
    rules: Object.fromEntries(
      Object.entries(pluginVue.rules)
        .filter(([, rule]) => rule.meta?.type === 'layout')
        .map(([name]) => [`vue/${name}`, 'off']),
    ),
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      // ignoreRestSiblings: `const { a, ...rest } = x` is how an object is copied without a property.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: {
      // vue-tsc type-checks these scripts, browser globals included (typescript-eslint's advice for TypeScript code).
      'no-undef': 'off',
      // Beyond the recommended set: every component in TypeScript, typed props, emits and refs, nothing declared and unused.
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/define-props-declaration': ['error', 'type-based'],
      'vue/define-emits-declaration': ['error', 'type-based'],
      'vue/require-typed-ref': 'error',
      'vue/no-unused-refs': 'error',
      'vue/no-unused-properties': 'error',
      'vue/no-unused-emit-declarations': 'error',
      'vue/no-ref-object-reactivity-loss': 'error',
      'vue/no-useless-v-bind': 'error',
      'vue/no-useless-mustaches': 'error',
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
            {
              regex: '^(vue|vant|dexie|fastify|type-graphql|graphql|@apollo/.*|@mikro-orm/.*|pino)$',
              message: 'packages/domain must not depend on a framework.',
            },
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '\\.resolver\\.js$', message: 'A resolver may not import another resolver: move what they share to a service or to *.types.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

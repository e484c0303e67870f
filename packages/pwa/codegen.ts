import type { CodegenConfig } from '@graphql-codegen/cli';

/** How both targets type their documents (graphql-codegen's client preset). */
const typedDocuments = {
  preset: 'client',
  // Each caller reads the fields its own document asks for; fragments only share field lists.
  presetConfig: { fragmentMasking: false },
  config: {
    // Documents stay plain strings: nothing parses GraphQL at run time.
    documentMode: 'string',
    useTypeImports: true,
    // Only what the documents use (their inputs and enums), not every type of the schema.
    onlyOperationTypes: true,
    // Enums as string unions: the app compares plain strings and ships no enum objects.
    enumsAsTypes: true,
    skipTypename: true,
    // A nullable field is there and null, as the server answers it; nullable variables and input fields may be left out.
    avoidOptionals: { field: true, object: false, inputValue: false, defaultValue: false },
    strictScalars: true,
    scalars: { DateTimeISO: 'string' },
  },
} as const;

/**
 * Typed documents (`pnpm codegen` from the repository root, after the server's schema): every
 * `graphql(`…`)` is checked against the server's committed schema, and its result and variable
 * types are written next to the code that sends it — the web app's in src/graphql/generated/, the
 * cross-package tests' in test/graphql/generated/. `pnpm typecheck` fails when any is stale.
 */
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  // A document that does not fit the schema fails the run, and so does a target without documents.
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      ...typedDocuments,
      documents: ['src/**/*.ts', 'src/**/*.vue', '!src/graphql/generated/**'],
    },
    'src/graphql/generated/operations.ts': {
      documents: ['src/**/*.ts', 'src/**/*.vue', '!src/graphql/generated/**'],
      plugins: ['./codegen/operation-map.js'],
      config: { typesModule: './graphql' },
    },
    '../../test/graphql/generated/': {
      ...typedDocuments,
      documents: ['../../test/**/*.ts', '!../../test/graphql/generated/**', '!../../test/bench/results/**'],
    },
  },
};

export default config;

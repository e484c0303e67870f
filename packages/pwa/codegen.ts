import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the web app (`pnpm codegen` from the repository root): every `graphql(`…`)`
 * in src/ is checked against the server's committed schema, and its result and variable types are
 * written to src/graphql/generated/. The documents stay plain strings (documentMode 'string'): the
 * app parses no GraphQL at run time.
 */
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.vue', '!src/graphql/generated/**'],
  // A document that does not fit the schema fails the run, and so does a tree without documents.
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      // Each screen reads the fields its own document asks for; fragments only share field lists.
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        // Only what the documents use (their inputs and enums), not every type of the schema.
        onlyOperationTypes: true,
        // A nullable field is there and null, as the server answers it; input fields may be left out.
        avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
        // Enums as string unions: the app compares plain strings and ships no enum objects.
        enumsAsTypes: true,
        skipTypename: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string' },
      },
    },
    'src/graphql/generated/operations.ts': {
      plugins: ['./codegen/operation-map.js'],
      config: { typesModule: './graphql' },
    },
  },
};

export default config;

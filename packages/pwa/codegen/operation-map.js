// A graphql-codegen plugin: every named operation of the documents with its generated result and
// variable types, keyed by operation name. Test fakes that answer by operation name (src/testing/
// harness.ts) are typed with it, so their answers must fit the documents the app sends.
import { Kind } from 'graphql';

const SUFFIX = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

/** @type {import('@graphql-codegen/plugin-helpers').CodegenPlugin<{ typesModule: string }>['plugin']} */
export function plugin(_schema, documents, config) {
  const names = documents
    .flatMap((file) => file.document?.definitions ?? [])
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name)
    .map((definition) => ({ name: definition.name.value, type: `${definition.name.value}${SUFFIX[definition.operation]}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lines = names.map(({ name, type }) => `  ${name}: { result: Types.${type}; variables: Types.${type}Variables };`);
  return [
    '/* eslint-disable */',
    `import type * as Types from '${config.typesModule}';`,
    '',
    '/** Every operation the documents define, by name: its result and its variables. */',
    'export interface Operations {',
    ...lines,
    '}',
    '',
  ].join('\n');
}

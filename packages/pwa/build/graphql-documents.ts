import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const QUERIES = /[\\/]src[\\/]graphql[\\/]queries\.ts$/;
const GENERATED = /[\\/]src[\\/]graphql[\\/]generated[\\/]graphql\.ts$/;
/** One entry of gql.ts's `documents` map: the document's source as a JSON string, and its generated export. */
const MAP_ENTRY = /^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm;
const CALL = /graphql\(`([^`]*)`\)/g;
const DOCUMENT = /new TypedDocumentString\(`([^`]*)`/g;

/**
 * What graphql-codegen's client preset leaves to a Babel or SWC plugin, done here for Vite: in
 * src/graphql/queries.ts each `graphql(`…`)` becomes the generated document it stands for, and each
 * generated document is marked side-effect free with its white space collapsed. Every chunk then
 * carries the documents it sends, once each — not gql.ts's map of all of them, twice over (the
 * survey link's page sends two). Types and behaviour are unchanged: `graphql()` returns exactly
 * these objects.
 */
export function graphqlDocuments(): Plugin {
  let exportOf: Map<string, string> | null = null;
  const documents = (queriesId: string) => {
    if (exportOf) return exportOf;
    const gql = readFileSync(queriesId.replace(QUERIES, '/src/graphql/generated/gql.ts'), 'utf8');
    exportOf = new Map([...gql.matchAll(MAP_ENTRY)].map((match) => [JSON.parse(match[1]) as string, match[2]]));
    return exportOf;
  };
  return {
    name: 'jixiao:graphql-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      if (QUERIES.test(path)) {
        const known = documents(path);
        const replaced = code.replace(CALL, (_call, source: string) => {
          const name = known.get(source);
          if (!name) throw new Error(`graphql-documents: a document in queries.ts is not in generated/gql.ts (run pnpm codegen): ${source.slice(0, 80)}`);
          return `__documents.${name}`;
        });
        return { code: `import * as __documents from './generated/graphql';\n${replaced}`, map: null };
      }
      if (GENERATED.test(path)) {
        return {
          code: code.replace(DOCUMENT, (_doc, text: string) => `/*#__PURE__*/ new TypedDocumentString(\`${text.replace(/\s+/g, ' ').trim()}\``),
          map: null,
        };
      }
      return null;
    },
  };
}

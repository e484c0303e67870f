import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery<Record<string, unknown>, Record<string, unknown>>;

/** Operations compiled per document: a client sends the same few, and each may name one of several. */
const MAX_OPERATIONS_PER_DOCUMENT = 16;

/**
 * Executes queries with graphql-jit: each document's query is compiled once into a function that
 * walks the selection directly (Apollo hands the same parsed document to every request with the
 * same text, its document store), instead of graphql-js interpreting the document field by field
 * on every request. A dashboard page has thousands of fields: graphql-js spent more on them than
 * the statements behind them did. The resolvers, the scalars' serialization, errors and their
 * paths, and null propagation are the same; variables are checked by graphql-js first, so that a
 * wrong one is reported exactly as before (BAD_USER_INPUT). Mutations keep graphql-js (their
 * fields run one after the other), and so does a query graphql-jit cannot compile.
 *
 * Apollo Server takes another executor only from a "gateway": this is one, serving our own schema.
 */
/**
 * A field's error as graphql-js reports it (its locatedError): graphql-jit's errors have no
 * `extensions` object when the cause has none, where graphql-js gives an empty one (Apollo reads
 * its code from there). Same message, locations, path and cause.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const cause = error.originalError ?? undefined;
  const located = new GraphQLError(error.message, { path: error.path, originalError: cause, extensions: cause ? undefined : error.extensions });
  (located as { locations: GraphQLError['locations'] }).locations = error.locations;
  return located;
}

export function compiledQueries(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | null): Compiled | null => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let found = byOperation.get(key);
    if (found === undefined) {
      try {
        const result = compileQuery<Record<string, unknown>, Record<string, unknown>>(schema, document, operationName ?? undefined);
        found = isCompiledQuery(result) ? result : null;
      } catch {
        found = null;
      }
      if (byOperation.size >= MAX_OPERATIONS_PER_DOCUMENT) byOperation.clear();
      byOperation.set(key, found);
    }
    return found;
  };

  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const variables = request.variables ?? {};
    const plain = (): Promise<ExecutionResult> =>
      Promise.resolve(execute({ schema, document, contextValue: context, variableValues: variables, operationName }));
    if (operation.operation !== 'query') return plain();
    const query = compiledFor(document, operationName);
    if (!query) return plain();
    if ((operation.variableDefinitions?.length ?? 0) > 0) {
      // As graphql-js's execute reports them: no data, the coercion errors.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = await query.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };

  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: async () => {},
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Costs kept per document: a client sends the same few operations with the same few variables. */
const MAX_COSTS_PER_DOCUMENT = 64;
/** Variables longer than this (an imported file, say) are not worth keeping as a key. */
const MAX_KEY_LENGTH = 2048;

/**
 * Refuses operations whose estimated cost exceeds `maximum`: each field costs 1, and list fields
 * multiply their children by the page size (see the `complexity` options on the resolvers).
 *
 * The cost depends only on the document, the operation and the variables. Apollo hands the same
 * parsed document to every request with the same query text (its document store), so the cost is
 * worked out once per document, operation and variables rather than walked again on each request.
 */
export function complexityLimit(schema: GraphQLSchema, maximum: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const variables = request.variables ?? {};
          const key = `${request.operationName ?? ''}\n${JSON.stringify(variables)}`;
          let known = costs.get(document);
          let cost = known?.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema,
                operationName: request.operationName ?? undefined,
                query: document,
                variables,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch (error) {
              // Variables that do not fit their types: Apollo reports them (BAD_USER_INPUT) next.
              if (error instanceof GraphQLError) return;
              throw error;
            }
            if (key.length <= MAX_KEY_LENGTH) {
              if (!known) costs.set(document, (known = new Map()));
              if (known.size >= MAX_COSTS_PER_DOCUMENT) known.clear();
              known.set(key, cost);
            }
          }
          if (cost > maximum) {
            throw new GraphQLError(`查询过于复杂：估算代价 ${cost}，上限 ${maximum}；请减少每页数量或字段`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maximum, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

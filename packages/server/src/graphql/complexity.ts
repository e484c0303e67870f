import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Refuses operations whose estimated cost exceeds `maximum`: each field costs 1, and list fields
 * multiply their children by the page size (see the `complexity` options on the resolvers).
 */
export function complexityLimit(schema: GraphQLSchema, maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              operationName: request.operationName ?? undefined,
              query: document,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not fit their types: Apollo reports them (BAD_USER_INPUT) next.
            if (error instanceof GraphQLError) return;
            throw error;
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

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getOperationAST, getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Costs kept per document: a client sends the same few operations with the same few variables. */
const MAX_COSTS_PER_DOCUMENT = 64;
/** Variables longer than this (an imported file, say) are not worth keeping as a key. */
const MAX_KEY_LENGTH = 2048;
/** Nodes the cost analysis walks (fragments once per spread) before it gives up, and the request is refused. */
export const MAX_QUERY_NODES = 10_000;

/**
 * Refuses operations whose estimated cost exceeds `maximumFor(context)` (lower for anonymous requests): each field costs 1, and list fields
 * multiply their children by the page size (see the `complexity` options on the resolvers).
 *
 * The cost depends only on the document, the operation and the variables. Apollo hands the same
 * parsed document to every request with the same query text (its document store), so the cost is
 * worked out once per document, operation and variables rather than walked again on each request.
 * No cost reads the text of a variable (the resolvers' `complexity` read page sizes and list
 * lengths), so variables that differ only in their text share a cost: a phone's acceptances, each
 * with its own clientId, are costed once.
 */
/** The variables as a cost depends on them: every string the same. */
function withoutText(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? '' : value;
}

export function complexityLimit<TContext extends BaseContext>(schema: GraphQLSchema, maximumFor: (context: TContext) => number): ApolloServerPlugin<TContext> {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const maximum = maximumFor(contextValue);
          const variables = request.variables ?? {};
          const key = `${request.operationName ?? ''}\n${JSON.stringify(variables, withoutText)}`;
          let known = costs.get(document);
          let cost = known?.get(key);
          if (cost === undefined) {
            // Variables that do not fit their types: Apollo reports them (BAD_USER_INPUT) next.
            const operation = getOperationAST(document, request.operationName);
            if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return;
            try {
              cost = getComplexity({
                schema,
                operationName: request.operationName ?? undefined,
                query: document,
                variables,
                maxQueryNodes: MAX_QUERY_NODES,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // What cannot be measured (over MAX_QUERY_NODES nodes, say) is refused, never let through.
              throw new GraphQLError(`查询过于复杂：无法估算代价（超过 ${MAX_QUERY_NODES} 个节点），上限 ${maximum}；请减少字段或别名`, {
                extensions: { code: 'QUERY_TOO_COMPLEX', maximum, http: { status: 400 } },
              });
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

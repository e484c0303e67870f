import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';

/** The running operations that have a time limit, by their context. */
const running = new WeakMap<object, { deadline: number; limitMs: number; timedOut: boolean }>();

const messageOf = (limitMs: number) => `查询执行超时：超过 ${limitMs / 1000} 秒，已停止；请减少每页数量或字段后重试`;

/**
 * Stops an operation that runs longer than `limitMs`: once the time is up, no further resolver runs,
 * and the answer is one REQUEST_TIMEOUT error (HTTP 503) instead of partial data. The document
 * limits and the cost analysis keep honest operations far below it; this bounds what they
 * misjudge. Mutations are not cut. A resolver already running is not interrupted (it is one bounded query).
 *
 * The deadline is checked before every resolver by `checkDeadlines` (schema.ts), not by Apollo's
 * willResolveField: that hook instruments every field with far more than a test of the time, and
 * a dashboard's thousands of plain property reads cost more through it than the statements behind
 * them.
 */
export function executionTimeLimit<TContext extends BaseContext>(limitMs: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ operation, contextValue }) {
          // A mutation's changes are made by its top-level field: cutting what it returns would
          // only hide that they were made.
          if (operation.operation === 'mutation') return;
          running.set(contextValue, { deadline: performance.now() + limitMs, limitMs, timedOut: false });
        },
        async willSendResponse({ response, contextValue }) {
          const state = running.get(contextValue);
          if (!state?.timedOut || response.body.kind !== 'single') return;
          response.body.singleResult = { errors: [{ message: messageOf(limitMs), extensions: { code: 'REQUEST_TIMEOUT', maximumMs: limitMs } }] };
          response.http.status = 503;
        },
      };
    },
  };
}

/**
 * Wraps the resolvers of `schema` with a check of their operation's deadline (see
 * executionTimeLimit): a plain synchronous test, so that property fields stay synchronous — a
 * type-graphql middleware would make every field of the dashboard a promise.
 *
 * Checked: every field with a resolver of its own (a query, a field resolver, a field of a type
 * without simple resolvers): what reads data or leads to it. Not checked: a field read as a plain
 * property of the object its parent returned, which is already in memory and cannot take long
 * (the cost limit bounds how many there are). A dashboard page has thousands of those: a clock
 * read on each cost more than its statements, and compiled queries (compiled-queries.ts) read
 * them inline, without a call, when they have no resolver.
 */
export function checkDeadlines(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context: object, info) => {
        const state = running.get(context);
        if (state && (state.timedOut || performance.now() >= state.deadline)) {
          state.timedOut = true;
          throw new GraphQLError(messageOf(state.limitMs), { extensions: { code: 'REQUEST_TIMEOUT' } });
        }
        return resolve(source, args, context, info);
      };
    }
  }
}

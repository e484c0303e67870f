import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Stops an operation that runs longer than `limitMs`: once the time is up, no further field is
 * resolved, and the answer is one REQUEST_TIMEOUT error (HTTP 503) instead of partial data. The
 * document limits and the cost analysis keep honest operations far below it; this bounds what
 * they misjudge. Mutations are not cut. A resolver already running is not interrupted (it is one bounded query).
 */
export function executionTimeLimit<TContext extends BaseContext>(limitMs: number): ApolloServerPlugin<TContext> {
  const message = `查询执行超时：超过 ${limitMs / 1000} 秒，已停止；请减少每页数量或字段后重试`;
  return {
    async requestDidStart() {
      let deadline = Infinity;
      let timedOut = false;
      return {
        async executionDidStart({ operation }) {
          // A mutation's changes are made by its top-level field: cutting what it returns would
          // only hide that they were made.
          if (operation.operation === 'mutation') return;
          deadline = performance.now() + limitMs;
          return {
            willResolveField() {
              if (timedOut || performance.now() >= deadline) {
                timedOut = true;
                throw new GraphQLError(message, { extensions: { code: 'REQUEST_TIMEOUT' } });
              }
            },
          };
        },
        async willSendResponse({ response }) {
          if (!timedOut || response.body.kind !== 'single') return;
          response.body.singleResult = { errors: [{ message, extensions: { code: 'REQUEST_TIMEOUT', maximumMs: limitMs } }] };
          response.http.status = 503;
        },
      };
    },
  };
}

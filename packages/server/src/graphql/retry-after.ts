import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Adds an HTTP `Retry-After` header (seconds) to a GraphQL response that refused an operation as
 * TOO_MANY_REQUESTS, from the error's `extensions.retryAfterSeconds`: clients and proxies that do not
 * read GraphQL errors still see how long to wait.
 */
export function retryAfterHeader(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          let seconds = 0;
          for (const error of response.body.singleResult.errors ?? []) {
            const wait = error.extensions?.code === 'TOO_MANY_REQUESTS' ? Number(error.extensions.retryAfterSeconds) : 0;
            if (Number.isFinite(wait) && wait > seconds) seconds = Math.ceil(wait);
          }
          if (seconds > 0) response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}

/**
 * A public survey answer sent while offline waits in two places: the page's outbox (IndexedDB, sent
 * at the next visit) and, where the browser has Background Sync, the service worker's own queue,
 * which sends it when the phone is back online even if the page was closed. The server takes the
 * same clientId once, so whichever arrives second changes nothing.
 */

/** The operation the service worker queues (vite.config.ts matches `?op=` on it). */
export const BACKGROUND_SYNC_OPERATION = 'SubmitSurveyResponse';

/**
 * The GraphQL URL with the operation's name as `?op=`, read from the request's JSON body (its first operation), so that
 * the service worker can tell one operation from another without reading bodies.
 *
 * @example withOperationName('/graphql', '{"query":"mutation SubmitSurveyResponse($input: …"}') // '/graphql?op=SubmitSurveyResponse'
 */
export function withOperationName(url: string, body: unknown): string {
  if (typeof body !== 'string') return url;
  let query: unknown;
  try {
    query = (JSON.parse(body) as { query?: unknown }).query;
  } catch {
    return url;
  }
  const match = typeof query === 'string' ? /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query) : null;
  if (!match) return url;
  return `${url}${url.includes('?') ? '&' : '?'}op=${match[1]}`;
}

export interface BackgroundSyncEnvironment {
  /** `window`: Background Sync is there when it has SyncManager. */
  window: object;
  /** `navigator.serviceWorker`, if any: the worker must control the page to see the request. */
  serviceWorker?: { controller: unknown } | null;
}

/**
 * Whether an answer that failed to send now will be sent by the service worker without the page
 * (Chromium-based browsers, Android WeChat) or only when this page is opened again (Safari, iOS
 * in-app browsers, Firefox, no service worker).
 *
 * @example sendsInBackground({ window, serviceWorker: navigator.serviceWorker })
 */
export function sendsInBackground(env: BackgroundSyncEnvironment): boolean {
  return 'SyncManager' in env.window && Boolean(env.serviceWorker?.controller);
}

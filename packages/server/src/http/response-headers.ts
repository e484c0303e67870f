import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * What the web app needs and nothing more (checked in Chromium by test/e2e/https-journey.test.ts
 * and the dashboard journey): scripts only from the server (index.html has no inline script), Vant's
 * inline `style` attributes, photos shown as `blob:` URLs and the signature as a `data:` image, Vant's
 * icon font as a `data:` URL, the service worker and every fetch to the same origin. See docs/https.md.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** Half a year: long enough to matter, short enough to recover from a wrong move to https. */
const HSTS = 'max-age=15552000';

/**
 * Security headers on every response (@fastify/helmet) and compression of dynamic ones
 * (@fastify/compress: GraphQL answers, the printable report). The PWA's files come compressed at
 * build time (packages/pwa/build/precompress.ts) and pass through untouched.
 *
 * Register before any route: hooks apply to the routes added after them.
 */
export async function registerResponseHeaders(server: FastifyInstance, options: { production: boolean }): Promise<void> {
  await server.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // Not `upgrade-insecure-requests`: on a plain-http office address it would send every script
      // request to an https port that does not exist, and the app would not even show its banner.
      directives: CONTENT_SECURITY_POLICY,
    },
    // Both only on https responses (below): browsers ignore them on http and COOP warns there.
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  server.addHook('onRequest', async (request, reply) => {
    // request.protocol reads X-Forwarded-Proto when --trust-proxy is set.
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS).header('cross-origin-opener-policy', 'same-origin');
  });
  if (!options.production) {
    // Apollo's sandbox page (GET /graphql in a browser, development only) loads its scripts from a CDN.
    server.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/graphql') && String(reply.getHeader('content-type')).startsWith('text/html'))
        reply.raw.removeHeader('content-security-policy');
    });
  }
  await server.register(fastifyCompress, { encodings: ['br', 'gzip'] });
}

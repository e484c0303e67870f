import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import type { Db } from './db.js';
import { complexityLimit } from './graphql/complexity.js';
import type { Context } from './graphql/context.js';
import { depthLimit } from './graphql/depth-limit.js';
import { createFormatError } from './graphql/format-error.js';
import { createLoaders } from './graphql/loaders.js';
import { retryAfterHeader } from './graphql/retry-after.js';
import { buildGraphqlSchema } from './graphql/schema.js';
import { registerResponseHeaders } from './http/response-headers.js';
import { setupRoutes } from './http/setup-routes.js';
import { registerWebApp } from './http/web-app.js';
import { AuthService } from './modules/auth/auth.service.js';
import { reportRoutes } from './modules/report/report.routes.js';
import { uploadRoutes } from './modules/upload/upload.routes.js';

export interface App {
  server: FastifyInstance;
  auth: AuthService;
}

/**
 * Builds the HTTP server: GraphQL at /graphql, /healthz, /setup and /ca.crt, and the built PWA at /
 * (with client routes falling back to index.html). It does not listen; main.ts and the tests do.
 */
export async function buildApp(db: Db, config: AppConfig): Promise<App> {
  const options = { logger: config.logger ? { level: 'info' } : false, bodyLimit: config.bodyLimitBytes, trustProxy: config.trustProxy };
  // With a certificate: HTTP/2, and HTTP/1.1 for older clients and curl. The routes use only what
  // both kinds of request share, so one instance type serves both.
  const server = (
    config.tls ? Fastify({ ...options, http2: true, https: { allowHTTP1: true, cert: config.tls.cert, key: config.tls.key } }) : Fastify(options)
  ) as unknown as FastifyInstance;
  await registerResponseHeaders(server, { production: config.production });
  const schema = await buildGraphqlSchema();
  const auth = new AuthService(config.secret, config.tokenTtlSeconds);
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !config.production,
    // No "Did you mean …" field suggestions in production: they would reveal the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: createFormatError(config.production, server.log),
    validationRules: [depthLimit(config.maxDepth)],
    // Cache hints are not used (responses are per user): without this plugin Apollo would still
    // run a hook on every field.
    plugins: [fastifyApolloDrainPlugin(server), complexityLimit(schema, config.maxComplexity), retryAfterHeader(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  await server.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request): Promise<Context> => {
      const em = db.em.fork();
      let viewer = null;
      let authError: Error | null = null;
      try {
        viewer = await auth.authenticate(em, request.headers.authorization);
      } catch (error) {
        authError = error as Error;
      }
      return { em, viewer, authError, loaders: createLoaders(em), auth, address: request.ip };
    },
  });

  server.get('/healthz', async () => {
    await db.em.fork().getConnection().execute('select 1');
    return { status: 'ok', database: db.dialect };
  });

  await server.register(uploadRoutes, { db, auth, config });
  await server.register(reportRoutes, { db, auth, uploadsDir: config.uploadsDir });

  await server.register(setupRoutes, {
    caCertPem: config.caCertPem,
    httpsUrl: (request) => (request.protocol === 'https' ? `https://${request.host}/` : null),
  });
  await registerWebApp(server, config.pwaDir);

  return { server, auth };
}

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppConfig } from './config.js';
import type { Db } from './db.js';
import { compiledQueries } from './graphql/compiled-queries.js';
import { complexityLimit } from './graphql/complexity.js';
import type { Context } from './graphql/context.js';
import { depthLimit } from './graphql/depth-limit.js';
import { checkDocument } from './graphql/document-limits.js';
import { createFormatError } from './graphql/format-error.js';
import { createLoaders } from './graphql/loaders.js';
import { retryAfterHeader } from './graphql/retry-after.js';
import { buildGraphqlSchema } from './graphql/schema.js';
import { executionTimeLimit } from './graphql/time-limit.js';
import { registerResponseHeaders } from './http/response-headers.js';
import { setupRoutes } from './http/setup-routes.js';
import { registerWebApp } from './http/web-app.js';
import { AuthService } from './modules/auth/auth.service.js';
import { runStatement } from './modules/common/sql.js';
import { reportRoutes } from './modules/report/report.routes.js';
import { uploadRoutes } from './modules/upload/upload.routes.js';

/** The query text of a GraphQL request (POST body or GET parameter), or null when there is none. */
function graphqlSource(request: FastifyRequest): string | null {
  const from = request.method === 'GET' ? request.query : request.body;
  const query = from && typeof from === 'object' ? (from as { query?: unknown }).query : undefined;
  return typeof query === 'string' ? query : null;
}

export interface App {
  server: FastifyInstance;
  auth: AuthService;
}

/**
 * Builds the HTTP server: GraphQL at /graphql, /healthz, /setup and /ca.crt, and the built PWA at /
 * (with client routes falling back to index.html). It does not listen; main.ts and the tests do.
 */
export async function buildApp(db: Db, config: AppConfig): Promise<App> {
  const options = {
    logger: config.logger ? { level: 'info' } : false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A client has requestTimeoutMs to send a whole request (a body trickled a byte a second is
    // cut), and an idle connection is closed after a minute; Node checks both every second.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: 60_000,
    keepAliveTimeout: 10_000,
    http: { connectionsCheckingInterval: 1_000, headersTimeout: Math.min(config.requestTimeoutMs, 30_000) },
  };
  // With a certificate: HTTP/2, and HTTP/1.1 for older clients and curl. The routes use only what
  // both kinds of request share, so one instance type serves both.
  const server = (config.tls
    ? Fastify({ ...options, http2: true, https: { allowHTTP1: true, cert: config.tls.cert, key: config.tls.key } })
    : Fastify(options)) as unknown as FastifyInstance;
  await registerResponseHeaders(server, { production: config.production });
  const schema = await buildGraphqlSchema();
  const auth = new AuthService(config.secret, config.tokenTtlSeconds);
  const limitsOf = (viewer: Context['viewer']) => (viewer ? config.graphqlLimits.signedIn : config.graphqlLimits.anonymous);
  const apollo = new ApolloServer<Context>({
    // Our schema, with queries compiled once per document (see compiled-queries.ts).
    gateway: compiledQueries(schema),
    introspection: !config.production,
    // No "Did you mean …" field suggestions in production: they would reveal the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: createFormatError(config.production, server.log),
    // The HTTP endpoint checks the document's size and shape before parsing ends (documentLimitsOf
    // in the context below); this rule covers operations that come in another way.
    validationRules: [depthLimit(config.graphqlLimits.signedIn.maxDepth)],
    // A persisted query would skip the document limits of the request that names it by hash.
    persistedQueries: false,
    // Compact JSON: Apollo's default indents every answer, which costs a dashboard page as much as
    // executing it and makes it a third larger.
    stringifyResult: (result) => JSON.stringify(result),
    // Cache hints are not used (responses are per user): without this plugin Apollo would still
    // run a hook on every field.
    plugins: [
      fastifyApolloDrainPlugin(server),
      complexityLimit<Context>(schema, (context) => limitsOf(context.viewer).maxComplexity),
      executionTimeLimit<Context>(config.maxExecutionMs),
      retryAfterHeader(),
      ApolloServerPluginCacheControlDisabled(),
    ],
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
      // Before Apollo parses and validates: validation is quadratic in the fields of a selection.
      // Thrown from here, a GraphQLError is the answer as it is (code, HTTP 400).
      const source = graphqlSource(request);
      const refusal = source === null ? null : checkDocument(source, limitsOf(viewer));
      if (refusal) throw refusal;
      return { em, viewer, authError, loaders: createLoaders(em), auth, address: request.ip, secret: config.secret, log: request.log };
    },
  });

  server.get('/healthz', async () => {
    await runStatement(db.em.fork(), 'select 1');
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

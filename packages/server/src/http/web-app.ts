import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names the files under assets/ by their content hash: a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, registerSW.js, workbox-*.js, the manifest, icons) is revalidated on every load. */
const REVALIDATE = 'no-cache';

/**
 * The built PWA at `/`: files compressed at build time (`.br`, `.gz` beside each file) sent as the
 * browser accepts them, hashed assets cached for a year, and client routes (`/projects/…`) answered
 * with index.html — except a public survey link (`/s/<token>`), answered with survey.html, the
 * survey's own small page (packages/pwa/README.md "Two pages"). API-like and file-like paths that
 * match nothing get a JSON 404.
 */
export async function registerWebApp(server: FastifyInstance, pwaDir: string | null): Promise<void> {
  if (!pwaDir || !existsSync(join(pwaDir, 'index.html'))) return;
  const assets = join(pwaDir, 'assets') + sep;
  // A build from before the survey had its own page: the app answers its links, as it did then.
  const surveyPage = existsSync(join(pwaDir, 'survey.html')) ? 'survey.html' : 'index.html';
  await server.register(fastifyStatic, {
    root: pwaDir,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });
  server.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (request.method === 'GET' && !/^\/(graphql|healthz|uploads|downloads|imports)\b/.test(path) && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html').sendFile(/^\/s\/[^/]+\/?$/.test(path) ? surveyPage : 'index.html');
    }
    return reply.code(404).send({ error: '未找到', path });
  });
}

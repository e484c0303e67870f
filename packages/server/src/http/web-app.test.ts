import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../test/api.js';

/** A built PWA as `vite build` leaves it: hashed assets with their .br/.gz copies, and the unhashed service-worker files. */
const MAIN_JS = `export const app = ${JSON.stringify('绩效'.repeat(2000))};\n`;
const INDEX_HTML =
  '<!doctype html><html lang="zh-CN"><head><script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script></head><body><div id="app"></div></body></html>';
const SURVEY_HTML =
  '<!doctype html><html lang="zh-CN"><head><script type="module" crossorigin src="/assets/survey-Ef56Gh78.js"></script></head><body><div id="app"></div></body></html>';

function writePwa(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'survey.html'), SURVEY_HTML);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), MAIN_JS);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(MAIN_JS));
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(MAIN_JS));
  for (const name of ['sw.js', 'registerSW.js', 'workbox-2fbc6a65.js']) writeFileSync(join(dir, name), '// service worker\n');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"short_name":"绩效"}');
}

describe('the web app as served', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pwa-'));
  let api: TestApi;
  const get = (url: string, headers: Record<string, string> = {}) => api.app.server.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    writePwa(dir);
    api = await openTestApi('sqlite', { pwaDir: dir });
  });
  afterAll(async () => {
    await api.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the main JS as brotli or gzip from the build, cached for a year as immutable', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(MAIN_JS);
    expect(br.rawPayload.length).toBeLessThan(MAIN_JS.length / 10);

    const gzip = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(MAIN_JS);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(MAIN_JS);
  });

  it('answers HEAD (curl --compressed -I) with the same encoding and cache headers and no body', async () => {
    const head = await api.app.server.inject({ method: 'HEAD', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'deflate, gzip, br, zstd' } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(head.rawPayload.length).toBe(0);
  });

  it('revalidates index.html, client routes, the service worker and the manifest on every load', async () => {
    // Also a public survey link as WeChat opens it: its cache must not pin an old app.
    for (const url of [
      '/',
      '/index.html',
      '/projects/3/inspections/new',
      '/s/Ab12Cd34Ef',
      '/sw.js',
      '/registerSW.js',
      '/workbox-2fbc6a65.js',
      '/manifest.webmanifest',
    ]) {
      const response = await get(url, { 'accept-encoding': 'br' });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    const route = await get('/projects/3');
    expect(route.headers['content-type']).toMatch(/^text\/html/);
    expect(route.body).toBe(INDEX_HTML);
    // A public survey link is the survey's own small page, not the app.
    const survey = await get('/s/Ab12Cd34Ef');
    expect(survey.headers['content-type']).toMatch(/^text\/html/);
    expect(survey.body).toBe(SURVEY_HTML);
    expect((await get('/s/Ab12Cd34Ef/')).body).toBe(SURVEY_HTML);
    expect((await get('/s')).body).toBe(INDEX_HTML);
    // A missing asset is a 404, never the app (which would be cached as JavaScript).
    const missing = await get('/assets/index-gone.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
  });

  it('sends security headers that fit the app, and no HSTS over plain http', async () => {
    const response = await get('/');
    const csp = String(response.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'worker-src': "'self'",
      'manifest-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['cross-origin-opener-policy']).toBeUndefined();
    // The API gets them too.
    expect((await get('/healthz')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('compresses GraphQL answers on the fly', async () => {
    const response = await api.app.server.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br' },
      payload: JSON.stringify({ query: '{ __schema { types { name description } } }' }),
    });
    expect(response.headers['content-encoding']).toBe('br');
    const body = JSON.parse(brotliDecompressSync(response.rawPayload).toString());
    expect(body.data.__schema.types.length).toBeGreaterThan(20);
  });

  it('keeps /setup and /ca.crt out of the client-route fallback', async () => {
    const setup = await get('/setup');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).not.toBe(INDEX_HTML);
    expect(setup.body).toContain('在手机上安装证书');
    // No CA configured: nothing to download, and the page says so.
    expect(setup.body).toContain('本服务没有配置自建 CA 证书');
    expect(setup.body).not.toContain('href="/ca.crt"');
    expect(setup.body).toContain('本服务目前没有 https 地址');
    expect(setup.body).not.toMatch(/<script|https?:\/\/(?!\S*docs)/);
    const ca = await get('/ca.crt');
    expect(ca.statusCode).toBe(404);
    expect(ca.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('behind a reverse proxy', () => {
  it('sends HSTS for X-Forwarded-Proto: https only with --trust-proxy', async () => {
    for (const trustProxy of [false, true]) {
      const api = await openTestApi('sqlite', { trustProxy });
      try {
        const response = await api.app.server.inject({
          method: 'GET',
          url: '/healthz',
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
        });
        expect(response.headers['strict-transport-security'], `trustProxy ${trustProxy}`).toBe(trustProxy ? 'max-age=15552000' : undefined);
        const setup = await api.app.server.inject({
          method: 'GET',
          url: '/setup',
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'jixiao.example.cn', host: 'jixiao.example.cn' },
        });
        if (trustProxy) expect(setup.body).toContain('<a href="https://jixiao.example.cn/">');
        else expect(setup.body).toContain('本服务目前没有 https 地址');
      } finally {
        await api.db.close();
      }
    }
  });
});

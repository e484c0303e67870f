// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

/** The app shell a phone downloads before the first screen: at most 170 KB of gzipped JS. */
const BUDGET_BYTES = 170 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'jixiao-pwa-build-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the built app shell', () => {
  it('stays within 170 KB of gzipped JavaScript, with ECharts and the pages loaded lazily', async () => {
    await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(/<script type="module"[^>]* src="([^"]+\.js)"/g),
      ...html.matchAll(/<link rel="modulepreload"[^>]* href="([^"]+\.js)"/g),
    ].map((match) => match[1]);
    expect(initial.length).toBeGreaterThan(0);
    const sources = initial.map((path) => readFileSync(join(outDir, path)));
    const gzipped = sources.reduce((sum, source) => sum + gzipSync(source).length, 0);
    console.log(`initial JS: ${initial.join(', ')} — ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    for (const source of sources) expect(source.toString()).not.toMatch(/echarts|ECharts/);
    // The service worker precaches the shell for offline use.
    expect(readFileSync(join(outDir, 'sw.js'), 'utf8')).toMatch(/precache/i);
    expect(JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8'))).toMatchObject({ short_name: '绩效', lang: 'zh-CN', display: 'standalone' });
  }, 120_000);
});

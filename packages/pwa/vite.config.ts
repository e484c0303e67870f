import { fileURLToPath } from 'node:url';
import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import type { RuntimeCaching } from 'workbox-build';
import { graphqlDocuments } from './build/graphql-documents.ts';
import { precacheSplit } from './build/precache-split.ts';
import { precompress } from './build/precompress.ts';
import { preloadApp } from './build/preload-app.ts';
import { surveyEntry } from './build/survey-entry.ts';
import { vantIconFontWithoutCdn } from './build/vant-icon-font.ts';

/**
 * Screens only managers open (online, at a desk): not precached for everybody, fetched and kept by
 * the service worker when first opened. ECharts comes with the dashboard's.
 */
const MANAGER_PAGES = ['ManagePage', 'SitesPage', 'ImportPage', 'DashboardPage'];
/** Filled by precacheSplit when the bundle is generated, read when sw.js is written. */
const managerOnly = new Set<string>();

/**
 * A public survey answer that finds no network waits here and is sent when the phone is online
 * again, even with the page closed (Background Sync; src/offline/survey-background-sync.ts). In
 * both workers, under one queue name: whichever worker the phone has sends it.
 */
const surveyAnswerQueue: RuntimeCaching = {
  urlPattern: ({ url }) => url.pathname === '/graphql' && url.searchParams.get('op') === 'SubmitSurveyResponse',
  method: 'POST',
  handler: 'NetworkOnly',
  options: { backgroundSync: { name: 'survey-responses', options: { maxRetentionTime: 7 * 24 * 60 } } },
};

const resolve = {
  // Read @jixiao/domain from source: one build step less, and tree-shaking sees through it.
  conditions: ['source'],
};
const define = {
  // vue-i18n: Composition API only; drops the legacy API from the initial bundle.
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
};
/** What both pages (the app and the survey link) are built with; the app's build alone writes src/components.d.ts (all components). */
const pagePlugins = (writeTypes = true) => [
  vantIconFontWithoutCdn(),
  graphqlDocuments(),
  vue(),
  // Only the Vant components a page uses are bundled, with their CSS, in that page's chunk.
  Components({ resolvers: [VantResolver()], dts: writeTypes ? 'src/components.d.ts' : false }),
];

export default defineConfig({
  plugins: [
    ...pagePlugins(),
    precacheSplit(MANAGER_PAGES, managerOnly),
    preloadApp(),
    // survey.html and survey-sw.js, built on their own before sw.js is written (build/survey-entry.ts).
    surveyEntry({
      config: () => ({
        plugins: pagePlugins(false),
        // The survey's texts need only `t` with placeholders: src/survey/i18n-lite.ts instead of vue-i18n's compiler and runtime.
        resolve: { ...resolve, alias: [{ find: /^vue-i18n$/, replacement: fileURLToPath(new URL('src/survey/i18n-lite.ts', import.meta.url)) }] },
        define,
      }),
      runtimeCaching: [surveyAnswerQueue],
    }),
    VitePWA({
      // A new version waits for the user's "刷新" (src/composables/useAppUpdate.ts): an open form
      // is never reloaded from under a field worker.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.png', 'icons/apple-touch-icon.png', 'icons/icon.svg'],
      manifest: {
        name: '绩效 · 预算项目绩效管理',
        short_name: '绩效',
        description: '维修验收、设备验收、满意度调查与绩效自评',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f7f8fa',
        theme_color: '#1677ff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell and every screen a field worker opens, so that they open with no network,
        // and the survey link (survey.html). Manager-only screens and ECharts are left out
        // (build/precache-split.ts) and kept by the 'assets' route below once opened.
        globPatterns: ['**/*.{js,css,html,png,svg,woff2,woff,ttf}'],
        globIgnores: ['survey-sw.js'],
        manifestTransforms: [async (entries) => ({ manifest: entries.filter((entry) => !managerOnly.has(entry.url)), warnings: [] })],
        navigateFallback: '/index.html',
        // The API, photos and downloads always go to the server; /s/<token> is survey.html (below).
        navigateFallbackDenylist: [/^\/graphql/, /^\/uploads\//, /^\/healthz/, /^\/downloads\//, /^\/imports\//, /^\/setup$/, /^\/ca\.crt$/, /^\/s\//],
        cleanupOutdatedCaches: true,
        // The first worker takes over the page that installed it, without a reload: offline from the
        // first minute. Later versions still wait for 刷新 (registerType 'prompt', no skipWaiting).
        clientsClaim: true,
        runtimeCaching: [
          surveyAnswerQueue,
          {
            // A public survey link on a phone with the app: survey.html from the precache, as the server would answer.
            urlPattern: ({ request, url }) => request.mode === 'navigate' && url.pathname.startsWith('/s/'),
            handler: async ({ request }) => (await caches.match('/survey.html', { ignoreSearch: true })) ?? fetch(request),
          },
          {
            // Manager-only screens and ECharts, once opened: hashed names, so a kept copy never goes stale.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'assets', expiration: { maxEntries: 100, purgeOnQuotaError: true } },
          },
        ],
      },
    }),
    // Brotli and gzip copies of the built files (both pages'), which the server sends as they are.
    precompress(),
  ],
  resolve,
  define,
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vue',
              test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(@vue|vue|vue-router|pinia)[\\/]|src[\\/]startup[\\/]vue\.ts/,
              priority: 3,
            },
            { name: 'dexie', test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?dexie[\\/]|src[\\/]startup[\\/]dexie\.ts/, priority: 2 },
            {
              name: 'i18n',
              test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(@intlify[\\/][^\\/]+|vue-i18n)[\\/]|src[\\/]startup[\\/]i18n\.ts/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // vitest's 5 s default is too tight for component tests on a 2-core CI machine under load.
    testTimeout: 30_000,
    // jsdom's Blob cannot be hashed or stored in fake-indexeddb; the setup swaps in Node's.
    setupFiles: ['src/offline/test-setup.ts'],
    // Vant's ES modules import their CSS; Node cannot load .css, Vite can.
    server: { deps: { inline: ['vant'] } },
  },
});

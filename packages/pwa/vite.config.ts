import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { precompress } from './build/precompress.ts';
import { vantIconFontWithoutCdn } from './build/vant-icon-font.ts';

export default defineConfig({
  plugins: [
    vantIconFontWithoutCdn(),
    vue(),
    // Only the Vant components a page uses are bundled, with their CSS, in that page's chunk.
    Components({ resolvers: [VantResolver()], dts: 'src/components.d.ts' }),
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
        // The whole app shell, every page chunk included, so that any screen opens with no network.
        globPatterns: ['**/*.{js,css,html,png,svg,woff2,woff,ttf}'],
        navigateFallback: '/index.html',
        // The API, photos and downloads always go to the server.
        navigateFallbackDenylist: [/^\/graphql/, /^\/uploads\//, /^\/healthz/, /^\/downloads\//, /^\/imports\//, /^\/setup$/, /^\/ca\.crt$/],
        cleanupOutdatedCaches: true,
        // The first worker takes over the page that installed it, without a reload: offline from the
        // first minute. Later versions still wait for 刷新 (registerType 'prompt', no skipWaiting).
        clientsClaim: true,
        runtimeCaching: [
          {
            // A public survey answer that finds no network waits here and is sent when the phone is
            // online again, even with the page closed (Background Sync; src/offline/survey-background-sync.ts).
            urlPattern: ({ url }) => url.pathname === '/graphql' && url.searchParams.get('op') === 'SubmitSurveyResponse',
            method: 'POST',
            handler: 'NetworkOnly',
            options: { backgroundSync: { name: 'survey-responses', options: { maxRetentionTime: 7 * 24 * 60 } } },
          },
        ],
      },
    }),
    // Brotli and gzip copies of the built files, which the server sends as they are.
    precompress(),
  ],
  resolve: {
    // Read @jixiao/domain from source: one build step less, and tree-shaking sees through it.
    conditions: ['source'],
  },
  define: {
    // vue-i18n: Composition API only; drops the legacy API from the initial bundle.
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
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

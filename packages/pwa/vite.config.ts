import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    vue(),
    // Only the Vant components a page uses are bundled, with their CSS, in that page's chunk.
    Components({ resolvers: [VantResolver()], dts: 'src/components.d.ts' }),
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
    // jsdom's Blob cannot be hashed or stored in fake-indexeddb; the setup swaps in Node's.
    setupFiles: ['src/offline/test-setup.ts'],
    // Vant's ES modules import their CSS; Node cannot load .css, Vite can.
    server: { deps: { inline: ['vant'] } },
  },
});

import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { showToast } from 'vant';
import 'vant/es/toast/style';
import App from './App.vue';
import { createGraphqlClient } from './graphql/client';
import { createSyncApi } from './graphql/sync-api';
import { createAppI18n, savedLocale } from './i18n';
import { getJixiaoDb } from './offline/db';
import { newClientId } from './offline/ids';
import { createAppRouter } from './router';
import { installServices, type AppServices } from './stores/services';
import { useSessionStore } from './stores/session';
import './styles/main.css';
import { offerUpdate } from './composables/useAppUpdate';

const pinia = createPinia();
const getToken = () => useSessionStore(pinia).token;

const services: AppServices = {
  db: getJixiaoDb(),
  api: createGraphqlClient({ getToken }),
  publicApi: createGraphqlClient(),
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  // Ids work over plain http too (offline/ids.ts); geolocation does not, so it is left out there.
  newClientId: () => newClientId(),
  geolocation: window.isSecureContext && 'geolocation' in navigator ? navigator.geolocation : null,
  syncApi: createSyncApi({ getToken }),
};

const app = createApp(App);
app.use(pinia);
installServices(pinia, services, app);
const i18n = createAppI18n(savedLocale(globalThis.localStorage ?? null));
app.use(i18n);
const router = createAppRouter(pinia);
app.use(router);

// A page chunk not downloaded yet while offline: say so instead of a blank screen.
router.onError((error) => {
  if (/dynamically imported module|Importing a module script failed/i.test(String(error))) {
    showToast({ message: i18n.global.t('app.pageUnavailable'), duration: 4000 });
  }
});

// Offline: the service worker precaches the app shell (vite-plugin-pwa). Production builds only.
// Browsers offer no service worker over plain http (InsecureOriginBanner says so).
if (import.meta.env.PROD && window.isSecureContext && 'serviceWorker' in navigator) {
  void import('virtual:pwa-register').then(({ registerSW }) => {
    const updateSW = registerSW({ onNeedRefresh: () => offerUpdate(() => updateSW(true)) });
  });
}

void useSessionStore(pinia)
  .restore()
  .finally(() => {
    void router.isReady().then(() => app.mount('#app'));
  });

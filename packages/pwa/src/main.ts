import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import { showToast } from 'vant';
import 'vant/es/toast/style';
import App from './App.vue';
import { createGraphqlClient } from './graphql/client';
import { createSyncApi } from './graphql/sync-api';
import { createAppI18n, savedLocale } from './i18n';
import { getJixiaoDb } from './offline/db';
import { newClientId } from './offline/ids';
import { withOperationName } from './offline/survey-background-sync';
import { createAppRouter } from './router';
import { installServices, type AppServices } from './stores/services';
import { useSessionStore } from './stores/session';
import { useSyncStore } from './stores/sync';
import './styles/main.css';
import { offerUpdate, offlineState, offlineUnavailable, trackOffline } from './composables/useAppUpdate';
import { isMissingChunk } from './router/missing-chunk';
import { SURVEY_WORKER } from './survey/survey-worker';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * Starts the app in steps, each in a task of its own so that no one task does it all (src/boot.ts
 * calls it once this module's and its libraries' code has run): the services, with the saved
 * session being read meanwhile; the texts; the router and the service worker; the first screen;
 * then the first sync.
 */
export async function startApp(): Promise<void> {
  const pinia = createPinia();
  const getToken = () => useSessionStore(pinia).token;

  const services: AppServices = {
    db: getJixiaoDb(),
    api: createGraphqlClient({ getToken }),
    // Each operation's name in the URL (/graphql?op=SubmitSurveyResponse): the service worker keeps
    // an unsent survey answer for Background Sync by that name (vite.config.ts).
    publicApi: createGraphqlClient({ fetch: (input, init) => fetch(typeof input === 'string' ? withOperationName(input, init?.body) : input, init) }),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    // Ids work over plain http too (offline/ids.ts); geolocation does not, so it is left out there.
    newClientId: () => newClientId(),
    geolocation: window.isSecureContext && 'geolocation' in navigator ? navigator.geolocation : null,
    syncApi: createSyncApi({ getToken }),
    // The first run starts once the first screen is up (below), not while it is being drawn.
    env: { syncOnStart: false },
  };

  const app = createApp(App);
  app.use(pinia);
  installServices(pinia, services, app);
  // The database opens and the saved session is read while the next steps run.
  const session = useSessionStore(pinia);
  const restored = session.restore();
  await nextTask();

  const i18n = createAppI18n(savedLocale(globalThis.localStorage ?? null));
  app.use(i18n);
  await nextTask();

  const router = createAppRouter(pinia);
  app.use(router);

  // A page chunk (or its CSS) not downloaded yet while offline: say so instead of doing nothing.
  // Vite reports a failed CSS or JS preload as 'vite:preloadError' before the import rejects; the
  // import itself then fails the navigation (router.onError). One toast for both.
  let toastShownAt = -Infinity;
  function pageUnavailable(): void {
    if (Date.now() - toastShownAt < 1000) return;
    toastShownAt = Date.now();
    showToast({ message: i18n.global.t('app.pageUnavailable'), duration: 4000 });
  }
  window.addEventListener('vite:preloadError', pageUnavailable);
  router.onError((error) => {
    if (isMissingChunk(error)) pageUnavailable();
  });

  // Offline: the service worker precaches the app shell (vite-plugin-pwa). Production builds only.
  // Browsers offer no service worker over plain http (InsecureOriginBanner says so), nor in iOS's
  // in-app browsers (InAppBrowserBanner says so).
  if (import.meta.env.PROD && window.isSecureContext && 'serviceWorker' in navigator) {
    const container = navigator.serviceWorker;
    // A phone that opened a public survey link before the app has the survey's small worker
    // (survey-sw.js, none of the app's files) in control: the app's worker replaces it at once, and
    // until then the app is not offline-ready.
    const surveyWorkerInControl = () => container.controller?.scriptURL.endsWith(SURVEY_WORKER) === true;
    const appController = () => (surveyWorkerInControl() ? null : container.controller);
    // The first install on this phone: say once, wherever the user is, that it may now go offline.
    if (!appController()) {
      const stop = watch(offlineState, (state) => {
        if (state !== 'ready') return;
        stop();
        showToast({ message: i18n.global.t('offline.readyToast'), duration: 3000 });
      });
    }
    trackOffline({
      get controller() {
        return appController();
      },
      ready: container.ready,
      addEventListener: (type, listener) => container.addEventListener(type, listener),
    });
    void import('virtual:pwa-register')
      .then(({ registerSW }) => {
        const updateSW = registerSW({
          onNeedRefresh: () => (surveyWorkerInControl() ? void updateSW(true) : offerUpdate(() => updateSW(true))),
          // No registration at all: a policy (or a test's browser) that blocks service workers.
          onRegisteredSW: (_url, registration) => {
            if (!registration) offlineUnavailable();
          },
          onRegisterError: () => offlineUnavailable(),
        });
      })
      .catch(() => offlineUnavailable());
  } else if (import.meta.env.PROD) {
    offlineState.value = window.isSecureContext ? 'unsupported' : 'insecure';
  }

  // The saved session and the first route, then the first screen, then the first sync.
  await restored;
  await router.isReady();
  await nextTask();
  app.mount('#app');
  await nextTask();
  // Without a login there is nothing to send (the server would refuse it): the login sends the queue.
  if (session.loggedIn) void useSyncStore(pinia).syncNow();
}

/**
 * The public survey link (/s/<token>, survey.html): respondents on their own phones. Its own entry,
 * so that a respondent downloads the survey screen, its outbox and its texts — not the app. The
 * server answers every /s/<token> with survey.html (packages/server/src/http/web-app.ts).
 */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { createGraphqlClient } from '../graphql/client';
import { createSyncApi } from '../graphql/sync-api';
import { createSurveyI18n } from '../i18n/survey';
import { getJixiaoDb } from '../offline/db';
import { newClientId } from '../offline/ids';
import { readSession } from '../offline/local-data';
import { withOperationName } from '../offline/survey-background-sync';
import { savedLocale } from '../i18n/locale';
import { installServices, type AppServices } from '../stores/services';
import '../styles/main.css';
import SurveyApp from './SurveyApp.vue';
import { registerSurveyWorker } from './survey-worker';

const db = getJixiaoDb();
/** A field worker's phone keeps a login: the sync then sends their queued records too, as the app would. */
let sessionToken: string | null = null;
const sessionRead = readSession(db)
  .then((session) => {
    sessionToken = session?.token ?? null;
  })
  .catch(() => undefined);
const syncApi = createSyncApi({ getToken: () => sessionToken });

const publicApi = createGraphqlClient({
  // Each operation's name in the URL (/graphql?op=SubmitSurveyResponse): the service worker keeps
  // an unsent answer for Background Sync by that name (vite.config.ts).
  fetch: (input, init) => fetch(typeof input === 'string' ? withOperationName(input, init?.body) : input, init),
});
const services: AppServices = {
  db,
  api: publicApi,
  publicApi,
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  newClientId: () => newClientId(),
  geolocation: null,
  // No record leaves before the saved login (if any) was read: a field worker's records go with it.
  syncApi: { ...syncApi, submit: (record) => sessionRead.then(() => syncApi.submit(record)) },
};

const surveyToken = decodeURIComponent(/^\/s\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? '');
const pinia = createPinia();
const app = createApp(SurveyApp, { token: surveyToken });
app.use(pinia);
installServices(pinia, services, app);
app.use(createSurveyI18n(savedLocale(globalThis.localStorage ?? null)));
app.mount('#app');

// Production builds only; browsers give no service worker over plain http (the banner says so).
if (import.meta.env.PROD && window.isSecureContext && 'serviceWorker' in navigator) void registerSurveyWorker(navigator.serviceWorker).catch(() => undefined);

/**
 * The public survey link (/s/<token>, survey.html): respondents on their own phones. Its own page
 * and build (build/survey-entry.ts), so that a respondent downloads the survey screen, its queue of
 * unsent answers and its texts — not the app: no router, no Pinia, no Dexie, no vue-i18n (the
 * survey build reads it as src/survey/i18n-lite.ts). The server answers every /s/<token> with
 * survey.html (packages/server/src/http/web-app.ts).
 */
import { createApp } from 'vue';
import { createGraphqlClient } from '../graphql/client';
import { createSyncApi } from '../graphql/sync-api';
import { savedLocale } from '../i18n/locale';
import { createSurveyI18n } from '../i18n/survey';
import { newClientId } from '../offline/ids';
import { withOperationName } from '../offline/survey-background-sync';
import '../styles/main.css';
import { openAnswerStore } from './answer-store';
import SurveyApp from './SurveyApp.vue';
import { provideSurveyServices } from './survey-services';
import { registerSurveyWorker } from './survey-worker';

const answers = openAnswerStore();
// Each operation's name in the URL (/graphql?op=SubmitSurveyResponse): the service worker keeps an
// unsent answer for Background Sync by that name (vite.config.ts).
const withName: typeof fetch = (input, init) => fetch(typeof input === 'string' ? withOperationName(input, init?.body) : input, init);

function surveyToken(path: string): string {
  const raw = /^\/s\/([^/?#]+)/.exec(path)?.[1] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const app = createApp(SurveyApp, { token: surveyToken(window.location.pathname) });
provideSurveyServices(app, {
  publicApi: createGraphqlClient({ fetch: withName }),
  // Queued answers go without a login, as the page sends them.
  syncApi: createSyncApi({ getToken: () => null, fetch: withName }),
  answers,
  now: () => Date.now(),
  // Ids work over plain http too (offline/ids.ts).
  newClientId: () => newClientId(),
});
app.use(createSurveyI18n(savedLocale(globalThis.localStorage ?? null)));
app.mount('#app');

// Production builds only; browsers give no service worker over plain http (the banner says so).
if (import.meta.env.PROD && window.isSecureContext && 'serviceWorker' in navigator) void registerSurveyWorker(navigator.serviceWorker).catch(() => undefined);

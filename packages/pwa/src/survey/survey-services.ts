import { inject, type App, type InjectionKey } from 'vue';
import type { GraphqlClient } from '../graphql/client';
import type { SyncApi } from '../offline/types';
import { SERVICES, type AppServices } from '../stores/services';
import { openAnswerStore, type AnswerStore } from './answer-store';

/**
 * What the public survey page needs from the outside world: made once in src/survey/main.ts, or —
 * in component tests, through the harness — taken from the app's services, with the answer store
 * over the same database.
 */
export interface SurveyServices {
  /** Sends no token. */
  publicApi: GraphqlClient;
  /** The server as queued answers are sent to it (probe and submit). */
  syncApi: Pick<SyncApi, 'probe' | 'submit'>;
  answers: AnswerStore;
  now: () => number;
  newClientId: () => string;
  env?: Pick<NonNullable<AppServices['env']>, 'window' | 'document' | 'syncIntervalMs' | 'syncOnStart' | 'secureContext'>;
}

export const SURVEY_SERVICES: InjectionKey<SurveyServices> = Symbol('survey-services');

export function provideSurveyServices(app: App, services: SurveyServices): void {
  app.provide(SURVEY_SERVICES, services);
}

const fromApp = new WeakMap<AppServices, SurveyServices>();

export function useSurveyServices(): SurveyServices {
  const provided = inject(SURVEY_SERVICES, null);
  if (provided) return provided;
  const app = inject(SERVICES, null);
  if (!app) throw new Error('SurveyServices not provided (src/survey/main.ts, or the test harness)');
  let services = fromApp.get(app);
  if (!services) {
    services = { ...app, answers: openAnswerStore(app.db.name) };
    fromApp.set(app, services);
  }
  return services;
}

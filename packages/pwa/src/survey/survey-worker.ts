/**
 * The survey link's service worker (survey-sw.js, written by build/survey-worker.ts): it keeps
 * survey.html and the survey's own files for a reload without signal, and an answer that found no
 * network for Background Sync — and nothing of the app. On a phone where the app's worker (sw.js)
 * is already installed, that one serves the survey link too (it precaches survey.html) and is kept:
 * registering ours in its place would drop the field worker's offline app.
 */
export const SURVEY_WORKER = '/survey-sw.js';
export const APP_WORKER = '/sw.js';

/** The part of navigator.serviceWorker used here. */
export interface WorkerContainerLike {
  getRegistration(): Promise<
    { active?: { scriptURL: string } | null; waiting?: { scriptURL: string } | null; installing?: { scriptURL: string } | null } | undefined
  >;
  register(url: string, options: { scope: string }): Promise<unknown>;
}

/**
 * Registers the survey worker unless the app's own worker is there.
 *
 * @example await registerSurveyWorker(navigator.serviceWorker)
 */
export async function registerSurveyWorker(container: WorkerContainerLike): Promise<'app' | 'survey'> {
  const existing = await container.getRegistration();
  const scripts = [existing?.active, existing?.waiting, existing?.installing].map((worker) => (worker ? new URL(worker.scriptURL).pathname : null));
  if (scripts.includes(APP_WORKER)) return 'app';
  await container.register(SURVEY_WORKER, { scope: '/' });
  return 'survey';
}

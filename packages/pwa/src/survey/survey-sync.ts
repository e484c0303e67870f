import { getCurrentScope, onScopeDispose, ref } from 'vue';
import { sendAnswers } from './send-answers';
import type { SurveyServices } from './survey-services';

export interface SurveySync {
  /** Starts a run, or follows the one in progress with another; never throws. */
  syncNow(): Promise<void>;
  /** Whether the server confirmed this answer during this visit. */
  wasSent(clientId: string): boolean;
}

const syncOf = new WeakMap<SurveyServices, SurveySync>();

/**
 * The survey link's sender of queued answers (send-answers.ts), one per page: runs at start, when
 * the browser is back online, when the page comes back to the foreground, every minute, and when
 * asked; two runs never overlap.
 */
export function useSurveySync(services: SurveyServices): SurveySync {
  const existing = syncOf.get(services);
  if (existing) return existing;
  const env = services.env ?? {};
  const win = env.window === undefined ? window : env.window;
  const doc = env.document === undefined ? document : env.document;
  const sent = ref<string[]>([]);
  let current: Promise<void> | null = null;
  let again = false;

  async function run(): Promise<void> {
    do {
      again = false;
      await sendAnswers(services.answers, services.syncApi, {
        now: services.now,
        skipBackOff: true,
        onSent: (record) => {
          sent.value = [record.clientId, ...sent.value].slice(0, 50);
        },
      }).catch(() => undefined);
    } while (again);
  }

  function syncNow(): Promise<void> {
    if (current) {
      again = true;
      return current;
    }
    current = run().finally(() => {
      current = null;
    });
    return current;
  }

  const trigger = () => void syncNow();
  const onVisible = () => {
    if (doc?.visibilityState === 'visible') trigger();
  };
  win?.addEventListener('online', trigger);
  doc?.addEventListener('visibilitychange', onVisible);
  const intervalMs = env.syncIntervalMs ?? 60_000;
  const timer = intervalMs > 0 ? setInterval(trigger, intervalMs) : null;
  if (getCurrentScope())
    onScopeDispose(() => {
      win?.removeEventListener('online', trigger);
      doc?.removeEventListener('visibilitychange', onVisible);
      if (timer !== null) clearInterval(timer);
      syncOf.delete(services);
    });
  if (env.syncOnStart !== false) trigger();

  const sync: SurveySync = { syncNow, wasSent: (clientId) => sent.value.includes(clientId) };
  syncOf.set(services, sync);
  return sync;
}

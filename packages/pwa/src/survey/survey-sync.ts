import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useSync } from '../composables/useSync';
import { useServices } from '../stores/services';

/**
 * The public survey link's outbox sender: the app's sync engine over this phone's outbox, sent
 * without a login unless one is saved here (a field worker's phone), and which of the answers it
 * sent during this visit. The survey entry (survey.html) has no app shell, no reference data and
 * no session screens: this store is all of the sync it needs.
 */
export const useSurveySyncStore = defineStore('surveySync', () => {
  const services = useServices();
  const env = services.env ?? {};
  const sent = ref<string[]>([]);

  const sync = useSync({
    db: services.db,
    api: services.syncApi,
    now: services.now,
    window: env.window,
    document: env.document,
    intervalMs: env.syncIntervalMs,
    immediate: env.syncOnStart,
    onSent: (record) => {
      sent.value = [record.clientId, ...sent.value].slice(0, 50);
    },
  });

  /** Starts a run (or joins the one in progress); never throws. */
  async function syncNow(): Promise<void> {
    await sync.syncNow().catch(() => undefined);
  }

  function wasSent(clientId: string): boolean {
    return sent.value.includes(clientId);
  }

  return { syncNow, wasSent };
});

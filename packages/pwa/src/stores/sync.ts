import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useOutbox } from '../composables/useOutbox';
import { useSync } from '../composables/useSync';
import type { OutboxRecord } from '../offline/types';
import { useReferenceStore } from './reference';
import { useServices } from './services';
import { useSessionStore } from './session';

/** Cached reference data older than this is fetched again after a successful sync run. */
const STALE_AFTER_MS = 10 * 60_000;

/** A record the server confirmed during this visit: it has left the outbox, the list still shows it. */
export interface SentRecord {
  clientId: string;
  kind: OutboxRecord['kind'];
  title: string;
  createdAt: number;
  sentAt: number;
}

/**
 * The one sync engine and outbox view of the app, shared by every screen: the badge, the sync
 * button and progress bar, the outbox page, and "已保存，等待同步" after a form is queued.
 */
export const useSyncStore = defineStore('sync', () => {
  const services = useServices();
  const session = useSessionStore();
  const reference = useReferenceStore();
  const env = services.env ?? {};

  const sent = ref<SentRecord[]>([]);

  const sync = useSync({
    db: services.db,
    api: services.syncApi,
    now: services.now,
    window: env.window,
    document: env.document,
    intervalMs: env.syncIntervalMs,
    immediate: env.syncOnStart,
    onAuthRequired: () => session.markExpired(),
    onSent: (record) => {
      // The sync engine may have given the site the server's id: the picker reads it again.
      if (record.kind === 'site') void reference.reloadSites();
      sent.value = [
        { clientId: record.clientId, kind: record.kind, title: record.title, createdAt: record.createdAt, sentAt: services.now() },
        ...sent.value,
      ].slice(0, 50);
    },
  });

  const outbox = useOutbox({
    db: services.db,
    now: services.now,
    navigator: env.navigator,
    download: env.download,
    afterRetry: () => syncNow(),
  });

  /** Starts a run (or joins the one in progress); never throws. */
  async function syncNow(): Promise<void> {
    await sync.syncNow().catch(() => undefined);
  }

  // Evidence changes actuals and scores on the server: fetch them again after records went out,
  // and whenever the server is back and the cached data is getting old.
  watch(sync.lastResult, (result) => {
    if (!result || !result.completed) return;
    const stale = reference.fetchedAt === null || services.now() - reference.fetchedAt > STALE_AFTER_MS;
    if (result.sent > 0 || stale) void reference.refresh();
  });

  function wasSent(clientId: string): boolean {
    return sent.value.some((record) => record.clientId === clientId);
  }

  return {
    progress: sync.progress,
    running: sync.running,
    lastSyncedAt: sync.lastSyncedAt,
    authRequired: sync.authRequired,
    syncNow,
    records: outbox.records,
    loaded: outbox.loaded,
    unsyncedCount: outbox.unsyncedCount,
    errorCount: outbox.errorCount,
    storage: outbox.storage,
    persisted: outbox.persisted,
    retry: outbox.retry,
    exportFile: outbox.exportFile,
    refreshStorage: outbox.refreshStorage,
    requestPersistence: outbox.requestPersistence,
    sent,
    wasSent,
  };
});

import { liveQuery } from 'dexie';
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { getJixiaoDb, type JixiaoDb } from '../offline/db';
import {
  exportUnsynced,
  isStoragePersisted,
  listOutbox,
  requestPersistentStorage,
  retryNow,
  storageEstimate,
  type StorageNavigatorLike,
} from '../offline/outbox';
import type { OutboxRecord } from '../offline/types';

export interface UseOutboxOptions {
  /** Default: the app's database. */
  db?: JixiaoDb;
  /** For storage usage and persistence. Default: the global navigator; null: not available. */
  navigator?: StorageNavigatorLike | null;
  /** Saves the export file. Default: a temporary link with the `download` attribute. */
  download?: (blob: Blob, filename: string) => void;
  now?: () => number;
  /** Called after retry(clientId), e.g. the useSync's syncNow, so the record goes out at once. */
  afterRetry?: () => unknown;
}

/**
 * What is waiting on this device: the queued records (live), how many, retry of a refused record,
 * export of everything unsynced to a file, and the storage used and left.
 *
 * @example
 * const outbox = useOutbox({ afterRetry: sync.syncNow });
 * // outbox.unsyncedCount.value → 3; outbox.records.value[0].status → 'error'
 */
export function useOutbox(options: UseOutboxOptions = {}) {
  const db = options.db ?? getJixiaoDb();
  const nav = options.navigator === undefined ? (typeof navigator === 'undefined' ? null : navigator) : options.navigator;
  const { now = Date.now, download = downloadWithLink } = options;

  const records = shallowRef<OutboxRecord[]>([]);
  /** false until the first read of the outbox arrived (show a spinner rather than "nothing waiting"). */
  const loaded = ref(false);
  const loadError = ref<string | null>(null);
  const unsyncedCount = computed(() => records.value.length);
  const errorCount = computed(() => records.value.filter((record) => record.status === 'error').length);
  const storage = ref<{ usage: number; quota: number } | null>(null);
  const persisted = ref(false);

  async function refreshStorage(): Promise<void> {
    storage.value = await storageEstimate(nav);
    persisted.value = await isStoragePersisted(nav);
  }

  const subscription = liveQuery(() => listOutbox(db)).subscribe({
    next: (value) => {
      records.value = value;
      loaded.value = true;
      loadError.value = null;
      // Photos come and go with records: the usage shown follows.
      void refreshStorage();
    },
    error: (error: unknown) => {
      loadError.value = error instanceof Error ? error.message : String(error);
    },
  });

  async function retry(clientId: string): Promise<void> {
    await retryNow(db, clientId, now());
    await options.afterRetry?.();
  }

  /** Downloads every unsynced record with its photos as JSON; returns the file name. */
  async function exportFile(): Promise<string> {
    const at = now();
    const blob = await exportUnsynced(db, at);
    const filename = exportFileName(at);
    download(blob, filename);
    return filename;
  }

  async function requestPersistence(): Promise<boolean> {
    const granted = await requestPersistentStorage(nav);
    persisted.value = granted;
    return granted;
  }

  function stop(): void {
    subscription.unsubscribe();
  }
  if (getCurrentScope()) onScopeDispose(stop);

  return { records, loaded, loadError, unsyncedCount, errorCount, retry, exportFile, storage, persisted, refreshStorage, requestPersistence, stop };
}

/** `jixiao-unsynced-20240105-1432.json`, in the device's local time. */
export function exportFileName(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
  return `jixiao-unsynced-${day}-${pad(date.getHours())}${pad(date.getMinutes())}.json`;
}

function downloadWithLink(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the file only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

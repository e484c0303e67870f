import { isRef, onBeforeUnmount, ref, toRaw, watch, type Ref, type WatchSource } from 'vue';
import type { JixiaoDb } from '../offline/db';
import { deleteDraft, loadDraft, saveDraft } from '../offline/local-data';

export interface DraftOptions<T> {
  db: JixiaoDb;
  formId: string;
  /** The form state to autosave (deeply watched). */
  source: Ref<T> | WatchSource<T>;
  /** Quiet time before a change is written. */
  delay?: number;
  now?: () => number;
  /** Where to listen for the app going to the background; null in tests. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  doc?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> | null;
}

/**
 * A plain copy of reactive state that IndexedDB can store: proxies unwrapped, Blobs kept as they
 * are (structured clone refuses a Proxy).
 */
export function toPlain<T>(value: T): T {
  const raw = isRef(value) ? toRaw(value.value) : toRaw(value);
  if (raw === null || typeof raw !== 'object' || raw instanceof Blob || raw instanceof Date) return raw as T;
  if (Array.isArray(raw)) return raw.map((item) => toPlain(item)) as T;
  return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, toPlain(item)])) as T;
}

/**
 * Autosaves a form to the `drafts` table (debounced, and at once when the app goes to the
 * background or the page closes), so that a phone call, a crash or a dead battery loses nothing.
 */
export function useDraft<T>(options: DraftOptions<T>) {
  const { db, formId, delay = 600, now = Date.now } = options;
  const target = options.target === undefined ? (typeof window === 'undefined' ? null : window) : options.target;
  const doc = options.doc === undefined ? (typeof document === 'undefined' ? null : document) : options.doc;

  const savedAt = ref<number | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let paused = true;
  let writing: Promise<void> = Promise.resolve();
  const read = (): T =>
    isRef(options.source) ? options.source.value : typeof options.source === 'function' ? (options.source as () => T)() : (options.source as T);

  function write(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = toPlain(read());
    const at = now();
    writing = writing
      .then(() => saveDraft(db, formId, snapshot, at))
      .then(
        () => {
          savedAt.value = at;
        },
        () => undefined,
      );
    return writing;
  }

  const stop = watch(
    options.source,
    () => {
      if (paused) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void write(), delay);
    },
    { deep: true },
  );

  /** Writes a pending change now. */
  function flush(): Promise<void> {
    return timer ? write() : writing;
  }

  const onHidden = () => {
    if (doc?.visibilityState === 'hidden') void flush();
  };
  const onPageHide = () => void flush();
  doc?.addEventListener('visibilitychange', onHidden);
  target?.addEventListener('pagehide', onPageHide);

  /** The saved state, if any; autosave starts after this (restoring must not count as an edit). */
  async function restore(): Promise<T | undefined> {
    const draft = await loadDraft<T>(db, formId).catch(() => undefined);
    return draft?.data;
  }

  /** Starts autosaving changes made from now on. */
  function start(): void {
    paused = false;
  }

  /** Stops autosaving and deletes the draft (its record is in the outbox, or the user discarded it). */
  async function discard(): Promise<void> {
    paused = true;
    if (timer) clearTimeout(timer);
    timer = null;
    await writing;
    await deleteDraft(db, formId);
    savedAt.value = null;
  }

  onBeforeUnmount(() => {
    void flush();
    stop();
    doc?.removeEventListener('visibilitychange', onHidden);
    target?.removeEventListener('pagehide', onPageHide);
  });

  return { savedAt, restore, start, flush, discard, pause: () => (paused = true) };
}

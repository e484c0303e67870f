import { getCurrentScope, onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { getJixiaoDb, type JixiaoDb } from '../offline/db';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions, type SyncRunOptions, type SyncRunResult } from '../offline/sync';
import type { SyncApi, SyncProgress } from '../offline/types';

/** The bits of `window` / `document` the composable listens on; tests hand in EventTargets. */
export interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
export interface DocumentLike extends EventTargetLike {
  visibilityState: DocumentVisibilityState;
}

export interface UseSyncOptions extends Pick<SyncEngineOptions, 'now' | 'random' | 'onSent' | 'onRefused'> {
  /** The server (createSyncApi); required unless `engine` is given. */
  api?: SyncApi;
  /** Default: the app's database. */
  db?: JixiaoDb;
  /** An engine made elsewhere (then api, db, now, random, onSent, onRefused are not used). */
  engine?: SyncEngine;
  /** 'online' is heard here. Default: the global window; null: not listened to. */
  window?: EventTargetLike | null;
  /** 'visibilitychange' to visible is heard here. Default: the global document; null: not listened to. */
  document?: DocumentLike | null;
  setInterval?: (handler: () => void, ms: number) => unknown;
  clearInterval?: (id: never) => void;
  /** Timer period; 0 turns the timer off. Default 60 s. */
  intervalMs?: number;
  /** Run once at start. Default true. */
  immediate?: boolean;
  /** The server refused the login (UNAUTHENTICATED): ask the user to log in, then call syncNow(). */
  onAuthRequired?: () => void;
}

const IDLE: SyncProgress = { phase: 'idle', done: 0, total: 0, lastRunAt: null, lastError: null };

/**
 * Keeps the outbox flowing to the server: syncs at start, when the browser says it is back online,
 * when the app comes back to the foreground and on demand — each of these at once, even during a
 * back-off — and every minute, when records whose back-off is over go out. Use it once (App.vue or a
 * store) and share the result: the engine inside makes sure two runs never overlap.
 *
 * @example
 * const sync = useSync({ api: createSyncApi({ getToken: () => session.token }), onAuthRequired: session.markExpired });
 * // sync.progress.value → { phase: 'sending', done: 2, total: 5, … }; sync.syncNow() after queuing a record
 */
export function useSync(options: UseSyncOptions) {
  const win = options.window === undefined ? (typeof window === 'undefined' ? null : window) : options.window;
  const doc = options.document === undefined ? (typeof document === 'undefined' ? null : document) : options.document;
  const startTimer = options.setInterval ?? ((handler: () => void, ms: number) => globalThis.setInterval(handler, ms));
  const stopTimer = options.clearInterval ?? ((id: never) => globalThis.clearInterval(id));
  const { intervalMs = 60_000, immediate = true } = options;

  const progress: Ref<SyncProgress> = ref({ ...IDLE });
  const running = ref(false);
  const lastSyncedAt = ref<number | null>(null);
  const authRequired = ref(false);
  const lastResult = shallowRef<SyncRunResult | null>(null);

  const engine =
    options.engine ??
    createSyncEngine({
      db: options.db ?? getJixiaoDb(),
      api: options.api ?? missingApi(),
      now: options.now,
      random: options.random,
      onSent: options.onSent,
      onRefused: options.onRefused,
      onProgress: (next) => {
        progress.value = next;
      },
      onAuthRequired: () => {
        authRequired.value = true;
        options.onAuthRequired?.();
      },
    });

  /**
   * A run for the user or the browser, who have reason to think the server answers (see
   * SyncRunOptions.now): it starts now, or right after the run in progress, and skips the back-off.
   * The timer passes `{ now: false }` and joins a run in progress instead.
   */
  async function syncNow(runOptions: SyncRunOptions = { now: true }): Promise<SyncRunResult> {
    running.value = true;
    try {
      const result = await engine.syncOnce(runOptions);
      lastResult.value = result;
      progress.value = { phase: result.phase, done: result.done, total: result.total, lastRunAt: result.lastRunAt, lastError: result.lastError };
      if (result.completed) lastSyncedAt.value = result.lastRunAt;
      // Offline says nothing about the login; any run that got past the server's check clears it.
      if (result.phase === 'auth-required') authRequired.value = true;
      else if (result.phase !== 'offline') authRequired.value = false;
      return result;
    } finally {
      running.value = engine.running;
    }
  }

  /** For event handlers: a failed run has already been reported through progress. */
  const trigger = () => {
    void syncNow().catch(() => undefined);
  };
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') trigger();
  };
  const onTimer = () => {
    // A tab in the background does not need to sync every minute; coming back triggers a run.
    if (doc?.visibilityState !== 'hidden') void syncNow({ now: false }).catch(() => undefined);
  };

  win?.addEventListener('online', trigger);
  doc?.addEventListener('visibilitychange', onVisibility);
  const timer = intervalMs > 0 ? startTimer(onTimer, intervalMs) : null;
  if (immediate) trigger();

  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    win?.removeEventListener('online', trigger);
    doc?.removeEventListener('visibilitychange', onVisibility);
    if (timer !== null) stopTimer(timer as never);
  }
  if (getCurrentScope()) onScopeDispose(stop);

  return { progress, running, lastSyncedAt, authRequired, lastResult, syncNow, stop, engine };
}

function missingApi(): never {
  throw new Error('useSync: pass `api` (createSyncApi(...)) or `engine`');
}

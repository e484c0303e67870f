import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import type { JixiaoDb } from '../offline/db';
import { listOutbox } from '../offline/outbox';
import type { SyncEngine, SyncRunOptions, SyncRunResult } from '../offline/sync';
import { FakeServer, freshDb, queueInspection, unauthenticated } from '../offline/test-support';
import { useSync, type DocumentLike } from './useSync';

const RESULT: SyncRunResult = { phase: 'idle', done: 0, total: 0, lastRunAt: 1, lastError: null, sent: 0, refused: 0, completed: true };

/** An engine that only counts how often it was asked to run. */
function countingEngine(): SyncEngine & { runs: number; asked: Array<boolean | undefined> } {
  const engine = {
    runs: 0,
    /** Each run's `now` option. */
    asked: [] as Array<boolean | undefined>,
    running: false,
    lastSyncedAt: null,
    progress: { ...RESULT },
    async syncOnce(options?: SyncRunOptions) {
      engine.runs += 1;
      engine.asked.push(options?.now);
      return { ...RESULT };
    },
  };
  return engine;
}

function fakeDocument(visibilityState: DocumentVisibilityState = 'visible'): DocumentLike & EventTarget {
  return Object.assign(new EventTarget(), { visibilityState });
}

/** Lets the event handlers' runs settle (they are not awaited by anyone). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await nextTick();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('useSync triggers', () => {
  it('syncs at start, on online, on coming back to the foreground, every minute and on demand; not after stop', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const engine = countingEngine();
    const win = new EventTarget();
    const doc = fakeDocument();
    const scope = effectScope();
    const sync = scope.run(() => useSync({ engine, window: win, document: doc }))!;

    await settle();
    expect(engine.runs).toBe(1); // start

    win.dispatchEvent(new Event('online'));
    await settle();
    expect(engine.runs).toBe(2);

    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(engine.runs).toBe(2); // going to the background is no reason

    vi.advanceTimersByTime(60_000);
    await settle();
    expect(engine.runs).toBe(2); // nor is the timer while hidden

    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(engine.runs).toBe(3);

    vi.advanceTimersByTime(59_999);
    await settle();
    expect(engine.runs).toBe(3);
    vi.advanceTimersByTime(1);
    await settle();
    expect(engine.runs).toBe(4);

    await sync.syncNow();
    expect(engine.runs).toBe(5);
    // Start, online, foreground and the button skip a back-off and never just join a run; the timer does not.
    expect(engine.asked).toEqual([true, true, true, false, true]);

    scope.stop();
    win.dispatchEvent(new Event('online'));
    doc.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(600_000);
    await settle();
    expect(engine.runs).toBe(5);
  });

  it('uses the injected timer functions and period', async () => {
    const handlers: Array<() => void> = [];
    const cleared: unknown[] = [];
    const engine = countingEngine();
    const sync = useSync({
      engine,
      window: null,
      document: null,
      immediate: false,
      intervalMs: 15_000,
      setInterval: (handler, ms) => {
        expect(ms).toBe(15_000);
        handlers.push(handler);
        return 'timer-1';
      },
      clearInterval: ((id: unknown) => cleared.push(id)) as (id: never) => void,
    });
    expect(engine.runs).toBe(0); // immediate: false
    handlers[0]();
    await settle();
    expect(engine.runs).toBe(1);
    sync.stop();
    expect(cleared).toEqual(['timer-1']);
  });
});

describe('useSync state', () => {
  let db: JixiaoDb;

  it('exposes the progress, running and the last sync time of a real engine', async () => {
    db = freshDb();
    const server = new FakeServer();
    await queueInspection(db, 'c1', [], 1);
    await queueInspection(db, 'c2', [], 2);
    const sync = useSync({ db, api: server, now: () => 5_000, window: null, document: null, intervalMs: 0, immediate: false });
    const seen: string[] = [];
    server.beforeSubmit = () => {
      seen.push(`${sync.running.value} ${sync.progress.value.phase} ${sync.progress.value.done}/${sync.progress.value.total}`);
    };

    expect(sync.lastSyncedAt.value).toBeNull();
    const result = await sync.syncNow();

    // Both go in one batch: neither counts as done before the server answered for both.
    expect(seen).toEqual(['true sending 0/2', 'true sending 0/2']);
    expect(result).toMatchObject({ sent: 2, completed: true });
    expect(sync.running.value).toBe(false);
    expect(sync.progress.value).toMatchObject({ phase: 'idle', done: 2, total: 2, lastRunAt: 5_000 });
    expect(sync.lastSyncedAt.value).toBe(5_000);
    expect(sync.lastResult.value).toEqual(result);
  });

  it('raises authRequired on 401, keeps the queue, and clears it when a run after the login gets through', async () => {
    db = freshDb();
    const server = new FakeServer();
    await queueInspection(db, 'c1', [], 1);
    let loggedIn = false;
    server.beforeSubmit = () => {
      if (!loggedIn) throw unauthenticated();
    };
    const onAuthRequired = vi.fn();
    const sync = useSync({ db, api: server, onAuthRequired, window: null, document: null, intervalMs: 0, immediate: false });

    await sync.syncNow();
    expect(onAuthRequired).toHaveBeenCalledOnce();
    expect(sync.authRequired.value).toBe(true);
    expect(sync.progress.value.phase).toBe('auth-required');
    expect(sync.lastSyncedAt.value).toBeNull();
    expect(await listOutbox(db)).toHaveLength(1);

    // Offline says nothing about the login.
    server.reachable = false;
    await sync.syncNow();
    expect(sync.authRequired.value).toBe(true);

    server.reachable = true;
    loggedIn = true;
    await sync.syncNow();
    expect(sync.authRequired.value).toBe(false);
    expect(await listOutbox(db)).toEqual([]);
  });
});

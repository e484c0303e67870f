/**
 * The sync engine (docs/api.md "Field evidence and the sync protocol"): sends the outbox to the server, photos first, one
 * record at a time — new sites first, then in creation order — and deletes a record only once the
 * server confirmed it. An acceptance at a site still queued on the device waits for that site; when
 * the server keeps the site under another id (it had one of that name), the device adopts it.
 *
 * What each failure does:
 * - server not reachable (probe fails): nothing is touched, phase 'offline';
 * - UNAUTHENTICATED: the record goes back to waiting as it was, onAuthRequired() is called and the
 *   run stops (phase 'auth-required'); the whole queue waits for the next login;
 * - MISSING_UPLOAD: the photos the server lacks are uploaded again and the record resubmitted once;
 * - transient (NETWORK, HTTP 5xx, 429): the record is retried after a back-off and the run stops;
 *   the server is probably gone, hammering it with the rest of the queue helps nobody;
 * - anything else the server refuses (CONFLICT, BAD_USER_INPUT, FORBIDDEN, other 4xx, a photo it
 *   will not take): the record is kept with status 'error' and the server's message, and the run
 *   goes on with the next record. It is retried only when the user asks (retryNow).
 */
import { ApiError } from '../graphql/client';
import type { JixiaoDb } from './db';
import {
  adoptServerSite,
  confirm,
  dueNow,
  listDue,
  markError,
  markSending,
  markWaiting,
  queuedSiteOf,
  recoverInterrupted,
  scheduleRetry,
  type OutboxError,
} from './outbox';
import type { OutboxRecord, SubmitReceipt, SyncApi, SyncPhase, SyncProgress } from './types';

export interface SyncEngineOptions {
  db: JixiaoDb;
  api: SyncApi;
  now?: () => number;
  /** Jitter source for the back-off. */
  random?: () => number;
  onProgress?: (progress: SyncProgress) => void;
  /** The login expired or is missing: show the login screen; call syncOnce() again after it. */
  onAuthRequired?: () => void;
  /** The server confirmed this record (it has just left the outbox). */
  onSent?: (record: OutboxRecord) => void;
  /** The server refused this record; it stays in the outbox with status 'error'. */
  onRefused?: (record: OutboxRecord, error: OutboxError) => void;
}

/** A finished run's progress, with what happened in it. */
export interface SyncRunResult extends SyncProgress {
  /** Records the server confirmed in this run. */
  sent: number;
  /** Records the server refused in this run (now status 'error'). */
  refused: number;
  /** The server was reached and every due record was handled (nothing stopped the run). */
  completed: boolean;
}

export interface SyncRunOptions {
  /**
   * Someone has reason to think the server answers again (the user tapped 同步, the browser went
   * online, the app came to the foreground): records waiting out a back-off are sent now, once the
   * probe got through, and a run already in progress is followed by a new one rather than joined,
   * because it may have started before the server came back.
   */
  now?: boolean;
}

export interface SyncEngine {
  /**
   * One run. While a run is in progress, returns that run's promise instead of starting another,
   * unless `now` is set: then a second run starts right after it (one at most, however often asked).
   */
  syncOnce(options?: SyncRunOptions): Promise<SyncRunResult>;
  readonly running: boolean;
  readonly progress: SyncProgress;
  /** When a run last completed (see SyncRunResult.completed), or null. */
  readonly lastSyncedAt: number | null;
}

type Outcome =
  | { kind: 'sent' }
  | { kind: 'refused'; message: string }
  /** Kept waiting for a later run (a failure on the device, not the server's answer). */
  | { kind: 'deferred'; message: string }
  /** Another run or tab has it, or it is gone. */
  | { kind: 'skipped' }
  /** It names a site still queued on the device: it waits, untouched, until the site is on the server. */
  | { kind: 'held' }
  | { kind: 'stop'; phase: SyncPhase; message: string | null };

/** A photo the record names is not on the device (and the server does not have it). */
class PhotoLostError extends Error {
  readonly code = 'PHOTO_MISSING';
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api, now = Date.now, random = Math.random } = options;
  let progress: SyncProgress = { phase: 'idle', done: 0, total: 0, lastRunAt: null, lastError: null };
  let current: Promise<SyncRunResult> | null = null;
  /** The run asked for (with `now`) while `current` was going; starts when it ends. */
  let next: Promise<SyncRunResult> | null = null;
  let recovered = false;
  let lastSyncedAt: number | null = null;

  function report(changes: Partial<SyncProgress>): void {
    progress = { ...progress, ...changes };
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // A screen's progress handler must not break the sync.
    }
  }

  async function uploadStored(hashes: readonly string[], required: boolean): Promise<void> {
    for (const hash of new Set(hashes)) {
      const photo = await db.photos.get(hash);
      if (photo) await api.uploadPhoto(hash, photo.blob);
      else if (required) throw new PhotoLostError(`照片 ${hash.slice(0, 12)}… 已不在本设备上，服务器也没有，无法提交；请导出未同步记录并联系管理员`);
      // Not required: the photo is not on the device; the server may already have it, and tells us
      // with MISSING_UPLOAD if it does not.
    }
  }

  async function sendOne(queued: OutboxRecord): Promise<Outcome> {
    if (await queuedSiteOf(db, queued)) return { kind: 'held' };
    // The claim is atomic: a record another run (or tab) is sending is never sent twice at once.
    const record = await markSending(db, queued.clientId, now());
    if (!record) return { kind: 'skipped' };
    let receipt: SubmitReceipt | void;
    try {
      report({ phase: 'uploading' });
      await uploadStored(record.photoHashes, false);
      report({ phase: 'sending' });
      try {
        receipt = await api.submit(record);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'MISSING_UPLOAD')) throw error;
        const listed = error.extensions.hashes;
        report({ phase: 'uploading' });
        await uploadStored(Array.isArray(listed) ? listed.map(String) : record.photoHashes, true);
        report({ phase: 'sending' });
        // Once only: a second MISSING_UPLOAD is a refusal like any other.
        receipt = await api.submit(record);
      }
    } catch (error) {
      return fail(record, error);
    }
    // Before the site leaves the outbox, whatever names it takes the server's id (the same name
    // may have been there already): a crash in between resends the site, which is harmless.
    if (record.kind === 'site' && receipt?.site) await adoptServerSite(db, record.payload.id, receipt.site);
    // Only here, after the server's confirmation, does a record leave the device.
    await confirm(db, record.clientId);
    try {
      options.onSent?.(record);
    } catch {
      // as in report()
    }
    return { kind: 'sent' };
  }

  async function fail(record: OutboxRecord, error: unknown): Promise<Outcome> {
    if (error instanceof ApiError) {
      if (error.code === 'UNAUTHENTICATED') {
        await markWaiting(db, record.clientId, now());
        options.onAuthRequired?.();
        return { kind: 'stop', phase: 'auth-required', message: error.message };
      }
      if (error.transient) {
        await scheduleRetry(db, record.clientId, { code: error.code, message: error.message }, now(), random);
        return { kind: 'stop', phase: error.code === 'NETWORK' ? 'offline' : 'idle', message: error.message };
      }
      const field = typeof error.extensions.field === 'string' ? error.extensions.field : undefined;
      return refuse(record, { code: error.code, message: error.message, ...(field ? { field } : {}) });
    }
    if (error instanceof PhotoLostError) return refuse(record, { code: error.code, message: error.message });
    // Not the server's answer (a bug, storage trouble): keep the record, try it again later.
    const message = error instanceof Error ? error.message : String(error);
    await scheduleRetry(db, record.clientId, { code: 'CLIENT_ERROR', message }, now(), random);
    return { kind: 'deferred', message };
  }

  async function refuse(record: OutboxRecord, error: OutboxError): Promise<Outcome> {
    await markError(db, record.clientId, error, now());
    try {
      options.onRefused?.(record, error);
    } catch {
      // as in report()
    }
    return { kind: 'refused', message: error.message };
  }

  async function run(skipBackOff: boolean): Promise<SyncRunResult> {
    let sent = 0;
    let refused = 0;
    const finish = (phase: SyncPhase, completed: boolean, lastError: string | null): SyncRunResult => {
      const at = now();
      if (completed) lastSyncedAt = at;
      report({ phase, lastRunAt: at, lastError });
      return { ...progress, sent, refused, completed };
    };

    try {
      report({ phase: 'probing', done: 0, total: 0, lastError: null });
      if (!recovered) {
        await recoverInterrupted(db, now());
        recovered = true;
      }
      const reachable = await api.probe().catch(() => false);
      if (!reachable) return finish('offline', false, progress.lastError);
      // The back-off spares a server that is gone; this one just answered.
      if (skipBackOff) await dueNow(db, now());

      let lastError: string | null = null;
      const attempted = new Set<string>();
      // Records queued while the run is going are picked up before it ends.
      for (;;) {
        const due = (await listDue(db, now())).filter((record) => !attempted.has(record.clientId));
        if (due.length === 0) break;
        report({ phase: 'sending', total: progress.total + due.length });
        for (const record of due) {
          attempted.add(record.clientId);
          const outcome = await sendOne(record);
          if (outcome.kind === 'held') {
            report({ total: progress.total - 1 });
            continue;
          }
          if (outcome.kind === 'stop') return finish(outcome.phase, false, outcome.message);
          if (outcome.kind === 'sent') sent += 1;
          if (outcome.kind === 'refused') refused += 1;
          if (outcome.kind === 'refused' || outcome.kind === 'deferred') lastError = outcome.message;
          report({ done: progress.done + 1, lastError });
        }
      }
      return finish('idle', true, lastError);
    } catch (error) {
      // The device's own storage failed; every record is still where it was.
      return finish('idle', false, error instanceof Error ? error.message : String(error));
    }
  }

  function begin(skipBackOff: boolean): Promise<SyncRunResult> {
    const started: Promise<SyncRunResult> = run(skipBackOff).finally(() => {
      if (current === started) current = null;
    });
    current = started;
    return started;
  }

  return {
    syncOnce(options = {}) {
      // A run asked for with `now` is waiting to follow the current one: it serves every caller.
      if (next) return next;
      if (!current) return begin(options.now === true);
      if (!options.now) return current;
      next = current
        .catch(() => undefined)
        .then(() => {
          next = null;
          return begin(true);
        });
      return next;
    },
    get running() {
      return current !== null || next !== null;
    },
    get progress() {
      return { ...progress };
    },
    get lastSyncedAt() {
      return lastSyncedAt;
    },
  };
}

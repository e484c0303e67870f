/**
 * The sync engine (docs/api.md "Field evidence and the sync protocol"): sends the outbox to the server, photos first —
 * new sites first, then in creation order — and deletes a record only once the server confirmed it.
 * Acceptances and survey responses go in batches (up to BATCH_SIZE records in one request, one
 * result per record), their photos UPLOAD_CONCURRENCY at a time, and the next batch's photos upload
 * while a batch is being stored; sites, actuals and spending go one at a time. An acceptance at a
 * site still queued on the device waits for that site; when the server keeps the site under another
 * id (it had one of that name), the device adopts it.
 *
 * What each failure does:
 * - server not reachable (probe fails): nothing is touched, phase 'offline';
 * - UNAUTHENTICATED: the record goes back to waiting as it was, onAuthRequired() is called and the
 *   run stops (phase 'auth-required'); the whole queue waits for the next login;
 * - MISSING_UPLOAD: the photos the server lacks are uploaded again and the record resubmitted once;
 * - a batch refused as a whole (not transient, not UNAUTHENTICATED): its records are sent again one
 *   at a time, so that the refusal lands on the record it is about;
 * - transient (NETWORK, HTTP 5xx, 429): the record is retried after a back-off and the run stops
 *   (once the batch in flight is settled);
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
import { createLimiter } from './limiter';
import { BATCH_KINDS, type OutboxRecord, type SubmitReceipt, type SyncApi, type SyncPhase, type SyncProgress } from './types';

/** Records sent in one request (the server takes up to 100): a lost answer costs at most this many resends. */
export const BATCH_SIZE = 25;
/** Photos uploaded at once: enough to keep the line and the server busy, few enough for a phone's memory. */
export const UPLOAD_CONCURRENCY = 4;

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
  | StopOutcome;

/** The run cannot go on: offline, the server failing, the login expired. */
type StopOutcome = { kind: 'stop'; phase: SyncPhase; message: string | null };

/**
 * Due records (in sending order) as the runs they are sent in: acceptances and survey responses in
 * batches of at most BATCH_SIZE of one kind (all signed in, or all anonymous), the other kinds as
 * runs sent one record at a time. The order is kept.
 */
export function sendingGroups(due: readonly OutboxRecord[]): OutboxRecord[][] {
  const keyOf = (record: OutboxRecord) => (BATCH_KINDS.has(record.kind) ? `${record.kind}|${record.anonymous === true}` : 'one at a time');
  const groups: OutboxRecord[][] = [];
  for (const record of due) {
    const last = groups.at(-1);
    const key = keyOf(record);
    if (last && keyOf(last[0]) === key && (key === 'one at a time' || last.length < BATCH_SIZE)) last.push(record);
    else groups.push([record]);
  }
  return groups;
}

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

  /** Uploads run through one limiter; a photo already uploaded in this run is not sent again. */
  const uploads = createLimiter(UPLOAD_CONCURRENCY);
  let uploadedThisRun = new Map<string, Promise<void>>();

  function uploadOne(hash: string, required: boolean): Promise<void> {
    // After MISSING_UPLOAD (required) the server lacks it whatever this run sent before.
    const known = required ? undefined : uploadedThisRun.get(hash);
    if (known) return known;
    const uploading = uploads(async () => {
      const photo = await db.photos.get(hash);
      if (photo) await api.uploadPhoto(hash, photo.blob);
      else if (required) throw new PhotoLostError(`照片 ${hash.slice(0, 12)}… 已不在本设备上，服务器也没有，无法提交；请导出未同步记录并联系管理员`);
      // Not required: the photo is not on the device; the server may already have it, and tells us
      // with MISSING_UPLOAD if it does not.
    });
    uploadedThisRun.set(hash, uploading);
    // A failed upload is tried again by the next record that names it.
    uploading.catch(() => {
      if (uploadedThisRun.get(hash) === uploading) uploadedThisRun.delete(hash);
    });
    return uploading;
  }

  /** Uploads a record's photos, several at once; rejects with the first failure once all have settled. */
  async function uploadStored(hashes: readonly string[], required: boolean): Promise<void> {
    const settled = await Promise.allSettled([...new Set(hashes)].map((hash) => uploadOne(hash, required)));
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Claims a due record for this run, unless it waits for a queued site or another run has it. */
  async function claim(queued: OutboxRecord): Promise<OutboxRecord | Outcome> {
    if (await queuedSiteOf(db, queued)) return { kind: 'held' };
    // The claim is atomic: a record another run (or tab) is sending is never sent twice at once.
    return (await markSending(db, queued.clientId, now())) ?? { kind: 'skipped' };
  }

  /** The server stored it: the record leaves the device. */
  async function settle(record: OutboxRecord, receipt: SubmitReceipt | void): Promise<Outcome> {
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

  const missingHashes = (error: ApiError, record: OutboxRecord): string[] => {
    const listed = error.extensions.hashes;
    return Array.isArray(listed) ? listed.map(String) : record.photoHashes;
  };

  async function sendOne(queued: OutboxRecord): Promise<Outcome> {
    const claimed = await claim(queued);
    return 'clientId' in claimed ? sendClaimed(claimed) : claimed;
  }

  /** Sends one claimed record with its own mutation: photos, the record, and once more after MISSING_UPLOAD. */
  async function sendClaimed(record: OutboxRecord): Promise<Outcome> {
    let receipt: SubmitReceipt | void;
    try {
      report({ phase: 'uploading' });
      await uploadStored(record.photoHashes, false);
      report({ phase: 'sending' });
      try {
        receipt = await api.submit(record);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'MISSING_UPLOAD')) throw error;
        report({ phase: 'uploading' });
        await uploadStored(missingHashes(error, record), true);
        report({ phase: 'sending' });
        // Once only: a second MISSING_UPLOAD is a refusal like any other.
        receipt = await api.submit(record);
      }
    } catch (error) {
      return fail(record, error);
    }
    return settle(record, receipt);
  }

  /** A batch claimed and its photos uploaded: the records ready to send, and what became of the others. */
  interface PreparedBatch {
    ready: OutboxRecord[];
    outcomes: Outcome[];
  }

  /** Claims a batch's records and uploads their photos (UPLOAD_CONCURRENCY at a time, across records). */
  async function prepareBatch(chunk: readonly OutboxRecord[]): Promise<PreparedBatch> {
    const outcomes: Outcome[] = [];
    const claimed: OutboxRecord[] = [];
    for (const queued of chunk) {
      const result = await claim(queued);
      if ('clientId' in result) claimed.push(result);
      else outcomes.push(result);
    }
    if (claimed.some((record) => record.photoHashes.length > 0)) report({ phase: 'uploading' });
    const uploaded = await Promise.all(
      claimed.map((record) =>
        uploadStored(record.photoHashes, false).then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    const ready: OutboxRecord[] = [];
    for (const [k, record] of claimed.entries()) {
      if (uploaded[k] === null) ready.push(record);
      else outcomes.push(await fail(record, uploaded[k]));
    }
    return { ready, outcomes };
  }

  /** Sends a prepared batch in one request; records the server lacks photos for go once more, in a batch of their own. */
  async function sendBatch(records: readonly OutboxRecord[], retryMissing = true): Promise<Outcome[]> {
    if (records.length === 0) return [];
    report({ phase: 'sending' });
    let errors: Array<ApiError | null>;
    try {
      errors = await api.submitBatch([...records]);
    } catch (error) {
      if (error instanceof ApiError && (error.transient || error.code === 'UNAUTHENTICATED')) return failBatch(records, error);
      // Refused as a whole (a record the server could not even read, a record the device could
      // not put into the request): one at a time, so the refusal lands on its record and the
      // others are stored.
      const outcomes: Outcome[] = [];
      for (const record of records) outcomes.push(await sendClaimed(record));
      return outcomes;
    }
    const outcomes: Outcome[] = [];
    const missing: OutboxRecord[] = [];
    for (const [k, record] of records.entries()) {
      const error = errors[k];
      if (error === null) outcomes.push(await settle(record, undefined));
      else if (retryMissing && error.code === 'MISSING_UPLOAD') {
        try {
          report({ phase: 'uploading' });
          await uploadStored(missingHashes(error, record), true);
          missing.push(record);
        } catch (uploadError) {
          outcomes.push(await fail(record, uploadError));
        }
      } else outcomes.push(await fail(record, error));
    }
    // Once only: a second MISSING_UPLOAD is a refusal like any other.
    return [...outcomes, ...(await sendBatch(missing, false))];
  }

  /**
   * The request of a whole batch failed on the way (network, 5xx, 429) or for the login: every
   * record of it waits — after a back-off, or for the login — and the run stops, once.
   */
  async function failBatch(records: readonly OutboxRecord[], error: ApiError): Promise<Outcome[]> {
    const [first, ...rest] = records;
    const stop = await fail(first, error);
    for (const record of rest) {
      if (error.code === 'UNAUTHENTICATED') await markWaiting(db, record.clientId, now());
      else await scheduleRetry(db, record.clientId, { code: error.code, message: error.message }, now(), random);
    }
    return [stop];
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
    /** A batch claimed ahead (its photos uploading) while the one before it is being stored. */
    let ahead: Promise<PreparedBatch> | null = null;
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
      /** The first outcome that ends the run (the batch it came in is settled first). */
      const ended: { stop: StopOutcome | null } = { stop: null };
      const count = (outcome: Outcome): void => {
        if (outcome.kind === 'held') return report({ total: progress.total - 1 });
        if (outcome.kind === 'stop') {
          ended.stop ??= outcome;
          return;
        }
        if (outcome.kind === 'sent') sent += 1;
        if (outcome.kind === 'refused') refused += 1;
        if (outcome.kind === 'refused' || outcome.kind === 'deferred') lastError = outcome.message;
        report({ done: progress.done + 1, lastError });
      };
      const attempted = new Set<string>();
      uploadedThisRun = new Map();
      // Records queued while the run is going are picked up before it ends.
      for (;;) {
        const due = (await listDue(db, now())).filter((record) => !attempted.has(record.clientId));
        if (due.length === 0) break;
        for (const record of due) attempted.add(record.clientId);
        report({ phase: 'sending', total: progress.total + due.length });
        const groups = sendingGroups(due);
        // The next batch is claimed and its photos upload while the one before is being stored.
        ahead = null;
        for (let g = 0; g < groups.length && !ended.stop; g++) {
          const group = groups[g];
          if (!BATCH_KINDS.has(group[0].kind)) {
            // Sites, actuals, spending: one at a time (a site's answer may change what comes after it).
            for (const record of group) if (!ended.stop) count(await sendOne(record));
            continue;
          }
          const batch: PreparedBatch = await (ahead ?? prepareBatch(group));
          ahead = null;
          batch.outcomes.forEach(count);
          // A photo's upload found the server gone, or the login expired: the rest is not sent either.
          if (ended.stop) {
            for (const record of batch.ready) await markWaiting(db, record.clientId, now());
            break;
          }
          const next = groups[g + 1];
          if (next && BATCH_KINDS.has(next[0].kind)) ahead = prepareBatch(next);
          (await sendBatch(batch.ready)).forEach(count);
        }
        if (ended.stop) {
          // A batch prepared ahead goes back to waiting as it was; what its uploads came to counts.
          if (ahead) {
            const unsent: PreparedBatch = await ahead;
            unsent.outcomes.forEach(count);
            for (const record of unsent.ready) await markWaiting(db, record.clientId, now());
          }
          return finish(ended.stop.phase, false, ended.stop.message);
        }
      }
      return finish('idle', true, lastError);
    } catch (error) {
      // The device's own storage failed; every record is still where it was, but for a batch
      // claimed ahead, which goes back to waiting if the storage lets it.
      const unsent = await ahead?.catch(() => null);
      for (const record of unsent?.ready ?? []) await markWaiting(db, record.clientId, now()).catch(() => undefined);
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

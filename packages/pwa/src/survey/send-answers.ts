/**
 * Sends this phone's queued public-survey answers, by the rules of the app's sync engine
 * (offline/sync.ts) for the one kind of record the survey link makes: the server is probed first;
 * an answer leaves the phone only once the server confirmed it; a transient failure (no network,
 * 5xx, 429) keeps it and waits out the same back-off (offline/backoff.ts) and ends the run; a refusal
 * keeps it with the server's message (status 'error', shown in the app's 待同步 on a phone that
 * has the app). The server takes each clientId once, so an answer the app or the service worker's
 * Background Sync sent as well changes nothing.
 */
import { ApiError } from '../graphql/client';
import { nextDelay } from '../offline/backoff';
import type { OutboxRecord, SyncApi } from '../offline/types';
import type { AnswerStore } from './answer-store';

export interface SendAnswersOptions {
  now?: () => number;
  random?: () => number;
  /** The server confirmed this answer (it has just left the phone). */
  onSent?: (record: OutboxRecord) => void;
  /** Someone has reason to think the server answers again: answers waiting out a back-off go now. */
  skipBackOff?: boolean;
}

export interface SendAnswersResult {
  /** The server answered the probe. */
  reached: boolean;
  sent: number;
  refused: number;
}

/**
 * One run over the queued answers.
 *
 * @example await sendAnswers(openAnswerStore(), createSyncApi({ getToken: () => null }), { onSent: (r) => sent.add(r.clientId) })
 */
export async function sendAnswers(store: AnswerStore, api: Pick<SyncApi, 'probe' | 'submit'>, options: SendAnswersOptions = {}): Promise<SendAnswersResult> {
  const { now = Date.now, random = Math.random } = options;
  const result: SendAnswersResult = { reached: false, sent: 0, refused: 0 };
  const queued = await store.queued();
  // Left 'sending' by a page closed mid-send: waiting again (sending twice is harmless, see above).
  for (const record of queued.filter((r) => r.status === 'sending'))
    await store.update(record.clientId, { status: 'waiting', nextAttemptAt: now(), updatedAt: now() });
  if (!queued.some((r) => r.status !== 'error')) return result;
  if (!(await api.probe().catch(() => false))) return result;
  result.reached = true;
  for (const queuedRecord of await store.queued()) {
    if (queuedRecord.status !== 'waiting' || (!options.skipBackOff && queuedRecord.nextAttemptAt > now())) continue;
    const record = await store.claim(queuedRecord.clientId, now());
    if (!record) continue;
    try {
      await api.submit(record);
    } catch (error) {
      if (error instanceof ApiError && !error.transient) {
        const field = typeof error.extensions.field === 'string' ? error.extensions.field : undefined;
        await store.update(record.clientId, {
          status: 'error',
          error: { code: error.code, message: error.message, ...(field ? { field } : {}) },
          updatedAt: now(),
        });
        result.refused += 1;
        continue;
      }
      const code = error instanceof ApiError ? error.code : 'CLIENT_ERROR';
      const attempts = record.attempts + 1;
      await store.update(record.clientId, {
        status: 'waiting',
        attempts,
        error: { code, message: error instanceof Error ? error.message : String(error) },
        nextAttemptAt: now() + nextDelay(attempts, random),
        updatedAt: now(),
      });
      // The server is probably gone: the rest waits for the next run.
      if (error instanceof ApiError) return result;
      continue;
    }
    await store.remove(record.clientId);
    result.sent += 1;
    try {
      options.onSent?.(record);
    } catch {
      // A screen's handler must not stop the run.
    }
  }
  return result;
}

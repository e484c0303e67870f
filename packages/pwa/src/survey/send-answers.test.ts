import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../graphql/client';
import { openJixiaoDb } from '../offline/db';
import { listOutbox } from '../offline/outbox';
import type { OutboxRecord } from '../offline/types';
import { openAnswerStore } from './answer-store';
import { sendAnswers } from './send-answers';

const NOW = Date.parse('2024-05-20T02:00:00Z');

function answer(clientId: string, changes: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    clientId,
    kind: 'surveyResponse',
    payload: { clientId, token: 'tok', answers: [{ questionId: 'q1', value: '满意' }], collectedAt: new Date(NOW).toISOString() },
    photoHashes: [],
    title: '问卷 · 派出法庭维修满意度调查',
    status: 'waiting',
    error: null,
    attempts: 0,
    nextAttemptAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    anonymous: true,
    ...changes,
  } as OutboxRecord;
}

/** The survey link's store and the app's Dexie view of the same database. */
function phone() {
  const name = `send-answers-${crypto.randomUUID()}`;
  return { store: openAnswerStore(name), db: openJixiaoDb(name) };
}

describe('sending the survey link’s queued answers', () => {
  it('sends a queued answer once the server answers, and only then removes it (the app’s outbox sees the same)', async () => {
    const { store, db } = phone();
    await store.queue(answer('a1'));
    expect(await store.queue(answer('a1', { title: 'again' })), 'the same clientId twice').toBe(false);
    expect((await listOutbox(db)).map((r) => r.clientId)).toEqual(['a1']);
    const submit = vi.fn(async () => undefined);
    const sent: string[] = [];
    expect(await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW, onSent: (r) => sent.push(r.clientId) })).toEqual({
      reached: true,
      sent: 1,
      refused: 0,
    });
    expect(submit).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'a1', status: 'sending', anonymous: true }));
    expect(sent).toEqual(['a1']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('touches nothing when the server is not reached', async () => {
    const { store } = phone();
    await store.queue(answer('a1'));
    const submit = vi.fn();
    expect(await sendAnswers(store, { probe: async () => false, submit }, { now: () => NOW })).toEqual({ reached: false, sent: 0, refused: 0 });
    expect(submit).not.toHaveBeenCalled();
    expect((await store.queued())[0]).toMatchObject({ status: 'waiting', attempts: 0 });
  });

  it('keeps an answer after a transient failure, waits out the back-off, and stops the run', async () => {
    const { store } = phone();
    await store.queue(answer('a1'));
    await store.queue(answer('a2', { createdAt: NOW + 1 }));
    let down = true;
    const submit = vi.fn(async (): Promise<void> => {
      if (down) throw new ApiError('服务器暂时不可用', 'HTTP_503', {}, 503);
    });
    expect(await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW, random: () => 0.5 })).toEqual({
      reached: true,
      sent: 0,
      refused: 0,
    });
    expect(submit).toHaveBeenCalledTimes(1);
    const [first, second] = await store.queued();
    expect(first).toMatchObject({ clientId: 'a1', status: 'waiting', attempts: 1, nextAttemptAt: NOW + 5_000, error: { code: 'HTTP_503' } });
    expect(second).toMatchObject({ clientId: 'a2', status: 'waiting', attempts: 0 });
    // Still in its back-off: not sent by the timer, sent when someone has reason to think the server is back.
    down = false;
    expect((await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW + 1_000 })).sent).toBe(1);
    expect((await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW + 1_000, skipBackOff: true })).sent).toBe(1);
    expect(await store.queued()).toEqual([]);
  });

  it('keeps a refused answer with the server’s message and goes on with the next; never sends it again by itself', async () => {
    const { store } = phone();
    await store.queue(answer('a1'));
    await store.queue(answer('a2', { createdAt: NOW + 1 }));
    const submit = vi.fn(async (record: OutboxRecord) => {
      if (record.clientId === 'a1') throw new ApiError('问卷已截止', 'BAD_USER_INPUT', { field: 'input.token' }, 200);
    });
    expect(await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW, skipBackOff: true })).toEqual({
      reached: true,
      sent: 1,
      refused: 1,
    });
    expect(await store.queued()).toEqual([
      expect.objectContaining({ clientId: 'a1', status: 'error', error: { code: 'BAD_USER_INPUT', message: '问卷已截止', field: 'input.token' } }),
    ]);
    submit.mockClear();
    await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW, skipBackOff: true });
    expect(submit).not.toHaveBeenCalled();
  });

  it('sends an answer left “sending” by a page closed mid-send, and leaves the app’s own records alone', async () => {
    const { store, db } = phone();
    await store.queue(answer('a1', { status: 'sending' }));
    await db.outbox.add(answer('i1', { kind: 'actual', anonymous: undefined } as Partial<OutboxRecord>));
    const submit = vi.fn(async () => undefined);
    expect((await sendAnswers(store, { probe: async () => true, submit }, { now: () => NOW, skipBackOff: true })).sent).toBe(1);
    expect(submit).toHaveBeenCalledTimes(1);
    expect((await listOutbox(db)).map((r) => r.clientId)).toEqual(['i1']);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../graphql/client';
import { nextDelay } from './backoff';
import type { JixiaoDb } from './db';
import { listOutbox, markError, markSending, retryNow } from './outbox';

import { BATCH_SIZE, createSyncEngine, sendingGroups, UPLOAD_CONCURRENCY, type SyncEngineOptions } from './sync';
import type { SiteRef } from '../graphql/queries';
import { addSiteOnDevice, withQueuedSites } from '../reference/reference-data';
import { enqueue } from './outbox';
import { saveDraft } from './local-data';
import { FakeServer, freshDb, httpError, makePhoto, networkError, newSite, queueInspection, repairInput, unauthenticated } from './test-support';
import type { OutboxRecord, SyncProgress } from './types';

let db: JixiaoDb;
let server: FakeServer;
let clock: number;
const HALF = () => 0.5; // no jitter: nextDelay(n, HALF) is exactly 5 s · 2^(n−1)

beforeEach(() => {
  db = freshDb();
  server = new FakeServer();
  clock = 1_000_000;
});

function engine(extra: Partial<SyncEngineOptions> = {}) {
  return createSyncEngine({ db, api: server, now: () => clock, random: HALF, ...extra });
}

async function statuses() {
  return (await listOutbox(db)).map((record) => `${record.clientId}:${record.status}`);
}

describe('a run', () => {
  it('sends every due record in creation order in one batch, photos first (each once), and deletes each with its photos', async () => {
    const a = await makePhoto('a');
    const b = await makePhoto('b');
    // Queued out of order: creation time decides, not insertion.
    await queueInspection(db, 'third', [], 30);
    await queueInspection(db, 'first', [a, b], 10);
    await queueInspection(db, 'second', [b], 20);
    const progress: SyncProgress[] = [];

    const result = await engine({ onProgress: (p) => progress.push(p) }).syncOnce();

    expect(server.calls).toEqual([
      'probe',
      `upload ${a.sha256.slice(0, 6)}`,
      `upload ${b.sha256.slice(0, 6)}`,
      'batch 3',
      'submit first',
      'submit second',
      'submit third',
    ]);
    expect(result).toMatchObject({ phase: 'idle', done: 3, total: 3, sent: 3, refused: 0, completed: true, lastError: null, lastRunAt: clock });
    expect(await listOutbox(db)).toEqual([]);
    expect(await db.photos.count()).toBe(0);
    expect(progress.map((p) => p.phase)).toContain('uploading');
    expect(progress.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual(
      expect.arrayContaining(['probing 0/0', 'sending 0/3', 'sending 1/3', 'sending 2/3', 'sending 3/3', 'idle 3/3']),
    );
  });

  it('touches nothing when the server cannot be reached', async () => {
    await queueInspection(db, 'c1', [await makePhoto('a')], 1);
    server.reachable = false;

    const result = await engine().syncOnce();

    expect(result).toMatchObject({ phase: 'offline', completed: false, sent: 0 });
    expect(server.log('upload')).toEqual([]);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 0 });
  });

  it('counts a probe that throws as offline', async () => {
    server.probe = async () => {
      throw new Error('boom');
    };
    expect((await engine().syncOnce()).phase).toBe('offline');
  });

  it('picks up a record queued while it runs', async () => {
    await queueInspection(db, 'c1', [], 1);
    server.beforeSubmit = async (record) => {
      if (record.clientId === 'c1') await queueInspection(db, 'c2', [], 2);
    };
    const result = await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1', 'c2']);
    expect(result).toMatchObject({ done: 2, total: 2, completed: true });
  });

  it('first puts back records a closed tab left sending', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markSending(db, 'c1', 2);
    await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('never sends a record another run is sending', async () => {
    const sync = engine();
    await sync.syncOnce(); // the start-up recovery is behind us
    await queueInspection(db, 'busy', [], 1);
    await queueInspection(db, 'free', [], 2);
    await markSending(db, 'busy', 3);

    await sync.syncOnce();

    expect(server.log('submit')).toEqual(['free']);
    expect(await statuses()).toEqual(['busy:sending']);
  });
});

describe('failures', () => {
  it('network down mid-upload: the record stays queued with its photos and goes out later, nothing lost', async () => {
    const first = await makePhoto('first');
    const second = await makePhoto('second');
    await queueInspection(db, 'c1', [first, second], 1);
    await queueInspection(db, 'c2', [], 2);
    server.beforeUpload = (hash) => {
      if (hash === second.sha256) throw networkError();
    };

    const failed = await engine().syncOnce();

    expect(failed).toMatchObject({ phase: 'offline', completed: false, sent: 0 });
    expect(server.photos.has(first.sha256)).toBe(true);
    expect(server.log('submit')).toEqual([]);
    // The run stopped: c2 was not even tried against a server that just vanished.
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: clock + 5_000, error: { code: 'NETWORK' } });
    expect(await db.outbox.get('c2')).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(await db.photos.count()).toBe(2);

    server.beforeUpload = undefined;
    clock += 5_000;
    const later = await engine().syncOnce();

    expect(later).toMatchObject({ completed: true, sent: 2 });
    // The first photo goes up again: PUT is idempotent, the server keeps one copy.
    expect(server.log('upload')).toEqual([first, second, first, second].map((photo) => photo.sha256.slice(0, 6)));
    expect([...server.records.keys()]).toEqual(['c1', 'c2']);
    expect(server.photos).toEqual(new Set([first.sha256, second.sha256]));
    expect(await listOutbox(db)).toEqual([]);
  });

  it('401: the record goes back as it was, the whole queue stays, and all of it goes out after login', async () => {
    await queueInspection(db, 'c1', [await makePhoto('a')], 1);
    await queueInspection(db, 'c2', [], 2);
    await queueInspection(db, 'c3', [], 3);
    let loggedIn = false;
    server.beforeUpload = () => {
      if (!loggedIn) throw new ApiError('请先登录', 'UNAUTHENTICATED', {}, 401);
    };
    server.beforeSubmit = () => {
      if (!loggedIn) throw unauthenticated();
    };
    const onAuthRequired = vi.fn();
    const sync = engine({ onAuthRequired });

    const refused = await sync.syncOnce();

    expect(refused).toMatchObject({ phase: 'auth-required', completed: false, sent: 0 });
    expect(onAuthRequired).toHaveBeenCalledOnce();
    expect(server.log('submit')).toEqual([]);
    const queue = await listOutbox(db);
    expect(queue.map((record) => [record.clientId, record.status, record.attempts, record.error])).toEqual([
      ['c1', 'waiting', 0, null],
      ['c2', 'waiting', 0, null],
      ['c3', 'waiting', 0, null],
    ]);
    expect(await db.photos.count()).toBe(1);

    // Not at once: no back-off after a 401, the next run right after the login sends.
    loggedIn = true;
    const after = await sync.syncOnce();

    expect(after).toMatchObject({ phase: 'idle', completed: true, sent: 3 });
    expect(server.log('submit')).toEqual(['c1', 'c2', 'c3']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('401 on submit (the upload still accepted) keeps the queue too', async () => {
    await queueInspection(db, 'c1', [], 1);
    await queueInspection(db, 'c2', [], 2);
    server.beforeSubmit = () => {
      throw unauthenticated();
    };
    const onAuthRequired = vi.fn();
    const result = await engine({ onAuthRequired }).syncOnce();
    expect(result.phase).toBe('auth-required');
    expect(server.log('submit')).toEqual(['c1']);
    expect(await statuses()).toEqual(['c1:waiting', 'c2:waiting']);
    expect(onAuthRequired).toHaveBeenCalledOnce();
  });

  it('409 CONFLICT: the record is kept with the server message, the next records still go out', async () => {
    await queueInspection(db, 'c1', [], 1);
    await queueInspection(db, 'c2', [], 2);
    await queueInspection(db, 'c3', [], 3);
    // The server already holds c2 with other content.
    server.records.set('c2', { payload: '{"other":true}', submissions: 1 });
    const onRefused = vi.fn();

    const result = await engine({ onRefused }).syncOnce();

    expect(result).toMatchObject({ phase: 'idle', completed: true, sent: 2, refused: 1, lastError: 'clientId c2 已用于另一条记录' });
    expect(server.log('submit')).toEqual(['c1', 'c2', 'c3']);
    expect(await listOutbox(db)).toEqual([
      expect.objectContaining({ clientId: 'c2', status: 'error', error: { code: 'CONFLICT', message: 'clientId c2 已用于另一条记录', field: 'input.note' } }),
    ]);
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c2' }), expect.objectContaining({ code: 'CONFLICT' }));

    // A refused record waits for the user: later runs leave it alone …
    clock += 3_600_000;
    await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1', 'c2', 'c3']);

    // … until they press retry (here after an administrator sorted it out on the server).
    server.records.delete('c2');
    await retryNow(db, 'c2', clock);
    await engine().syncOnce();
    expect(await listOutbox(db)).toEqual([]);
  });

  it.each([
    ['BAD_USER_INPUT', new ApiError('说明；不合格时必填', 'BAD_USER_INPUT', { field: 'input.note' }, 200)],
    ['FORBIDDEN', new ApiError('无权提交该项目的验收', 'FORBIDDEN', {}, 200)],
    ['HTTP 404', new ApiError('服务器出错（HTTP 404）', 'HTTP_404', {}, 404)],
  ])('%s is refused like a conflict: kept with the message, the run goes on', async (_name, error) => {
    await queueInspection(db, 'bad', [], 1);
    await queueInspection(db, 'good', [], 2);
    server.beforeSubmit = (record) => {
      if (record.clientId === 'bad') throw error;
    };
    const result = await engine().syncOnce();
    expect(result).toMatchObject({ sent: 1, refused: 1, completed: true });
    expect(await listOutbox(db)).toEqual([
      expect.objectContaining({ clientId: 'bad', status: 'error', error: expect.objectContaining({ code: error.code, message: error.message }) }),
    ]);
  });

  it('a photo the server will not take (413) refuses its record, the others go out', async () => {
    const huge = await makePhoto('huge');
    await queueInspection(db, 'c1', [huge], 1);
    await queueInspection(db, 'c2', [], 2);
    server.beforeUpload = () => {
      throw new ApiError('照片文件过大，最大 15 MB，请压缩后再上传', 'PAYLOAD_TOO_LARGE', {}, 413);
    };
    const result = await engine().syncOnce();
    expect(result).toMatchObject({ sent: 1, refused: 1 });
    expect(await listOutbox(db)).toEqual([
      expect.objectContaining({ clientId: 'c1', status: 'error', error: { code: 'PAYLOAD_TOO_LARGE', message: '照片文件过大，最大 15 MB，请压缩后再上传' } }),
    ]);
    expect(await db.photos.count()).toBe(1);
  });

  it('MISSING_UPLOAD: uploads the listed photos again, resubmits once, then the record is confirmed', async () => {
    const kept = await makePhoto('kept');
    const lost = await makePhoto('lost');
    await queueInspection(db, 'c1', [kept, lost], 1);
    // The server "loses" the first upload of one photo (e.g. its disk was restored from a backup).
    let dropped = false;
    server.keepUpload = (hash) => {
      if (hash !== lost.sha256 || dropped) return true;
      dropped = true;
      return false;
    };

    const result = await engine().syncOnce();

    expect(server.calls).toEqual([
      'probe',
      `upload ${kept.sha256.slice(0, 6)}`,
      `upload ${lost.sha256.slice(0, 6)}`,
      'batch 1',
      'submit c1',
      `upload ${lost.sha256.slice(0, 6)}`,
      'batch 1',
      'submit c1',
    ]);
    expect(result).toMatchObject({ sent: 1, completed: true });
    expect(server.records.get('c1')?.submissions).toBe(1);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('MISSING_UPLOAD twice: the record is refused, not resubmitted forever', async () => {
    const photo = await makePhoto('p');
    await queueInspection(db, 'c1', [photo], 1);
    server.keepUpload = () => false;
    const result = await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1', 'c1']);
    expect(result).toMatchObject({ refused: 1, sent: 0 });
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'error', error: { code: 'MISSING_UPLOAD' } });
    expect(await db.photos.count()).toBe(1);
  });

  it('MISSING_UPLOAD for a photo no longer on the device: refused with a message, nothing resubmitted', async () => {
    const photo = await makePhoto('p');
    await queueInspection(db, 'c1', [photo], 1);
    await db.photos.clear();
    const result = await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1']);
    expect(result.refused).toBe(1);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'error', error: { code: 'PHOTO_MISSING', message: expect.stringMatching(/不在本设备上/) } });
  });

  it.each([
    ['5xx', httpError(503)],
    ['429', new ApiError('请求过于频繁', 'TOO_MANY_REQUESTS', {}, 429)],
  ])('%s: backs off, is not retried before its time, and is retried after it', async (_name, error) => {
    await queueInspection(db, 'c1', [], 1);
    await queueInspection(db, 'c2', [], 2);
    let failures = 1;
    server.beforeSubmit = () => {
      if (failures-- > 0) throw error;
    };

    const first = await engine().syncOnce();

    expect(first).toMatchObject({ phase: 'idle', completed: false, lastError: error.message });
    const delay = nextDelay(1, HALF);
    // The batch's request failed: both of its records wait out the back-off, and the run stopped.
    for (const clientId of ['c1', 'c2'])
      expect(await db.outbox.get(clientId)).toMatchObject({
        status: 'waiting',
        attempts: 1,
        nextAttemptAt: clock + delay,
        error: { code: error.code, message: error.message },
      });
    expect(server.log('submit')).toEqual(['c1']);

    clock += delay - 1;
    await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1']);
    expect(await statuses()).toEqual(['c1:waiting', 'c2:waiting']);

    clock += 1;
    await engine().syncOnce();
    expect(server.log('submit')).toEqual(['c1', 'c1', 'c2']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('repeated 5xx waits longer each time', async () => {
    await queueInspection(db, 'c1', [], 1);
    server.beforeSubmit = () => {
      throw httpError(502);
    };
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = clock;
      await engine().syncOnce();
      const record = await db.outbox.get('c1');
      waits.push(record!.nextAttemptAt - before);
      clock = record!.nextAttemptAt;
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('a failure on the device itself keeps the record for later and goes on', async () => {
    await queueInspection(db, 'c1', [], 1);
    await queueInspection(db, 'c2', [], 2);
    server.beforeSubmit = (record) => {
      if (record.clientId === 'c1') throw new TypeError('bug in a form');
    };
    const result = await engine().syncOnce();
    expect(result).toMatchObject({ sent: 1, refused: 0, lastError: 'bug in a form' });
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 1, error: { code: 'CLIENT_ERROR' } });
  });
});

describe('no record lost, none doubled', () => {
  it('the server stored it but the answer was lost: the record stays, the resubmission is confirmed, then deleted', async () => {
    const photo = await makePhoto('p');
    await queueInspection(db, 'c1', [photo], 1);
    let loseAnswer = true;
    server.afterStore = () => {
      if (loseAnswer) {
        loseAnswer = false;
        throw networkError();
      }
    };

    await engine().syncOnce();

    expect(server.records.get('c1')?.submissions).toBe(1);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(await db.photos.count()).toBe(1);

    clock += 60_000;
    const result = await engine().syncOnce();

    // The same clientId again: the server returns what it stored (still one record there).
    expect(result).toMatchObject({ sent: 1 });
    expect(server.log('submit')).toEqual(['c1', 'c1']);
    expect([...server.records.keys()]).toEqual(['c1']);
    expect(await listOutbox(db)).toEqual([]);
    expect(await db.photos.count()).toBe(0);
  });

  it('two overlapping syncOnce calls share one run: each record is sent once', async () => {
    for (let i = 1; i <= 5; i++) await queueInspection(db, `c${i}`, [await makePhoto(`p${i}`)], i);
    const sync = engine();

    const first = sync.syncOnce();
    const second = sync.syncOnce();
    expect(second).toBe(first);
    expect(sync.running).toBe(true);
    await Promise.all([first, second]);

    expect(sync.running).toBe(false);
    expect(server.log('probe')).toHaveLength(1);
    expect(server.log('submit')).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('two engines on one database (two tabs) never send a record twice', async () => {
    for (let i = 1; i <= 6; i++) await queueInspection(db, `c${i}`, [], i);
    const tabA = engine();
    const tabB = engine();

    await Promise.all([tabA.syncOnce(), tabB.syncOnce()]);

    const submits = server.log('submit');
    expect([...submits].sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('a record is never deleted without the server confirming it', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markError(db, 'c1', { code: 'CONFLICT', message: 'x' });
    await queueInspection(db, 'c2', [], 2);
    server.reachable = true;
    server.beforeSubmit = () => {
      throw httpError(500);
    };
    await engine().syncOnce();
    expect(await statuses()).toEqual(['c1:error', 'c2:waiting']);
  });
});

describe('batches and parallel uploads', () => {
  it(`sends 60 acceptances in batches of ${BATCH_SIZE}, their photos at most ${UPLOAD_CONCURRENCY} at a time, and confirms every one`, async () => {
    for (let i = 1; i <= 60; i++) await queueInspection(db, `c${String(i).padStart(2, '0')}`, [await makePhoto(`p${i}`), await makePhoto(`q${i}`)], i);
    let uploading = 0;
    let most = 0;
    server.beforeUpload = async () => {
      uploading += 1;
      most = Math.max(most, uploading);
      await new Promise((resolve) => setTimeout(resolve, 2));
      uploading -= 1;
    };

    const result = await engine().syncOnce();

    expect(result).toMatchObject({ completed: true, sent: 60, done: 60, total: 60 });
    expect(server.log('batch')).toEqual(['25', '25', '10']);
    expect(server.log('submit')).toEqual(Array.from({ length: 60 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`));
    expect(server.log('upload')).toHaveLength(120);
    expect(most).toBe(UPLOAD_CONCURRENCY);
    expect(server.photos.size).toBe(120);
    expect(await listOutbox(db)).toEqual([]);
    expect(await db.photos.count()).toBe(0);
  });

  it('a batch refused as a whole is sent again one record at a time: the refusal lands on its record, the others are stored', async () => {
    for (let i = 1; i <= 3; i++) await queueInspection(db, `c${i}`, [], i);
    server.beforeBatch = () => {
      throw new ApiError('Variable "$inputs" got invalid value', 'BAD_USER_INPUT', {}, 400);
    };
    server.beforeSubmit = (record) => {
      if (record.clientId === 'c2') throw new ApiError('验收对象最长 200 个字符', 'BAD_USER_INPUT', { field: 'input.itemName' }, 200);
    };
    const result = await engine().syncOnce();
    expect(result).toMatchObject({ completed: true, sent: 2, refused: 1 });
    expect(server.log('submit')).toEqual(['c1', 'c2', 'c3']);
    expect(await listOutbox(db)).toEqual([
      expect.objectContaining({
        clientId: 'c2',
        status: 'error',
        error: { code: 'BAD_USER_INPUT', message: '验收对象最长 200 个字符', field: 'input.itemName' },
      }),
    ]);
  });

  it('the next batch prepared ahead goes back to waiting, untouched, when the batch before it finds the server gone', async () => {
    for (let i = 1; i <= BATCH_SIZE + 5; i++) await queueInspection(db, `c${i}`, [await makePhoto(`p${i}`)], i);
    server.beforeBatch = (records) => {
      if (records[0].clientId === 'c1') throw networkError();
    };
    const result = await engine().syncOnce();
    expect(result).toMatchObject({ phase: 'offline', completed: false, sent: 0 });
    const queue = await listOutbox(db);
    expect(queue).toHaveLength(BATCH_SIZE + 5);
    expect(queue.filter((record) => record.attempts === 1).map((record) => record.clientId)).toHaveLength(BATCH_SIZE);
    expect(queue.filter((record) => record.attempts === 0 && record.status === 'waiting' && record.nextAttemptAt <= clock)).toHaveLength(5);
    expect(await db.photos.count()).toBe(BATCH_SIZE + 5);

    server.beforeBatch = undefined;
    clock += 60_000;
    expect(await engine().syncOnce()).toMatchObject({ completed: true, sent: BATCH_SIZE + 5 });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('groups due records by kind and login, in order, at most BATCH_SIZE a batch; other kinds go one at a time', () => {
    const record = (clientId: string, kind: OutboxRecord['kind'], anonymous = false) => ({ clientId, kind, anonymous }) as OutboxRecord;
    const due = [
      record('s1', 'site'),
      ...Array.from({ length: BATCH_SIZE + 1 }, (_, i) => record(`i${i}`, 'inspection')),
      record('r1', 'surveyResponse'),
      record('r2', 'surveyResponse', true),
      record('r3', 'surveyResponse', true),
      record('a1', 'actual'),
      record('a2', 'spending'),
      record('i99', 'inspection'),
    ];
    expect(sendingGroups(due).map((group) => group.map((r) => r.clientId).join(','))).toEqual([
      's1',
      Array.from({ length: BATCH_SIZE }, (_, i) => `i${i}`).join(','),
      `i${BATCH_SIZE}`,
      'r1',
      'r2,r3',
      'a1,a2',
      'i99',
    ]);
  });
});

describe('progress', () => {
  it('reports the phase as it goes and keeps the last run time', async () => {
    await queueInspection(db, 'c1', [await makePhoto('a')], 1);
    const phases: string[] = [];
    const sync = engine({ onProgress: (p) => phases.push(p.phase) });
    await sync.syncOnce();
    expect(phases).toEqual(['probing', 'sending', 'uploading', 'sending', 'sending', 'idle']);
    expect(sync.progress).toMatchObject({ phase: 'idle', done: 1, total: 1, lastRunAt: clock });
    expect(sync.lastSyncedAt).toBe(clock);
  });

  it('a throwing progress handler does not break the sync', async () => {
    await queueInspection(db, 'c1', [], 1);
    const result = await engine({
      onProgress: () => {
        throw new Error('screen bug');
      },
    }).syncOnce();
    expect(result.sent).toBe(1);
  });
});

describe('asked to sync now (the 同步 button, online, back in the foreground)', () => {
  /** c1 failed once on the network: it waits out a 5 s back-off. */
  async function inBackOff(sync = engine()) {
    await queueInspection(db, 'c1', [], 1);
    // The probe got through, then the server went away mid-submit.
    server.beforeSubmit = () => {
      throw networkError();
    };
    await sync.syncOnce();
    server.beforeSubmit = undefined;
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: clock + 5_000 });
    return sync;
  }

  it('sends a record still in its back-off at once when the server answers', async () => {
    const sync = await inBackOff();
    clock += 1_000;

    // The timer respects the back-off…
    expect(await sync.syncOnce()).toMatchObject({ completed: true, sent: 0 });
    expect(server.log('submit')).toEqual(['c1']);
    // …the user does not have to.
    expect(await sync.syncOnce({ now: true })).toMatchObject({ completed: true, sent: 1 });
    expect(server.log('submit')).toEqual(['c1', 'c1']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('changes nothing while the server is still gone', async () => {
    const sync = await inBackOff();
    server.reachable = false;
    clock += 1_000;

    expect(await sync.syncOnce({ now: true })).toMatchObject({ phase: 'offline', completed: false });
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: clock - 1_000 + 5_000 });
  });

  it('leaves records the server refused alone', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markError(db, 'c1', { code: 'CONFLICT', message: 'x' });

    expect(await engine().syncOnce({ now: true })).toMatchObject({ sent: 0 });
    expect(server.log('submit')).toEqual([]);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'error' });
  });

  it('a tap during a run that found no server starts another run right after it, which sends', async () => {
    await queueInspection(db, 'c1', [], 1);
    const sync = engine();
    // The server is down when the first run probes, and back before that probe has failed.
    let answerProbe!: (reachable: boolean) => void;
    server.probe = () =>
      new Promise<boolean>((resolve) => {
        answerProbe = resolve;
      });

    const first = sync.syncOnce();
    await vi.waitFor(() => expect(answerProbe).toBeDefined(), { timeout: 10_000 });
    const tapped = sync.syncOnce({ now: true });
    const tappedAgain = sync.syncOnce({ now: true });
    const timer = sync.syncOnce();
    expect(tapped).not.toBe(first);
    // However often asked meanwhile, one more run.
    expect(tappedAgain).toBe(tapped);
    expect(timer).toBe(tapped);

    server.probe = async () => true;
    answerProbe(false);
    expect(await first).toMatchObject({ phase: 'offline', sent: 0 });
    expect(sync.running).toBe(true);
    expect(await tapped).toMatchObject({ completed: true, sent: 1 });
    expect(sync.running).toBe(false);
    expect(server.log('submit')).toEqual(['c1']);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('without `now`, a call during a run joins it', async () => {
    await queueInspection(db, 'c1', [], 1);
    const sync = engine();
    const first = sync.syncOnce();
    expect(sync.syncOnce()).toBe(first);
    await first;
    expect(server.log('probe')).toHaveLength(1);
  });
});

describe('sites added on the device', () => {
  const SERVER_SITE: SiteRef = { id: 'server-site', orgCode: '218101', name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: '大孟庄镇' };

  async function queueAcceptanceAt(clientId: string, siteId: string, createdAt: number) {
    const payload = repairInput([], { siteId, itemName: `item ${clientId}` });
    await enqueue(db, { clientId, kind: 'inspection', payload, photoHashes: [], title: `验收 ${clientId}` }, [], createdAt);
  }

  async function cachedSites(): Promise<SiteRef[]> {
    return ((await db.reference.get('sites'))?.data as SiteRef[] | undefined) ?? [];
  }

  it('sends a new site before the acceptances that name it, even one queued later', async () => {
    await queueAcceptanceAt('a1', 'device-site', 10);
    await addSiteOnDevice(db, newSite('device-site'), '新增地点 · 大孟庄法庭', 20);
    await queueInspection(db, 'a0', [], 5);

    const result = await engine().syncOnce();

    expect(server.log('submit')).toEqual(['device-site', 'a0', 'a1']);
    expect(result).toMatchObject({ sent: 3, refused: 0, completed: true });
    expect(server.inspections.get('a1')?.siteId).toBe('device-site');
    expect(await listOutbox(db)).toEqual([]);
  });

  it("uses the server's site when it already had one of that name: queued acceptances, drafts and the cached list", async () => {
    server.sites.set('218101|大孟庄法庭', SERVER_SITE);
    await db.reference.put({ name: 'sites', data: [], fetchedAt: 1 });
    await addSiteOnDevice(db, newSite('device-site'), '新增地点 · 大孟庄法庭', 10);
    await queueAcceptanceAt('a1', 'device-site', 20);
    await saveDraft(db, 'inspection:REPAIR:p1', { clientId: 'a2', siteId: 'device-site', itemName: '院墙' }, 30);
    expect((await cachedSites()).map((site) => site.id)).toEqual(['device-site']);

    await engine().syncOnce();

    expect(server.inspections.get('a1')?.siteId).toBe('server-site');
    expect(await cachedSites()).toEqual([SERVER_SITE]);
    expect((await db.drafts.get('inspection:REPAIR:p1'))?.data).toMatchObject({ siteId: 'server-site', itemName: '院墙' });
    expect(server.sites.size).toBe(1);
  });

  it('holds an acceptance back while its site is refused, and sends both once the site goes through', async () => {
    let refuse = true;
    server.beforeSubmit = (record) => {
      if (record.kind === 'site' && refuse) throw new ApiError('无权在该单位新建地点', 'FORBIDDEN', {}, 200);
    };
    await addSiteOnDevice(db, newSite('device-site'), '新增地点 · 大孟庄法庭', 10);
    await queueAcceptanceAt('a1', 'device-site', 20);

    const first = await engine().syncOnce();
    expect(first).toMatchObject({ sent: 0, refused: 1 });
    expect(server.log('submit')).toEqual(['device-site']);
    expect(await statuses()).toEqual(['device-site:error', 'a1:waiting']);
    expect(await db.outbox.get('a1')).toMatchObject({ attempts: 0, error: null });

    refuse = false;
    await retryNow(db, 'device-site', clock);
    const second = await engine().syncOnce();
    expect(second).toMatchObject({ sent: 2, refused: 0 });
    expect(server.log('submit')).toEqual(['device-site', 'device-site', 'a1']);
  });

  it('keeps a site still queued in the list a refresh brings, and only once', async () => {
    await addSiteOnDevice(db, newSite('device-site'), '新增地点 · 大孟庄法庭', 10);
    const other: SiteRef = { ...SERVER_SITE, id: 's2', name: '城关法庭' };
    expect((await withQueuedSites(db, [other])).map((site) => site.id)).toEqual(['s2', 'device-site']);
    expect((await withQueuedSites(db, [other, { ...other, id: 'device-site' }])).map((site) => site.id)).toEqual(['s2', 'device-site']);
  });
});

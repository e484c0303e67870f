import { beforeEach, describe, expect, it } from 'vitest';
import type { JixiaoDb } from './db';
import { cacheReference, clearSession, deleteDraft, loadDraft, readReference, readSession, saveDraft, saveSession } from './local-data';
import {
  confirm,
  countUnsynced,
  enqueue,
  exportUnsynced,
  isStoragePersisted,
  listDue,
  listOutbox,
  markError,
  markSending,
  recoverInterrupted,
  requestPersistentStorage,
  retryNow,
  scheduleRetry,
  storageEstimate,
  type OutboxExport,
} from './outbox';
import { dataUrlToBlob } from './photos';
import { freshDb, makePhoto, queueInspection, repairInput } from './test-support';

let db: JixiaoDb;
beforeEach(() => {
  db = freshDb();
});

describe('enqueue', () => {
  it('stores the record and its photos, waiting and due at once', async () => {
    const photo = await makePhoto('roof');
    const { record, created } = await enqueue(
      db,
      { clientId: 'c1', kind: 'inspection', payload: repairInput([photo], { itemName: '屋面' }), photoHashes: [photo.sha256], title: '维修验收 · 屋面' },
      [photo],
      1_000,
    );

    expect(created).toBe(true);
    expect(record).toMatchObject({ clientId: 'c1', status: 'waiting', attempts: 0, error: null, nextAttemptAt: 1_000, createdAt: 1_000 });
    // The payload is what the mutation receives: it carries the clientId the server dedupes on.
    expect(record.payload).toEqual({ ...repairInput([photo], { itemName: '屋面' }), clientId: 'c1' });
    expect(await listOutbox(db)).toEqual([record]);
    expect((await db.photos.get(photo.sha256))?.bytes).toBe(photo.bytes);
  });

  it('queuing the same clientId twice keeps one record, the first', async () => {
    const photo = await makePhoto('roof');
    const first = await queueInspection(db, 'c1', [photo], 1_000);
    const again = await enqueue(
      db,
      { clientId: 'c1', kind: 'inspection', payload: repairInput([], { itemName: 'changed' }), photoHashes: [], title: 'again' },
      [],
      2_000,
    );

    expect(again).toEqual({ record: first, created: false });
    expect(await countUnsynced(db)).toBe(1);
    expect(await db.photos.count()).toBe(1);
  });

  it('two concurrent enqueues of one clientId (a double tap) make one record', async () => {
    const photo = await makePhoto('roof');
    const results = await Promise.all([queueInspection(db, 'c1', [photo], 1), queueInspection(db, 'c1', [photo], 2)]);
    expect(results[0]).toEqual(results[1]);
    expect(await countUnsynced(db)).toBe(1);
  });

  it('refuses a record naming a photo that is not on the device, and stores nothing', async () => {
    const kept = await makePhoto('kept');
    const lost = await makePhoto('lost');
    await expect(
      enqueue(db, { clientId: 'c1', kind: 'inspection', payload: repairInput([kept, lost]), photoHashes: [kept.sha256, lost.sha256], title: 't' }, [kept]),
    ).rejects.toThrow(/照片未保存/);
    expect(await countUnsynced(db)).toBe(0);
    expect(await db.photos.count()).toBe(0);
  });

  it('accepts a photo already stored for another queued record', async () => {
    const shared = await makePhoto('shared');
    await queueInspection(db, 'c1', [shared], 1);
    await enqueue(db, { clientId: 'c2', kind: 'inspection', payload: repairInput([shared]), photoHashes: [shared.sha256], title: 't' }, [], 2);
    expect(await countUnsynced(db)).toBe(2);
  });

  it('does not keep photos the record does not name', async () => {
    const named = await makePhoto('named');
    const stray = await makePhoto('stray');
    await enqueue(db, { clientId: 'c1', kind: 'inspection', payload: repairInput([named]), photoHashes: [named.sha256], title: 't' }, [named, stray]);
    expect(await db.photos.toCollection().primaryKeys()).toEqual([named.sha256]);
  });

  it('refuses a payload whose clientId differs from the record', async () => {
    await expect(
      enqueue(db, { clientId: 'c1', kind: 'actual', payload: { clientId: 'c2', indicatorId: 'i1', value: '5个' }, photoHashes: [], title: 't' }, []),
    ).rejects.toThrow(/不一致/);
  });
});

describe('confirm', () => {
  it('deletes the record and the photos no other queued record names, keeping shared ones', async () => {
    const own = await makePhoto('own');
    const shared = await makePhoto('shared');
    const other = await makePhoto('other');
    await queueInspection(db, 'c1', [own, shared], 1);
    await queueInspection(db, 'c2', [shared, other], 2);

    await confirm(db, 'c1');

    expect((await listOutbox(db)).map((record) => record.clientId)).toEqual(['c2']);
    expect((await db.photos.toCollection().primaryKeys()).sort()).toEqual([shared.sha256, other.sha256].sort());

    await confirm(db, 'c2');
    expect(await db.photos.count()).toBe(0);
  });

  it('of an unknown clientId changes nothing', async () => {
    const photo = await makePhoto('p');
    await queueInspection(db, 'c1', [photo], 1);
    await confirm(db, 'nope');
    expect(await countUnsynced(db)).toBe(1);
    expect(await db.photos.count()).toBe(1);
  });
});

describe('status changes', () => {
  it('markSending claims a waiting record once; a second claim gets nothing', async () => {
    await queueInspection(db, 'c1', [], 1);
    expect(await markSending(db, 'c1', 5)).toMatchObject({ status: 'sending', updatedAt: 5 });
    expect(await markSending(db, 'c1', 6)).toBeNull();
    expect(await markSending(db, 'missing', 6)).toBeNull();
  });

  it('recoverInterrupted puts records left sending back to waiting, due now', async () => {
    await queueInspection(db, 'c1', [], 1);
    await queueInspection(db, 'c2', [], 2);
    await queueInspection(db, 'c3', [], 3);
    await markSending(db, 'c1', 10);
    await markSending(db, 'c2', 10);
    await markError(db, 'c3', { code: 'CONFLICT', message: 'x' });

    expect(await recoverInterrupted(db, 50)).toBe(2);
    const records = await listOutbox(db);
    expect(records.map((record) => [record.clientId, record.status, record.nextAttemptAt])).toEqual([
      ['c1', 'waiting', 50],
      ['c2', 'waiting', 50],
      ['c3', 'error', 3],
    ]);
  });

  it('scheduleRetry counts the attempt and waits the back-off', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markSending(db, 'c1', 2);
    await scheduleRetry(db, 'c1', { code: 'NETWORK', message: 'down' }, 1_000, () => 0.5);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: 6_000, error: { code: 'NETWORK', message: 'down' } });
    await scheduleRetry(db, 'c1', { code: 'NETWORK', message: 'down' }, 6_000, () => 0.5);
    expect(await db.outbox.get('c1')).toMatchObject({ attempts: 2, nextAttemptAt: 16_000 });
  });

  it('retryNow makes a refused or backing-off record due now and clears its error', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markError(db, 'c1', { code: 'CONFLICT', message: '内容不同', field: 'input.note' }, 2);
    await retryNow(db, 'c1', 3);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', error: null, nextAttemptAt: 3 });

    await scheduleRetry(db, 'c1', { code: 'NETWORK', message: 'down' }, 10, () => 0.5);
    await retryNow(db, 'c1', 11);
    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', nextAttemptAt: 11, attempts: 1 });
  });

  it('retryNow leaves a record being sent alone', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markSending(db, 'c1', 2);
    await retryNow(db, 'c1', 3);
    expect((await db.outbox.get('c1'))?.status).toBe('sending');
  });

  it('listDue gives waiting records whose time has come, oldest first', async () => {
    await queueInspection(db, 'late', [], 30);
    await queueInspection(db, 'early', [], 10);
    await queueInspection(db, 'refused', [], 5);
    await queueInspection(db, 'backing-off', [], 1);
    await markError(db, 'refused', { code: 'FORBIDDEN', message: 'no' });
    await scheduleRetry(db, 'backing-off', { code: 'HTTP_503', message: 'busy' }, 40, () => 0.5);

    expect((await listDue(db, 45)).map((record) => record.clientId)).toEqual(['early', 'late']);
    expect((await listDue(db, 40 + 5_000)).map((record) => record.clientId)).toEqual(['backing-off', 'early', 'late']);
  });
});

describe('exportUnsynced', () => {
  it('writes every unsynced record and its photos as base64 data URLs', async () => {
    const roof = await makePhoto('roof bytes');
    const big = await makePhoto('x'.repeat(100_000));
    await queueInspection(db, 'c1', [roof], 1);
    await queueInspection(db, 'c2', [roof, big], 2);
    await markError(db, 'c2', { code: 'CONFLICT', message: '内容不同' });

    const file = await exportUnsynced(db, Date.UTC(2024, 0, 5, 6, 30));
    expect(file.type).toBe('application/json');
    const content = JSON.parse(await file.text()) as OutboxExport;

    expect(content).toMatchObject({ format: 'jixiao-outbox', version: 1, exportedAt: '2024-01-05T06:30:00.000Z', missingPhotos: [] });
    expect(content.records.map((record) => [record.clientId, record.status])).toEqual([
      ['c1', 'waiting'],
      ['c2', 'error'],
    ]);
    expect(content.records[1].payload).toMatchObject({ clientId: 'c2' });
    // A photo two records share is written once.
    expect(content.photos.map((photo) => photo.sha256)).toEqual([roof.sha256, big.sha256]);
    for (const [photo, original] of [
      [content.photos[0], roof],
      [content.photos[1], big],
    ] as const) {
      expect(photo.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
      expect(await dataUrlToBlob(photo.dataUrl).text()).toBe(await original.blob.text());
      expect(photo).toMatchObject({ width: 4, height: 3, bytes: original.bytes, type: 'image/jpeg' });
    }
  });

  it('of an empty outbox is a valid file with no records', async () => {
    const content = JSON.parse(await (await exportUnsynced(db, 0)).text()) as OutboxExport;
    expect(content).toMatchObject({ records: [], photos: [], missingPhotos: [] });
  });
});

describe('storage', () => {
  it('reports usage and quota when the browser tells', async () => {
    const navigatorLike = { storage: { estimate: async () => ({ usage: 1_000, quota: 50_000 }) } };
    expect(await storageEstimate(navigatorLike)).toEqual({ usage: 1_000, quota: 50_000 });
  });

  it.each([
    ['no navigator', null],
    ['no StorageManager', {}],
    ['an estimate without numbers', { storage: { estimate: async () => ({}) } }],
    [
      'an estimate that fails',
      {
        storage: {
          estimate: async () => {
            throw new Error('denied');
          },
        },
      },
    ],
  ])('reports null with %s', async (_case, navigatorLike) => {
    expect(await storageEstimate(navigatorLike as never)).toBeNull();
  });

  it('asks for persistent storage unless already granted', async () => {
    let asked = 0;
    const granting = { storage: { persisted: async () => false, persist: async () => (asked++, true) } };
    expect(await requestPersistentStorage(granting)).toBe(true);
    expect(asked).toBe(1);

    const already = { storage: { persisted: async () => true, persist: async () => (asked++, false) } };
    expect(await requestPersistentStorage(already)).toBe(true);
    expect(asked).toBe(1);
    expect(await isStoragePersisted(already)).toBe(true);

    expect(await requestPersistentStorage({ storage: { persisted: async () => false, persist: async () => false } })).toBe(false);
    expect(await requestPersistentStorage(null)).toBe(false);
    expect(await requestPersistentStorage({})).toBe(false);
  });
});

describe('drafts, reference data and the session', () => {
  it('keep what was saved until deleted', async () => {
    const photo = new Blob(['draft photo'], { type: 'image/jpeg' });
    await saveDraft(db, 'inspection:c1', { note: '屋面', photo }, 5);
    const draft = await loadDraft<{ note: string; photo: Blob }>(db, 'inspection:c1');
    expect(draft).toMatchObject({ formId: 'inspection:c1', updatedAt: 5, data: { note: '屋面' } });
    expect(await draft?.data.photo.text()).toBe('draft photo');
    await deleteDraft(db, 'inspection:c1');
    expect(await loadDraft(db, 'inspection:c1')).toBeUndefined();

    await cacheReference(db, 'sites', [{ id: 's1' }], 7);
    expect(await readReference(db, 'sites')).toEqual({ name: 'sites', data: [{ id: 's1' }], fetchedAt: 7 });

    const user = { id: 'u1', username: 'li', role: 'INSPECTOR' as const, orgCode: '218101', orgName: '武清区人民法院' };
    await saveSession(db, { token: 't', user }, 9);
    expect(await readSession(db)).toEqual({ token: 't', user, savedAt: 9 });
    await clearSession(db);
    expect(await readSession(db)).toBeUndefined();
  });
});

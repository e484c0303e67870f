import { beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, watch, type Ref } from 'vue';
import type { JixiaoDb } from '../offline/db';
import { confirm, markError, type OutboxExport } from '../offline/outbox';
import { freshDb, makePhoto, queueInspection } from '../offline/test-support';
import { exportFileName, useOutbox } from './useOutbox';

/** Resolves when `predicate(source.value)` holds: waits for the live query, no sleeping. */
function until<T>(source: Ref<T>, predicate: (value: T) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = watch(
      source,
      (value) => {
        if (!predicate(value)) return;
        queueMicrotask(() => stop());
        resolve();
      },
      { immediate: true },
    );
  });
}

let db: JixiaoDb;
beforeEach(() => {
  db = freshDb();
});

describe('useOutbox', () => {
  it('lists the queued records live, with the unsynced and refused counts', async () => {
    const scope = effectScope();
    const outbox = scope.run(() => useOutbox({ db, navigator: null }))!;
    await until(outbox.loaded, Boolean);
    expect(outbox.records.value).toEqual([]);
    expect(outbox.unsyncedCount.value).toBe(0);

    await queueInspection(db, 'c2', [], 2);
    await queueInspection(db, 'c1', [await makePhoto('p')], 1);
    await until(outbox.unsyncedCount, (count) => count === 2);
    expect(outbox.records.value.map((record) => record.clientId)).toEqual(['c1', 'c2']);

    await markError(db, 'c2', { code: 'CONFLICT', message: '内容不同' });
    await until(outbox.errorCount, (count) => count === 1);

    await confirm(db, 'c1');
    await until(outbox.unsyncedCount, (count) => count === 1);
    scope.stop();
  });

  it('retry puts a refused record back in the queue and asks for a sync', async () => {
    await queueInspection(db, 'c1', [], 1);
    await markError(db, 'c1', { code: 'FORBIDDEN', message: '无权' });
    const afterRetry = vi.fn();
    const outbox = useOutbox({ db, navigator: null, now: () => 77, afterRetry });

    await outbox.retry('c1');

    expect(await db.outbox.get('c1')).toMatchObject({ status: 'waiting', error: null, nextAttemptAt: 77 });
    expect(afterRetry).toHaveBeenCalledOnce();
    await until(outbox.errorCount, (count) => count === 0);
    outbox.stop();
  });

  it('exports the unsynced records to a date-stamped file', async () => {
    const photo = await makePhoto('roof');
    await queueInspection(db, 'c1', [photo], 1);
    const download = vi.fn();
    const at = new Date(2024, 0, 5, 14, 30).getTime();
    const outbox = useOutbox({ db, navigator: null, now: () => at, download });

    const filename = await outbox.exportFile();

    expect(filename).toBe('jixiao-unsynced-20240105-1430.json');
    expect(download).toHaveBeenCalledWith(expect.any(Blob), filename);
    const content = JSON.parse(await (download.mock.calls[0][0] as Blob).text()) as OutboxExport;
    expect(content.records.map((record) => record.clientId)).toEqual(['c1']);
    expect(content.photos.map((stored) => stored.sha256)).toEqual([photo.sha256]);
    outbox.stop();
  });

  it('shows the storage used and left, and asks for persistent storage', async () => {
    let persisted = false;
    const navigatorLike = {
      storage: {
        estimate: async () => ({ usage: 2_000_000, quota: 100_000_000 }),
        persisted: async () => persisted,
        persist: async () => (persisted = true),
      },
    };
    const outbox = useOutbox({ db, navigator: navigatorLike });
    await until(outbox.storage, (value) => value !== null);
    expect(outbox.storage.value).toEqual({ usage: 2_000_000, quota: 100_000_000 });
    expect(outbox.persisted.value).toBe(false);

    expect(await outbox.requestPersistence()).toBe(true);
    expect(outbox.persisted.value).toBe(true);
    outbox.stop();
  });

  it.each([
    [new Date(2023, 11, 31, 23, 59).getTime(), 'jixiao-unsynced-20231231-2359.json'],
    [new Date(2024, 5, 1, 8, 5).getTime(), 'jixiao-unsynced-20240601-0805.json'],
  ])('names the export file after the local time %#', (at, expected) => {
    expect(exportFileName(at)).toBe(expected);
  });
});

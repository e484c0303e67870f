/**
 * The outbox: records made on the device wait here, with their photos, until the server confirmed
 * them (docs/api.md "Field evidence and the sync protocol"). Plain functions over the database; the sync engine and the
 * screens both call them.
 */
import { nextDelay } from './backoff';
import type { JixiaoDb } from './db';
import { blobToDataUrl } from './photos';
import type { SiteRef } from '../graphql/queries';
import type { OutboxRecord, RecordKind, RecordPayloads, StoredPhoto } from './types';

export type OutboxError = NonNullable<OutboxRecord['error']>;

/** What a screen hands to {@link enqueue}; the outbox fills in status, attempts and times. */
export type NewOutboxRecord = {
  [K in RecordKind]: {
    clientId: string;
    kind: K;
    /** The mutation's input; its `clientId` is set to the record's when absent. */
    payload: Omit<RecordPayloads[K], 'clientId'> & { clientId?: string };
    /** Every photo hash the payload names, the signature's included. */
    photoHashes: string[];
    title: string;
    anonymous?: boolean;
  };
}[RecordKind];

export interface EnqueueResult {
  record: OutboxRecord;
  /** false when the clientId was already queued (the earlier record is kept unchanged). */
  created: boolean;
}

/**
 * Queues a record and stores its photos in one transaction: either both are saved or neither.
 * Queuing the same clientId again (a double tap, a resubmitted form) changes nothing.
 *
 * @example
 * await enqueue(db, { clientId, kind: 'inspection', payload, photoHashes: [a.sha256], title: '维修验收 · 大孟庄法庭' }, [toStoredPhoto(a)]);
 */
export async function enqueue(db: JixiaoDb, input: NewOutboxRecord, photos: StoredPhoto[] = [], now: number = Date.now()): Promise<EnqueueResult> {
  const payloadClientId = input.payload.clientId;
  if (payloadClientId !== undefined && payloadClientId !== input.clientId) {
    throw new Error(`payload.clientId (${String(payloadClientId)}) 与记录的 clientId (${input.clientId}) 不一致`);
  }
  // A site's id is its key on the server and the record's clientId; createSite has no clientId field.
  if (input.kind === 'site' && input.payload.id !== input.clientId) {
    throw new Error(`地点 id (${input.payload.id}) 与记录的 clientId (${input.clientId}) 不一致`);
  }
  const photoHashes = [...new Set(input.photoHashes)];
  const named = new Set(photoHashes);
  // A photo the record does not name would never be deleted: keep only the named ones.
  const given = new Map(photos.filter((photo) => named.has(photo.sha256)).map((photo) => [photo.sha256, photo]));
  // The kind and its payload come from the same member of NewOutboxRecord; TypeScript cannot follow that through a spread.
  const record = {
    clientId: input.clientId,
    kind: input.kind,
    payload: input.kind === 'site' ? { ...input.payload } : { ...input.payload, clientId: input.clientId },
    photoHashes,
    title: input.title,
    status: 'waiting',
    error: null,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    ...(input.anonymous ? { anonymous: true } : {}),
  } as OutboxRecord;

  return db.transaction('rw', db.outbox, db.photos, async () => {
    const existing = await db.outbox.get(input.clientId);
    if (existing) return { record: existing, created: false };
    const absent = photoHashes.filter((hash) => !given.has(hash));
    const stored = await db.photos.bulkGet(absent);
    const missing = absent.filter((_hash, i) => !stored[i]);
    // Better to refuse now, with the form still open, than to fail with MISSING_UPLOAD later.
    if (missing.length > 0) throw new Error(`记录引用的照片未保存：${missing.join(', ')}`);
    await db.photos.bulkPut([...given.values()]);
    await db.outbox.add(record);
    return { record, created: true };
  });
}

/** Every queued record, oldest first. */
export function listOutbox(db: JixiaoDb): Promise<OutboxRecord[]> {
  return db.outbox.orderBy('createdAt').toArray();
}

/** Records not yet confirmed by the server (waiting, sending or refused). */
export function countUnsynced(db: JixiaoDb): Promise<number> {
  return db.outbox.count();
}

/**
 * Records due for sending now, in sending order (see {@link bySendingOrder}). Refused ones (status
 * error) wait for {@link retryNow}.
 */
export async function listDue(db: JixiaoDb, now: number): Promise<OutboxRecord[]> {
  const waiting = await db.outbox.where('status').equals('waiting').toArray();
  return waiting.filter((record) => record.nextAttemptAt <= now).sort(bySendingOrder);
}

/**
 * New sites first, then oldest first: an acceptance recorded at a site added on the device must
 * find that site on the server.
 */
export function bySendingOrder(a: OutboxRecord, b: OutboxRecord): number {
  return Number(b.kind === 'site') - Number(a.kind === 'site') || byCreation(a, b);
}

/**
 * The site a record names that is still queued on this device (not yet on the server), or null:
 * such a record waits until the site is confirmed. A site's record has its id as clientId.
 */
export async function queuedSiteOf(db: JixiaoDb, record: OutboxRecord): Promise<OutboxRecord | null> {
  if (record.kind !== 'inspection' || !record.payload.siteId) return null;
  const site = await db.outbox.get(record.payload.siteId);
  return site?.kind === 'site' ? site : null;
}

/**
 * The server stored a site added on the device as `site`. When it already had one of that name in
 * the unit, its id differs from the device's: queued acceptances, open drafts and the cached site
 * list then use the server's id from now on, in one transaction.
 */
export function adoptServerSite(db: JixiaoDb, deviceId: string, site: SiteRef): Promise<void> {
  return db.transaction('rw', db.outbox, db.drafts, db.reference, async () => {
    if (site.id !== deviceId) {
      await db.outbox
        .filter((record) => record.kind === 'inspection' && record.payload.siteId === deviceId)
        .modify((record) => {
          if (record.kind === 'inspection') record.payload.siteId = site.id;
        });
      await db.drafts
        .filter((draft) => (draft.data as { siteId?: unknown } | null)?.siteId === deviceId)
        .modify((draft) => {
          (draft.data as { siteId: string }).siteId = site.id;
        });
    }
    const cached = await db.reference.get('sites');
    if (cached) {
      const others = (cached.data as SiteRef[]).filter((s) => s.id !== deviceId && s.id !== site.id);
      await db.reference.put({ ...cached, data: [...others, site] });
    }
  });
}

/** Oldest first; records made in the same millisecond keep a stable order. */
export function byCreation(a: OutboxRecord, b: OutboxRecord): number {
  return a.createdAt - b.createdAt || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);
}

/**
 * Claims a waiting record for sending. Returns the claimed record, or null when it is gone or not
 * waiting (another run or tab has it): the check and the change happen in one transaction.
 */
export function markSending(db: JixiaoDb, clientId: string, now: number = Date.now()): Promise<OutboxRecord | null> {
  return db.transaction('rw', db.outbox, async () => {
    const record = await db.outbox.get(clientId);
    if (!record || record.status !== 'waiting') return null;
    const claimed: OutboxRecord = { ...record, status: 'sending', updatedAt: now };
    await db.outbox.put(claimed);
    return claimed;
  });
}

/**
 * The server confirmed the record: delete it, then each of its photos that no other queued record
 * names, in one transaction.
 */
export function confirm(db: JixiaoDb, clientId: string): Promise<void> {
  return db.transaction('rw', db.outbox, db.photos, async () => {
    const record = await db.outbox.get(clientId);
    if (!record) return;
    await db.outbox.delete(clientId);
    for (const hash of new Set(record.photoHashes)) {
      const stillNamed = await db.outbox.where('photoHashes').equals(hash).count();
      if (stillNamed === 0) await db.photos.delete(hash);
    }
  });
}

/** The server refused the record: keep it, with the server's message, until the user retries. */
export async function markError(db: JixiaoDb, clientId: string, error: OutboxError, now: number = Date.now()): Promise<void> {
  await db.outbox.update(clientId, { status: 'error', error, updatedAt: now });
}

/** Puts a record back in the queue as it was (e.g. the login expired): due now, attempts unchanged. */
export async function markWaiting(db: JixiaoDb, clientId: string, now: number = Date.now()): Promise<void> {
  await db.outbox.update(clientId, { status: 'waiting', nextAttemptAt: now, updatedAt: now });
}

/** A transient failure: count the attempt and wait (see {@link nextDelay}) before the next one. */
export async function scheduleRetry(
  db: JixiaoDb,
  clientId: string,
  error: OutboxError,
  now: number = Date.now(),
  random: () => number = Math.random,
): Promise<void> {
  await db.outbox
    .where('clientId')
    .equals(clientId)
    .modify((record) => {
      record.attempts += 1;
      record.status = 'waiting';
      record.error = error;
      record.nextAttemptAt = now + nextDelay(record.attempts, random);
      record.updatedAt = now;
    });
}

/** The user pressed retry: back to waiting, due now (also skips a back-off wait). */
export async function retryNow(db: JixiaoDb, clientId: string, now: number = Date.now()): Promise<void> {
  await db.outbox
    .where('clientId')
    .equals(clientId)
    .modify((record) => {
      // A record being sent right now is left alone: the run in progress decides its fate.
      if (record.status === 'sending') return;
      record.status = 'waiting';
      record.error = null;
      record.nextAttemptAt = now;
      record.updatedAt = now;
    });
}

/**
 * The server answers again: every waiting record still in its back-off is due now (attempts are
 * kept, so a server that fails again is still spared). Refused records stay as they are. Returns
 * how many were brought forward.
 */
export function dueNow(db: JixiaoDb, now: number = Date.now()): Promise<number> {
  return db.outbox
    .where('status')
    .equals('waiting')
    .and((record) => record.nextAttemptAt > now)
    .modify({ nextAttemptAt: now });
}

/**
 * Records left 'sending' by a tab that closed mid-send go back to waiting. Call once at start (the
 * sync engine does, before its first run). Returns how many were recovered. Should another open tab
 * still be sending one of them, sending it twice is harmless: the server stores each clientId once.
 */
export function recoverInterrupted(db: JixiaoDb, now: number = Date.now()): Promise<number> {
  return db.outbox.where('status').equals('sending').modify({ status: 'waiting', nextAttemptAt: now, updatedAt: now });
}

/** The export file's content (see {@link exportUnsynced}). */
export interface OutboxExport {
  format: 'jixiao-outbox';
  version: 1;
  exportedAt: string;
  records: OutboxRecord[];
  photos: Array<Omit<StoredPhoto, 'blob'> & { dataUrl: string }>;
  /** Hashes records name that were not on the device. */
  missingPhotos: string[];
}

/**
 * Every unsynced record and its photos (as base64 data URLs) in one JSON file, for the "export
 * unsynced records" button: nothing is lost even if the device never reaches the server again.
 */
export async function exportUnsynced(db: JixiaoDb, now: number = Date.now()): Promise<Blob> {
  const { records, photos, missingPhotos } = await db.transaction('r', db.outbox, db.photos, async () => {
    const records = await db.outbox.orderBy('createdAt').toArray();
    const hashes = [...new Set(records.flatMap((record) => record.photoHashes))];
    const found = await db.photos.bulkGet(hashes);
    return {
      records,
      photos: found.filter((photo): photo is StoredPhoto => photo !== undefined),
      missingPhotos: hashes.filter((_hash, i) => !found[i]),
    };
  });

  // Built from parts so that no single string holds every photo at once.
  const head: Omit<OutboxExport, 'photos'> = { format: 'jixiao-outbox', version: 1, exportedAt: new Date(now).toISOString(), records, missingPhotos };
  const parts: BlobPart[] = [JSON.stringify(head).slice(0, -1), ',"photos":['];
  for (const [i, photo] of photos.entries()) {
    const { blob, ...meta } = photo;
    parts.push(`${i > 0 ? ',' : ''}${JSON.stringify({ ...meta, dataUrl: await blobToDataUrl(blob) })}`);
  }
  parts.push(']}');
  return new Blob(parts, { type: 'application/json' });
}

/** The part of `navigator` the storage functions use; null or missing members are tolerated. */
export interface StorageNavigatorLike {
  storage?: Partial<Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>>;
}

/** Storage used and available to this origin, in bytes; null where the browser does not tell. */
export async function storageEstimate(navigatorLike: StorageNavigatorLike | null | undefined): Promise<{ usage: number; quota: number } | null> {
  const estimate = navigatorLike?.storage?.estimate;
  if (typeof estimate !== 'function') return null;
  try {
    const { usage, quota } = await estimate.call(navigatorLike!.storage);
    if (typeof usage !== 'number' || typeof quota !== 'number') return null;
    return { usage, quota };
  } catch {
    return null;
  }
}

/** Whether the browser already keeps this origin's data under storage pressure. */
export async function isStoragePersisted(navigatorLike: StorageNavigatorLike | null | undefined): Promise<boolean> {
  const storage = navigatorLike?.storage;
  if (typeof storage?.persisted !== 'function') return false;
  try {
    return await storage.persisted.call(storage);
  } catch {
    return false;
  }
}

/** Asks the browser not to evict this origin's data under storage pressure; true when granted. */
export async function requestPersistentStorage(navigatorLike: StorageNavigatorLike | null | undefined): Promise<boolean> {
  const storage = navigatorLike?.storage;
  if (!storage) return false;
  if (await isStoragePersisted(navigatorLike)) return true;
  try {
    if (typeof storage.persist !== 'function') return false;
    return await storage.persist.call(storage);
  } catch {
    return false;
  }
}

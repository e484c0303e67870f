/**
 * The survey link's storage on the phone, without Dexie (a third of that page's JavaScript): the
 * app's own IndexedDB database and tables (offline/db.ts), opened directly. An answer queued here is
 * an ordinary outbox record — the app's 待同步 lists it and its sync engine may send it, on a phone
 * that has both — and the device token and cached survey are the app's reference rows. Each
 * function is one IndexedDB transaction, so a claim or a queued answer is all or nothing.
 */
import type { ReferenceRecord } from '../offline/db';
import { DEFAULT_DB_NAME } from '../offline/db-name';
import type { OutboxRecord } from '../offline/types';

/** Dexie stores version N as IndexedDB version 10 × N; offline/db.ts declares version 1. */
const IDB_VERSION = 10;

export interface AnswerStore {
  readReference<T>(name: string): Promise<ReferenceRecord<T> | undefined>;
  cacheReference<T>(name: string, data: T, now?: number): Promise<void>;
  /** Adds the record unless its clientId is queued already; false then (the earlier one is kept). */
  queue(record: OutboxRecord): Promise<boolean>;
  /** This phone's queued public-survey answers (anonymous surveyResponse records), oldest first. */
  queued(): Promise<OutboxRecord[]>;
  /** Marks a waiting record 'sending' and returns it; null when it is gone or not waiting (another tab has it). */
  claim(clientId: string, now: number): Promise<OutboxRecord | null>;
  /** Changes fields of a queued record (nothing when it is gone). */
  update(clientId: string, changes: Partial<Omit<OutboxRecord, 'clientId' | 'kind' | 'payload'>>): Promise<void>;
  /** The server confirmed it: it leaves the phone. */
  remove(clientId: string): Promise<void>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

/** The tables exactly as Dexie creates them from offline/db.ts, so that the app opens this database as its own. */
function createTables(db: IDBDatabase): void {
  const outbox = db.createObjectStore('outbox', { keyPath: 'clientId' });
  for (const index of ['status', 'createdAt', 'nextAttemptAt']) outbox.createIndex(index, index, { unique: false, multiEntry: false });
  outbox.createIndex('photoHashes', 'photoHashes', { unique: false, multiEntry: true });
  db.createObjectStore('photos', { keyPath: 'sha256' });
  db.createObjectStore('drafts', { keyPath: 'formId' }).createIndex('updatedAt', 'updatedAt', { unique: false, multiEntry: false });
  db.createObjectStore('reference', { keyPath: 'name' });
  db.createObjectStore('session');
}

async function open(name: string, factory: IDBFactory): Promise<IDBDatabase> {
  const opening = factory.open(name, IDB_VERSION);
  opening.onupgradeneeded = (event) => {
    if (event.oldVersion === 0) createTables(opening.result);
  };
  try {
    return await request(opening);
  } catch (error) {
    // A newer app already upgraded the database: open it as it is.
    if ((error as DOMException | null)?.name === 'VersionError') return request(factory.open(name));
    throw error;
  }
}

const isAnswer = (record: OutboxRecord) => record.kind === 'surveyResponse' && record.anonymous === true;

/**
 * Opens (on first use) the phone's Jixiao database for the survey link.
 *
 * @example const answers = openAnswerStore(); await answers.queue(record);
 */
export function openAnswerStore(name: string = DEFAULT_DB_NAME, factory: IDBFactory = globalThis.indexedDB): AnswerStore {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => {
    db ??= open(name, factory).then((opened) => {
      // Another tab (the app, newer) wants to upgrade: step aside, reopen on next use.
      opened.onversionchange = () => {
        opened.close();
        db = null;
      };
      return opened;
    });
    return db;
  };
  const store = async (table: string, mode: IDBTransactionMode) => (await database()).transaction(table, mode).objectStore(table);

  return {
    async readReference<T>(reference: string) {
      return (await request((await store('reference', 'readonly')).get(reference))) as ReferenceRecord<T> | undefined;
    },
    async cacheReference<T>(reference: string, data: T, now: number = Date.now()) {
      const table = await store('reference', 'readwrite');
      table.put({ name: reference, data, fetchedAt: now } satisfies ReferenceRecord<T>);
      await done(table.transaction);
    },
    async queue(record) {
      const table = await store('outbox', 'readwrite');
      const existing = await request(table.get(record.clientId));
      if (existing) return false;
      table.add(record);
      await done(table.transaction);
      return true;
    },
    async queued() {
      const records = (await request((await store('outbox', 'readonly')).index('createdAt').getAll())) as OutboxRecord[];
      return records.filter(isAnswer);
    },
    async claim(clientId, now) {
      const table = await store('outbox', 'readwrite');
      const record = (await request(table.get(clientId))) as OutboxRecord | undefined;
      if (!record || record.status !== 'waiting') return null;
      const claimed: OutboxRecord = { ...record, status: 'sending', updatedAt: now };
      table.put(claimed);
      await done(table.transaction);
      return claimed;
    },
    async update(clientId, changes) {
      const table = await store('outbox', 'readwrite');
      const record = (await request(table.get(clientId))) as OutboxRecord | undefined;
      if (record) table.put({ ...record, ...changes });
      await done(table.transaction);
    },
    async remove(clientId) {
      const table = await store('outbox', 'readwrite');
      table.delete(clientId);
      await done(table.transaction);
    },
  };
}

/**
 * The device's IndexedDB (through Dexie): the outbox and its photos, autosaved form drafts, cached
 * reference data for offline use, and the login session.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { SessionUser } from '../graphql/queries';
import type { OutboxRecord, StoredPhoto } from './types';

/** A form's autosaved state, restored when the form opens again (kept until the form is sent). */
export interface DraftRecord<T = unknown> {
  /** The form's own key, e.g. `inspection:<clientId>` or `survey:<surveyId>`. */
  formId: string;
  data: T;
  updatedAt: number;
}

/** Reference data cached for offline use, e.g. 'projects', 'sites', 'surveys:<projectId>'. */
export interface ReferenceRecord<T = unknown> {
  name: string;
  data: T;
  fetchedAt: number;
}

/** The logged-in user as the login's SessionUser fragment selects them. */
export type { SessionUser };

/** The login kept across reloads, stored under the key {@link SESSION_KEY}. */
export interface SessionRecord {
  token: string;
  user: SessionUser;
  savedAt: number;
}

export const SESSION_KEY = 'current';
import { DEFAULT_DB_NAME } from './db-name';

export { DEFAULT_DB_NAME };

export type JixiaoDb = Dexie & {
  outbox: EntityTable<OutboxRecord, 'clientId'>;
  photos: EntityTable<StoredPhoto, 'sha256'>;
  drafts: EntityTable<DraftRecord, 'formId'>;
  reference: EntityTable<ReferenceRecord, 'name'>;
  /** Out-of-line key: the one row is `SESSION_KEY`. */
  session: Table<SessionRecord, string>;
};

/** Where Dexie finds IndexedDB; tests hand in a fresh `new IDBFactory()` for isolation. */
export interface IndexedDbDeps {
  indexedDB: { open: IDBFactory['open'] };
  IDBKeyRange: typeof IDBKeyRange;
}

/**
 * Opens (lazily, on first use) the Jixiao database.
 *
 * @example
 * const db = openJixiaoDb(`test-${crypto.randomUUID()}`);
 */
export function openJixiaoDb(name: string = DEFAULT_DB_NAME, deps?: IndexedDbDeps): JixiaoDb {
  const db = new Dexie(name, deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : undefined) as JixiaoDb;
  db.version(1).stores({
    // *photoHashes (multi-entry): "does another queued record still name this photo?" in confirm().
    outbox: 'clientId, status, createdAt, nextAttemptAt, *photoHashes',
    photos: 'sha256',
    drafts: 'formId, updatedAt',
    reference: 'name',
    session: '',
  });
  return db;
}

let shared: JixiaoDb | null = null;

/** The app's one database instance (created on first call). */
export function getJixiaoDb(): JixiaoDb {
  shared ??= openJixiaoDb();
  return shared;
}

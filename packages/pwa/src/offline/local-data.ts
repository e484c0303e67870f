/**
 * Small helpers over the other tables: form drafts, cached reference data and the saved login.
 * Screens and stores may also use the Dexie tables directly; these only fix the keys and times.
 */
import { SESSION_KEY, type DraftRecord, type JixiaoDb, type ReferenceRecord, type SessionRecord, type SessionUser } from './db';

/** Autosaves a form's state (Blobs such as draft photos may be part of it). */
export async function saveDraft<T>(db: JixiaoDb, formId: string, data: T, now: number = Date.now()): Promise<void> {
  await db.drafts.put({ formId, data, updatedAt: now });
}

export async function loadDraft<T>(db: JixiaoDb, formId: string): Promise<DraftRecord<T> | undefined> {
  return (await db.drafts.get(formId)) as DraftRecord<T> | undefined;
}

/** Call once the form's record is in the outbox. */
export async function deleteDraft(db: JixiaoDb, formId: string): Promise<void> {
  await db.drafts.delete(formId);
}

/** Caches reference data fetched from the server, e.g. `cacheReference(db, 'sites', sites)`. */
export async function cacheReference<T>(db: JixiaoDb, name: string, data: T, now: number = Date.now()): Promise<void> {
  await db.reference.put({ name, data, fetchedAt: now });
}

export async function readReference<T>(db: JixiaoDb, name: string): Promise<ReferenceRecord<T> | undefined> {
  return (await db.reference.get(name)) as ReferenceRecord<T> | undefined;
}

export async function saveSession(db: JixiaoDb, session: { token: string; user: SessionUser }, now: number = Date.now()): Promise<void> {
  await db.session.put({ ...session, savedAt: now }, SESSION_KEY);
}

export function readSession(db: JixiaoDb): Promise<SessionRecord | undefined> {
  return db.session.get(SESSION_KEY);
}

/** Logging out forgets the token only: the outbox keeps every unsynced record for the next login. */
export async function clearSession(db: JixiaoDb): Promise<void> {
  await db.session.delete(SESSION_KEY);
}

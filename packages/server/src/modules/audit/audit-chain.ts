import { createHash } from 'node:crypto';
import { TransactionPropagation, type EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { AuditEvent, type AuditAction } from './audit-event.entity.js';
import { canonicalJson, toJsonValue, type JsonValue } from './canonical-json.js';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Any 64-bit key, the same in every process: serialises appends across PostgreSQL connections. */
const AUDIT_LOCK_KEY = 2_181_012_023;
const VERIFY_BATCH = 500;

export interface AuditEventInput {
  actor: string | null;
  action: AuditAction;
  /** Entity type name, e.g. "Project". */
  entity: string;
  entityId: string;
  /** Plain data; it is stored and hashed as JSON (Dates become ISO strings). */
  before?: unknown;
  after?: unknown;
  /** Defaults to now. */
  at?: Date;
}

type HashedFields = Pick<AuditEvent, 'seq' | 'at' | 'actor' | 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'prevHash'>;

/**
 * The hash of an entry: sha256 hex of prevHash followed by the canonical JSON of its other fields.
 *
 * @example auditEventHash({ seq: 1, prevHash: GENESIS_HASH, at, actor: 'admin', action: 'login', … })
 */
export function auditEventHash(event: HashedFields): string {
  const body: JsonValue = {
    seq: event.seq,
    at: event.at.toISOString(),
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
  };
  return createHash('sha256').update(event.prevHash).update(canonicalJson(body)).digest('hex');
}

/**
 * Appends an entry to the audit log and flushes it, inside the transaction of `em` if there is one
 * (so the entry commits or rolls back with the change it records), otherwise in a new transaction.
 *
 * @example await em.transactional(async (tx) => { tx.persist(project); await appendAuditEvent(tx, { actor, action: 'create', entity: 'Project', entityId: project.id, after: { name } }); })
 */
export async function appendAuditEvent(em: EntityManager, input: AuditEventInput): Promise<AuditEvent> {
  return em.transactional(
    async (tx) => {
      if (tx.getPlatform() instanceof PostgreSqlPlatform) {
        // Released at commit; without it two transactions would both read the same last entry and one
        // would fail on the primary key. SQLite has a single writer, so it needs no lock.
        await tx.getConnection().execute('select pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY], 'run', tx.getTransactionContext());
      }
      const last = await tx.findOne(AuditEvent, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' }, fields: ['seq', 'hash'], disableIdentityMap: true });
      const fields: HashedFields = {
        seq: (last?.seq ?? 0) + 1,
        at: input.at ?? new Date(),
        actor: input.actor,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId,
        before: toJsonValue(input.before ?? null),
        after: toJsonValue(input.after ?? null),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const event = tx.create(AuditEvent, { ...fields, hash: auditEventHash(fields) });
      await tx.flush();
      return event;
    },
    { propagation: TransactionPropagation.REQUIRED },
  );
}

export type AuditChainBreak =
  /** An entry is missing (seq jumps) — deleted, or the log was truncated in the middle. */
  | 'missing-entry'
  /** prevHash does not match the previous entry's hash. */
  | 'broken-link'
  /** The stored hash does not match the entry's contents: the entry was changed. */
  | 'hash-mismatch';

export type AuditChainResult = { ok: true; count: number } | { ok: false; brokenAt: number; reason: AuditChainBreak };

/**
 * Re-computes the whole hash chain, oldest entry first, in batches. Reports the first entry that does
 * not match. It cannot notice entries removed from the end of the log: compare `count` with a copy
 * kept elsewhere for that.
 */
export async function verifyAuditChain(em: EntityManager): Promise<AuditChainResult> {
  const reader = em.fork({ clear: true });
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (;;) {
    const batch = await reader.find(
      AuditEvent,
      { seq: { $gt: previous.seq } },
      { orderBy: { seq: 'asc' }, limit: VERIFY_BATCH, disableIdentityMap: true },
    );
    for (const event of batch) {
      if (event.seq !== previous.seq + 1) return { ok: false, brokenAt: event.seq, reason: 'missing-entry' };
      if (event.prevHash !== previous.hash) return { ok: false, brokenAt: event.seq, reason: 'broken-link' };
      if (event.hash !== auditEventHash(event)) return { ok: false, brokenAt: event.seq, reason: 'hash-mismatch' };
      previous = event;
      count += 1;
    }
    if (batch.length < VERIFY_BATCH) return { ok: true, count };
  }
}

import { createHash, createHmac } from 'node:crypto';
import { TransactionPropagation, type EntityManager, type EventSubscriber, type MikroORM, type TransactionEventArgs } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { insertRows, nullable, number, queryRows, queryRowsAfter, text, type Statement } from '../common/sql.js';
import { AuditEvent, type AuditAction, type AuditHashAlgorithm } from './audit-event.entity.js';
import { attachAuditLedger, auditLedgerOf, type AuditAnchor, type AuditLedger } from './audit-ledger.js';
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
 * The hash of an entry: hex HMAC-SHA256 with the audit key (or, with `key` null, for entries written
 * before the key existed, plain SHA-256) of prevHash followed by the canonical JSON of its other fields.
 *
 * @example auditEventHash({ seq: 1, prevHash: GENESIS_HASH, at, actor: 'admin', action: 'login', … }, key)
 */
export function auditEventHash(event: HashedFields, key: Buffer | null): string {
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
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(event.prevHash).update(canonicalJson(body)).digest('hex');
}

/** Heads appended inside a transaction not yet committed, by its outermost transaction. */
const pendingHeads = new WeakMap<object, { chainId: string; count: number; hash: string }>();

/** The outermost transaction of a (possibly nested, savepoint) knex transaction. */
function rootTransaction(transaction: object): object {
  for (let current = transaction; ; ) {
    // MikroORM marks a nested transaction with its parent under a private symbol.
    const parent = Object.getOwnPropertySymbols(current).find((symbol) => symbol.description === 'parentTransaction');
    if (!parent) return current;
    current = (current as Record<symbol, object>)[parent];
  }
}

/** Records the anchor once the transaction that appended an entry has committed (never before: it could roll back). */
class AuditAnchorSubscriber implements EventSubscriber {
  constructor(private readonly ledger: AuditLedger) {}

  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const transaction = args.transaction as object | undefined;
    const head = transaction && pendingHeads.get(transaction);
    if (!head) return;
    pendingHeads.delete(transaction);
    await this.ledger.recordHead(head.chainId, head.count, head.hash);
  }
}

/** The log's last entry as printed on a report: entries 1 … count, the last with this hash. */
export interface AuditHead {
  count: number;
  hash: string;
}

/**
 * The last entry of the log now, or null for an empty log. Reports print it, so that a paper copy can
 * later prove the log still holds that entry unchanged (`jixiao audit verify --expect COUNT:HASH`).
 */
export async function auditHeadOf(em: EntityManager): Promise<AuditHead | null> {
  const last = await em.fork().findOne(AuditEvent, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' }, fields: ['seq', 'hash'], disableIdentityMap: true });
  return last ? { count: last.seq, hash: last.hash } : null;
}

/** `COUNT:HASH` as printed on reports; null for anything else. */
export function parseAuditHead(text: string): AuditHead | null {
  const match = /^\s*(\d{1,12})\s*[:：]\s*([0-9a-fA-F]{64})\s*$/.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  return count > 0 ? { count, hash: match[2].toLowerCase() } : null;
}

/** The hash of the first entry, which names the chain in the anchor file; null for an empty log. */
async function firstHash(em: EntityManager): Promise<string | null> {
  const [first] = await queryRows(em, 'select hash from audit_event where seq = 1', [], { hash: text });
  return first?.hash ?? null;
}

/**
 * The anchor of this database's chain in its data folder, or null. Throws if the anchor file is damaged.
 *
 * @example const anchor = await auditAnchorOf(em); // { count: 12, hash: '…', at: '2026-…' }
 */
export async function auditAnchorOf(em: EntityManager): Promise<AuditAnchor | null> {
  const chainId = await firstHash(em.fork());
  return chainId ? (auditLedgerOf(em).readAnchors()[chainId] ?? null) : null;
}

/** Binds the audit key and anchor to a database: createDb calls it once. */
export function installAuditLedger(orm: MikroORM, ledger: AuditLedger): void {
  attachAuditLedger(orm.config, ledger);
  orm.em.getEventManager().registerSubscriber(new AuditAnchorSubscriber(ledger));
}

/**
 * Appends an entry to the audit log, inside the transaction of `em` if there is one (so the entry
 * commits or rolls back with the change it records), otherwise in a new transaction.
 *
 * @example await em.transactional(async (tx) => { tx.persist(project); await appendAuditEvent(tx, { actor, action: 'create', entity: 'Project', entityId: project.id, after: { name } }); })
 */
export async function appendAuditEvent(em: EntityManager, input: AuditEventInput): Promise<AuditEvent> {
  const [event] = await appendAuditEvents(em, [input]);
  return event;
}

/**
 * Appends entries to the audit log in this order, as appendAuditEvent does one: with one lock, one
 * read of the head (none when this transaction appended already) and one insert — on PostgreSQL the
 * lock serialises every writer until commit, so a write's entries go in together, at its end.
 *
 * @example await appendAuditEvents(tx, [{ actor, action: 'create', … }, { actor, action: 'derive', … }]);
 */
export async function appendAuditEvents(em: EntityManager, inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  return em.transactional(
    async (tx) => {
      // A transaction that appended already holds the lock (or is SQLite's one writer) and knows the
      // head it wrote: later entries of the same write need neither again.
      const context = tx.getTransactionContext<object>();
      const pending = context ? pendingHeads.get(rootTransaction(context)) : undefined;
      // Released at commit; without it two transactions would both read the same last entry and one
      // would fail on the primary key. SQLite has a single writer, so it needs no lock. Sent with the
      // read of the head, which also reads the first entry's hash (the chain's name, for the anchor).
      const lock: Statement[] = tx.getPlatform() instanceof PostgreSqlPlatform ? [['select pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY]]] : [];
      const head = pending
        ? { seq: pending.count, hash: pending.hash, first_hash: pending.chainId }
        : (
            await queryRowsAfter(
              tx,
              lock,
              'select seq, hash, (select hash from audit_event where seq = 1) as first_hash from audit_event where seq > 0 order by seq desc limit 1',
              [],
              { seq: number, hash: text, first_hash: nullable(text) },
            )
          )[0];
      let last: { seq: number; hash: string } | undefined = head;
      const ledger = auditLedgerOf(tx);
      const events = inputs.map((input) => {
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
        // Not managed: an entry is never changed, so the unit of work has nothing to track (and to
        // compare on every later flush of a busy write).
        const event = tx.create(AuditEvent, { ...fields, alg: 'hmac-sha256', hash: auditEventHash(fields, ledger.key()) }, { persist: false });
        last = { seq: event.seq, hash: event.hash };
        return { fields, event };
      });
      // A plain insert: every write appends, and the ORM's insert costs more than the statement.
      await insertRows(
        tx,
        'audit_event',
        events.map(({ fields, event }) => ({
          seq: fields.seq,
          at: fields.at,
          actor: fields.actor,
          action: fields.action,
          entity: fields.entity,
          entity_id: fields.entityId,
          before: fields.before === null ? null : JSON.stringify(fields.before),
          after: fields.after === null ? null : JSON.stringify(fields.after),
          prev_hash: fields.prevHash,
          alg: event.alg,
          hash: event.hash,
        })),
      );
      const newest = events[events.length - 1].event;
      const chainId = events[0].event.seq === 1 ? events[0].event.hash : (head?.first_hash ?? null);
      const transaction = tx.getTransactionContext<object>();
      if (transaction && chainId) pendingHeads.set(rootTransaction(transaction), { chainId, count: newest.seq, hash: newest.hash });
      return events.map(({ event }) => event);
    },
    { propagation: TransactionPropagation.REQUIRED },
  );
}

export type AuditChainBreak =
  /** An entry is missing (seq jumps) — deleted, or the log was truncated in the middle. */
  | 'missing-entry'
  /** prevHash does not match the previous entry's hash. */
  | 'broken-link'
  /** The stored hash does not match the entry's contents (or the key): the entry was changed. */
  | 'hash-mismatch'
  /** An unkeyed (old-style) entry after the first keyed one: only entries older than the key may be unkeyed. */
  | 'unkeyed-entry'
  /** The log has fewer entries than the anchor outside the database records: entries were removed from the end. */
  | 'below-anchor'
  /** The entry the anchor names has another hash: the log was rewritten. */
  | 'anchor-mismatch'
  /** Keyed entries, but no anchor file: it was removed (or the data folder is not this database's). */
  | 'anchor-missing'
  /** Keyed entries, but no audit key: it was lost (or the data folder is not this database's). */
  | 'key-missing'
  /** Fewer entries than a head printed on a report (`expected`): entries were removed from the end. */
  | 'below-expected'
  /** The entry a printed head names has another hash: the log was rewritten since it was printed. */
  | 'expected-mismatch';

export type AuditChainResult = { ok: true; count: number } | { ok: false; brokenAt: number; reason: AuditChainBreak };

/**
 * Re-computes the whole chain, oldest entry first, in batches, and compares its head with the anchor
 * kept outside the database. Reports the first entry that does not match.
 *
 * Entries written before the audit key existed ('sha256') verify with plain SHA-256, up to the first
 * keyed entry; that one covers their last hash, so they cannot be rewritten either once it exists.
 */
export async function verifyAuditChain(em: EntityManager, options: { expected?: AuditHead } = {}): Promise<AuditChainResult> {
  const { expected } = options;
  const ledger = auditLedgerOf(em);
  const key = ledger.existingKey();
  const anchors = ledger.readAnchors();
  const reader = em.fork({ clear: true });
  const chainId = await firstHash(reader);
  const anchor: AuditAnchor | null = chainId ? (anchors[chainId] ?? null) : null;
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let keyed = false;
  for (;;) {
    const batch = await reader.find(AuditEvent, { seq: { $gt: previous.seq } }, { orderBy: { seq: 'asc' }, limit: VERIFY_BATCH, disableIdentityMap: true });
    for (const event of batch) {
      const broken = (reason: AuditChainBreak): AuditChainResult => ({ ok: false, brokenAt: event.seq, reason });
      if (event.seq !== previous.seq + 1) return broken('missing-entry');
      if (event.prevHash !== previous.hash) return broken('broken-link');
      const alg: AuditHashAlgorithm = event.alg;
      if (alg === 'hmac-sha256') {
        if (!key) return broken('key-missing');
        keyed = true;
      } else if (keyed || alg !== 'sha256') return broken('unkeyed-entry');
      if (event.hash !== auditEventHash(event, alg === 'hmac-sha256' ? key : null)) return broken('hash-mismatch');
      if (anchor && event.seq === anchor.count && event.hash !== anchor.hash) return broken('anchor-mismatch');
      if (expected && event.seq === expected.count && event.hash !== expected.hash) return broken('expected-mismatch');
      previous = event;
    }
    if (batch.length < VERIFY_BATCH) break;
  }
  const count = previous.seq;
  // Every entry deleted: the data folder still holds the key and the anchor of a chain.
  if (count === 0 && Object.keys(anchors).length > 0 && ledger.hasKeyFile()) return { ok: false, brokenAt: 1, reason: 'below-anchor' };
  if (anchor && count < anchor.count) return { ok: false, brokenAt: count + 1, reason: 'below-anchor' };
  if (expected && count < expected.count) return { ok: false, brokenAt: count + 1, reason: 'below-expected' };
  if (count === 0) return { ok: true, count };
  // The key file is created by the first keyed append: with it, there must be an anchor too.
  if (!anchor && (keyed || ledger.hasKeyFile())) return { ok: false, brokenAt: count, reason: 'anchor-missing' };
  return { ok: true, count };
}

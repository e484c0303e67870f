import { BeforeDelete, BeforeUpdate, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { JsonValue } from './canonical-json.js';

/** What happened; the list is open so that new features can add their own verbs. */
export type AuditAction = 'create' | 'update' | 'delete' | 'review' | 'login' | (string & Record<never, never>);

/** The hash of an entry: keyed (current) or plain (entries written before the audit key existed). */
export type AuditHashAlgorithm = 'hmac-sha256' | 'sha256';

/**
 * One entry of the append-only audit log. Each entry's hash covers the previous entry's hash, so
 * changing, removing or reordering a stored entry breaks the chain (see verifyAuditChain).
 * Write entries with appendAuditEvent only.
 */
@Entity()
export class AuditEvent {
  /** 1, 2, 3 … assigned by appendAuditEvent inside the writing transaction: the same on both databases. */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  /** Username, or null for the system (imports, derived actuals). */
  @Property({ type: 'string', length: 64, nullable: true })
  actor: string | null = null;

  @Property({ type: 'string', length: 32 })
  action!: AuditAction;

  /** Entity type name, e.g. "Project". */
  @Property({ type: 'string', length: 64 })
  entity!: string;

  @Property({ type: 'string', length: 64 })
  entityId!: string;

  @Property({ type: 'json', nullable: true })
  before: JsonValue = null;

  @Property({ type: 'json', nullable: true })
  after: JsonValue = null;

  /** The previous entry's hash; 64 zeros for the first entry. Unique: the chain cannot fork. */
  @Property({ type: 'string', length: 64, unique: true })
  prevHash!: string;

  /**
   * How `hash` was made: 'hmac-sha256' keyed with the audit key kept outside the database (every new
   * entry), or 'sha256' for entries written before the key existed (docs/data-and-backup.md).
   */
  @Property({ type: 'string', length: 16, default: 'sha256' })
  alg: AuditHashAlgorithm = 'hmac-sha256';

  /** hex HMAC-SHA256 (or, for old entries, SHA-256) of prevHash + the canonical JSON of this entry (auditEventHash). */
  @Property({ type: 'string', length: 64, unique: true })
  hash!: string;

  // The ORM never rewrites history; tampering with SQL is what verifyAuditChain is for.
  @BeforeUpdate()
  @BeforeDelete()
  protected refuseChange(): never {
    throw new Error(`审计日志只能追加，不能修改或删除（seq ${this.seq}）`);
  }
}

import { randomUUID } from 'node:crypto';
import { PrimaryKey } from '@mikro-orm/core';

/**
 * Every entity but the audit log has a string UUID made by the application, not by the database:
 * ids are known before the insert (for audit events, GraphQL responses, offline clients) and look
 * the same on SQLite and PostgreSQL.
 */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();
}

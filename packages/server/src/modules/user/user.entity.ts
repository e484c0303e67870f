import { Role } from '@jixiao/domain';
import { Entity, Enum, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** The roles and what each may do are the domain's (packages/domain/src/access/roles.ts). */
export const UserRole = Role;
export type UserRole = Role;

// "user" is a reserved word in PostgreSQL: a plain table name keeps hand-written SQL simple.
@Entity({ tableName: 'app_user' })
export class User extends BaseEntity {
  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  /** 真实姓名, shown in reports instead of the login name; null for users created before it existed. */
  @Property({ type: 'string', length: 64, nullable: true })
  displayName: string | null = null;

  @Property({ type: 'string', hidden: true })
  passwordHash!: string;

  @Enum({ items: () => UserRole })
  role!: UserRole;

  @ManyToOne(() => Organization)
  organization!: Rel<Organization>;

  /** Part of every token; incrementing it revokes the tokens issued so far. */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: Opt<number> = 0;

  /** A disabled user cannot log in, and their tokens and download links stop working. */
  @Property({ type: 'boolean', default: false })
  disabled: Opt<boolean> = false;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

/** The name to show for a user: 真实姓名, else the login name. */
export function nameOf(user: { username: string; displayName: string | null }): string {
  return user.displayName ?? user.username;
}

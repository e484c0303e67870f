import { Entity, Enum, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** Where repairs and equipment are. */
export enum SiteKind {
  /** 派出法庭 */
  DISPATCHED_TRIBUNAL = 'DISPATCHED_TRIBUNAL',
  /** 科技法庭 */
  TECH_COURT = 'TECH_COURT',
  /** 办公室 */
  OFFICE = 'OFFICE',
  OTHER = 'OTHER',
}

@Entity()
@Unique({ properties: ['organization', 'name'] })
export class Site extends BaseEntity {
  @ManyToOne(() => Organization)
  organization!: Rel<Organization>;

  @Property({ type: 'string' })
  name!: string;

  @Enum({ items: () => SiteKind })
  kind!: SiteKind;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

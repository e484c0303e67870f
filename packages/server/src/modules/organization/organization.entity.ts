import { Entity, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';

/** 预算单位, e.g. 218101 天津市武清区人民法院. A parent (主管部门) rolls up its units. */
@Entity()
export class Organization extends BaseEntity {
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @ManyToOne(() => Organization, { nullable: true })
  parent: Rel<Organization> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

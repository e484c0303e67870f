import { Entity, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';

/** A piece of equipment a project buys: what 设备验收 inspects. */
@Entity()
export class EquipmentItem extends BaseEntity {
  @ManyToOne(() => Project, { index: true })
  project!: Rel<Project>;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string', nullable: true })
  model: string | null = null;

  @Property({ type: 'string', nullable: true })
  serialNumber: string | null = null;

  /** 资产编号 */
  @Property({ type: 'string', nullable: true })
  assetTag: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { TIERS, type Tier } from '@jixiao/domain';
import { BaseEntity } from '../common/base.entity.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { User } from '../user/user.entity.js';

/** Where an actual came from: typed by a person, derived from evidence, or read from an imported 自评表. */
export enum ActualSource {
  MANUAL = 'MANUAL',
  EVIDENCE = 'EVIDENCE',
  IMPORT = 'IMPORT',
}

/**
 * One recorded 实际完成值 of an indicator. Rows are never updated: the newest is the current value,
 * the older ones are its history.
 */
@Entity()
@Index({ properties: ['indicator', 'recordedAt'] })
export class Actual extends BaseEntity {
  @ManyToOne(() => Indicator)
  indicator!: Rel<Indicator>;

  /** As the person wrote it: "5个", "96%", "2023-09-20". */
  @Property({ type: 'text', nullable: true })
  value: string | null = null;

  @Enum({ items: Object.keys(TIERS), nullable: true })
  tier: Tier | null = null;

  /** Fraction of the weight inside the tier. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  ratio: number | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime' })
  recordedAt: Opt<Date> = new Date();

  @ManyToOne(() => User, { nullable: true })
  recordedBy: Rel<User> | null = null;

  @Enum({ items: () => ActualSource, default: ActualSource.MANUAL })
  source: Opt<ActualSource> = ActualSource.MANUAL;

  /** What evidence the value was derived from, for actuals that no person typed. */
  @Property({ type: 'text', nullable: true })
  derivedFrom: string | null = null;

  /** Made by the device when the form opens; the unique constraint makes sync idempotent. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  clientId: string | null = null;
}

import { Entity, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { fenFromWan, moneyType, wanFromFen } from '../common/money.js';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';

/** Money spent on a project, for 预算执行率 and cost indicators. */
@Entity()
export class Spending extends BaseEntity {
  // Summed per project for 预算执行率; PostgreSQL does not index foreign keys by itself.
  @ManyToOne(() => Project, { index: true })
  project!: Rel<Project>;

  /** Whole 分; use amount() / setAmount() for 万元. */
  @Property({ type: moneyType() })
  amountFen!: number;

  /** The day the money was spent, 'YYYY-MM-DD'. */
  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime' })
  recordedAt: Opt<Date> = new Date();

  @ManyToOne(() => User, { nullable: true })
  recordedBy: Rel<User> | null = null;

  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  clientId: string | null = null;

  /** The amount in 万元. */
  amount(): number {
    return wanFromFen(this.amountFen);
  }

  setAmount(wan: number): void {
    this.amountFen = fenFromWan(wan);
  }
}

import { Collection, Entity, ManyToOne, OneToMany, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { fenFromWan, moneyType, wanFromFen } from '../common/money.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** 预算数 / 财政资金 / 其他资金 in 万元, as in target tables and the API. */
export interface Budget {
  total: number;
  fiscal: number;
  other: number;
}

/** 项目: one target table of an organization for a fiscal year. Re-importing the table updates it. */
@Entity()
@Unique({ properties: ['organization', 'year', 'name'] })
export class Project extends BaseEntity {
  @ManyToOne(() => Organization)
  organization!: Rel<Organization>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string' })
  name!: string;

  /** The number in the table's header line ("4.派出法庭…" → 4). */
  @Property({ type: 'integer', nullable: true })
  tableNumber: number | null = null;

  @Property({ type: 'text', nullable: true })
  title: string | null = null;

  /** 资金用途 */
  @Property({ type: 'text' })
  purpose!: string;

  /** 绩效目标, one entry per numbered goal. */
  @Property({ type: 'json' })
  goals: string[] = [];

  /** Money is stored in whole 分; use budget() / setBudget() for 万元. */
  @Property({ type: moneyType() })
  budgetTotalFen!: number;

  @Property({ type: moneyType() })
  budgetFiscalFen!: number;

  @Property({ type: moneyType() })
  budgetOtherFen!: number;

  @OneToMany(() => Indicator, (indicator) => indicator.project, { orderBy: { position: 'asc' } })
  indicators = new Collection<Indicator>(this);

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** The budget in 万元. */
  budget(): Budget {
    return {
      total: wanFromFen(this.budgetTotalFen),
      fiscal: wanFromFen(this.budgetFiscalFen),
      other: wanFromFen(this.budgetOtherFen),
    };
  }

  /** Sets the budget from 万元, stored exactly in 分. */
  setBudget(budget: Budget): void {
    this.budgetTotalFen = fenFromWan(budget.total);
    this.budgetFiscalFen = fenFromWan(budget.fiscal);
    this.budgetOtherFen = fenFromWan(budget.other);
  }
}

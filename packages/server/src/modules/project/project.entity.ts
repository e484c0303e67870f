import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { fenFromWan, moneyType, wanFromFen } from '../common/money.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** 预算数 / 财政资金 / 其他资金 / 上年结转 in 万元, as in target tables and the API. */
export interface Budget {
  total: number;
  fiscal: number;
  other: number;
  /** 上年结转; 0 when the table has none. */
  carryover?: number;
}

/** A project table, or a department's whole-budget table (部门整体支出绩效目标表). */
export enum ProjectKind {
  PROJECT = 'PROJECT',
  DEPARTMENT = 'DEPARTMENT',
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

  @Enum({ items: () => ProjectKind, default: ProjectKind.PROJECT })
  kind: Opt<ProjectKind> = ProjectKind.PROJECT;

  /** 项目负责人 as the table names them. */
  @Property({ type: 'text', nullable: true })
  leader: string | null = null;

  /** 实施期 as written ("2023.07-2024.01"). */
  @Property({ type: 'text', nullable: true })
  period: string | null = null;

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

  /** 上年结转 */
  @Property({ type: moneyType(), default: 0 })
  budgetCarryoverFen: Opt<number> = 0;

  /** Whether an acceptance (维修验收 / 设备验收) of this project needs the accepting person's signature. */
  @Property({ type: 'boolean', default: true })
  requireSignature: Opt<boolean> = true;

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
      carryover: wanFromFen(this.budgetCarryoverFen),
    };
  }

  /** Sets the budget from 万元, stored exactly in 分. */
  setBudget(budget: Budget): void {
    this.budgetTotalFen = fenFromWan(budget.total);
    this.budgetFiscalFen = fenFromWan(budget.fiscal);
    this.budgetOtherFen = fenFromWan(budget.other);
    this.budgetCarryoverFen = fenFromWan(budget.carryover ?? 0);
  }
}

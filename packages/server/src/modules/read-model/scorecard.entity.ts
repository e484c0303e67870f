import { BigIntType, Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Actual } from '../actual/actual.entity.js';
import { moneyType } from '../common/money.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';

/*
 * The stored scorecards (docs/domain.md, "Stored scorecards"): the domain's scores of every
 * project, kept in the transaction of every write that can move them (refreshScorecards in
 * scorecards.ts), so that dashboards and roll-ups read rows instead of scoring every actual again.
 * Derived data: `jixiao rebuild-scorecards` recomputes all of it from the records.
 */

/** A project's scoreProject result and money, as the dashboard shows them. */
@Entity({ tableName: 'project_scorecard' })
export class ProjectScorecard {
  @ManyToOne(() => Project, { primary: true, deleteRule: 'cascade' })
  project!: Rel<Project>;

  /** The project's organization and year when it was scored: the roll-up row its sums are in. */
  @ManyToOne(() => Organization, { deleteRule: 'cascade', index: true })
  organization!: Rel<Organization>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: moneyType() })
  budgetFen!: number;

  @Property({ type: moneyType() })
  spentFen!: number;

  /** spent / budget, uncapped; null without a budget. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  executionRate: number | null = null;

  @Property({ type: 'double', runtimeType: 'number' })
  executionScore!: number;

  /** 总分, two decimals. */
  @Property({ type: 'double', runtimeType: 'number' })
  score!: number;

  /** 优, 良, 中 or 差. */
  @Property({ type: 'string', length: 1 })
  grade!: string;

  /** Applicable indicators without an actual. */
  @Property({ type: 'integer' })
  missing!: number;

  @Property({ type: 'boolean' })
  complete!: boolean;
}

/** One indicator's scoreIndicator result within its project, and which actual it scored. */
@Entity({ tableName: 'indicator_scorecard' })
export class IndicatorScorecard {
  @ManyToOne(() => Indicator, { primary: true, deleteRule: 'cascade' })
  indicator!: Rel<Indicator>;

  // Read per project (the dashboard's page); PostgreSQL does not index foreign keys by itself.
  @ManyToOne(() => Project, { deleteRule: 'cascade', index: true })
  project!: Rel<Project>;

  /** The weight the domain assigned (0 when not applicable). */
  @Property({ type: 'double', runtimeType: 'number' })
  weight!: number;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  completionRate: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  score: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  met: boolean | null = null;

  @Property({ type: 'boolean' })
  deviationNoteRequired!: boolean;

  @Property({ type: 'boolean' })
  missing!: boolean;

  /** The current actual (the newest), which the score is of; null when none is recorded. */
  @ManyToOne(() => Actual, { nullable: true })
  actual: Rel<Actual> | null = null;
}

/**
 * The roll-up sums (the domain's RollUpSums) of an organization's own projects of a year — not its
 * units': a roll-up adds the rows of the organizations it covers. Whole numbers only, so that each
 * write adds its project's change exactly.
 */
@Entity({ tableName: 'organization_scorecard' })
export class OrganizationScorecard {
  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  projectCount!: number;

  @Property({ type: moneyType() })
  budgetFen!: number;

  @Property({ type: moneyType() })
  spentFen!: number;

  /** The projects' 总分 added up, in hundredths of a point. */
  @Property({ type: new BigIntType('number') })
  scoreHundredths!: number;

  @Property({ type: 'integer' })
  excellent!: number;

  @Property({ type: 'integer' })
  good!: number;

  @Property({ type: 'integer' })
  fair!: number;

  @Property({ type: 'integer' })
  poor!: number;

  @Property({ type: 'integer' })
  incompleteProjects!: number;

  @Property({ type: 'integer' })
  missing!: number;
}

import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import type { Comparator, ParsedTarget, TargetKind } from '@jixiao/domain';
import { Actual } from '../actual/actual.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';

/** Where an indicator's actual value comes from (docs/domain.md "Evidence becomes actuals"). */
export enum IndicatorSource {
  MANUAL = 'MANUAL',
  REPAIR_COUNT = 'REPAIR_COUNT',
  EQUIPMENT_COUNT = 'EQUIPMENT_COUNT',
  PASS_RATE = 'PASS_RATE',
  COMPLETION_DATE = 'COMPLETION_DATE',
  SURVEY = 'SURVEY',
  SPENDING = 'SPENDING',
}

export const TARGET_KINDS: readonly TargetKind[] = ['quantitative', 'deadline', 'qualitative'];
export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '=', 'between'];

/** 三级指标 of a project, with its target as written and as parsed by the domain. */
@Entity()
@Unique({ properties: ['project', 'position'] })
export class Indicator extends BaseEntity {
  // PostgreSQL does not index foreign keys by itself; lists of a project's indicators need one.
  @ManyToOne(() => Project, { index: true })
  project!: Rel<Project>;

  /** Order in the target table, from 0. */
  @Property({ type: 'integer' })
  position!: number;

  /** 一级指标 as written, e.g. "产出指标". */
  @Property({ type: 'string' })
  level1!: string;

  /** 二级指标 as written, e.g. "数量指标". */
  @Property({ type: 'string' })
  level2!: string;

  /** 三级指标 */
  @Property({ type: 'string' })
  name!: string;

  /** 绩效指标描述 */
  @Property({ type: 'text' })
  description!: string;

  /** 指标值 exactly as written. */
  @Property({ type: 'text' })
  targetRaw!: string;

  @Enum({ items: [...TARGET_KINDS] })
  targetKind!: TargetKind;

  @Enum({ items: [...COMPARATORS], nullable: true })
  comparator: Comparator | null = null;

  /** A number as text (quantitative), an inclusive ISO date (deadline), or null (qualitative). */
  @Property({ type: 'text', nullable: true })
  targetValue: string | null = null;

  /** The high end of a `between` range, a number as text. */
  @Property({ type: 'text', nullable: true })
  targetMax: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  unit: string | null = null;

  /** A deadline given as a period ("2023.07-2024.01"): its first day, ISO. */
  @Property({ type: 'string', length: 10, nullable: true })
  targetStart: string | null = null;

  /** Text of the cell kept apart from the value: a trailing note ("计划标准"), or the sentence a number was read from. */
  @Property({ type: 'text', nullable: true })
  targetNote: string | null = null;

  /** "±3%以内": the value bounds the deviation from the plan, not the quantity itself. */
  @Property({ type: 'boolean', default: false })
  tolerance: Opt<boolean> = false;

  /** Scoring rule from the cell: a completion rate below this fraction scores 0. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  zeroBelow: number | null = null;

  /** Set by a manager; null means an equal share of the level's weight. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  weight: number | null = null;

  @Property({ type: 'boolean', default: false })
  notApplicable: Opt<boolean> = false;

  @Enum({ items: () => IndicatorSource, default: IndicatorSource.MANUAL })
  source: Opt<IndicatorSource> = IndicatorSource.MANUAL;

  /** 偏差原因分析及改进措施 */
  @Property({ type: 'text', nullable: true })
  deviationNote: string | null = null;

  @OneToMany(() => Actual, (actual) => actual.indicator, { orderBy: { recordedAt: 'asc' } })
  actuals = new Collection<Actual>(this);

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** The target as the domain parsed it. */
  target(): ParsedTarget {
    return targetOf(this);
  }

  /** Stores a target parsed by the domain. */
  setTarget(target: ParsedTarget): void {
    this.targetRaw = target.raw;
    this.targetKind = target.kind;
    this.comparator = target.comparator;
    this.targetValue = target.value === null ? null : String(target.value);
    this.unit = target.unit;
    this.zeroBelow = target.rule?.zeroBelow ?? null;
    this.targetMax = target.max == null ? null : String(target.max);
    this.targetStart = target.start ?? null;
    this.targetNote = target.note ?? null;
    this.tolerance = target.tolerance === true;
  }
}

/** The stored columns of a target, on an entity or a plain row. */
export interface TargetColumns {
  targetRaw: string;
  targetKind: TargetKind;
  comparator: Comparator | null;
  targetValue: string | null;
  unit: string | null;
  zeroBelow: number | null;
  targetMax: string | null;
  targetStart: string | null;
  targetNote: string | null;
  tolerance: boolean;
}

/** The target as the domain parsed it, from its stored columns (what parseTarget gave, field for field). */
export function targetOf(columns: TargetColumns): ParsedTarget {
  const value = columns.targetKind === 'quantitative' && columns.targetValue !== null ? Number(columns.targetValue) : columns.targetValue;
  const target: ParsedTarget = {
    raw: columns.targetRaw,
    kind: columns.targetKind,
    comparator: columns.comparator,
    value,
    unit: columns.unit,
    rule: columns.zeroBelow === null ? null : { zeroBelow: columns.zeroBelow },
  };
  if (columns.targetMax !== null) target.max = Number(columns.targetMax);
  if (columns.targetStart !== null) target.start = columns.targetStart;
  if (columns.targetNote !== null) target.note = columns.targetNote;
  if (columns.tolerance) target.tolerance = true;
  return target;
}

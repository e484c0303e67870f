import { level1Code } from '../scoring/levels.js';
import type { ParsedTarget } from '../target/parse-target.js';

/** Where an indicator's actual comes from (docs/domain.md "Evidence becomes actuals"). */
export type IndicatorSource = 'MANUAL' | 'REPAIR_COUNT' | 'EQUIPMENT_COUNT' | 'PASS_RATE' | 'COMPLETION_DATE' | 'SURVEY' | 'SPENDING';
export const INDICATOR_SOURCES: readonly IndicatorSource[] = [
  'MANUAL',
  'REPAIR_COUNT',
  'EQUIPMENT_COUNT',
  'PASS_RATE',
  'COMPLETION_DATE',
  'SURVEY',
  'SPENDING',
];

/** 维修验收 or 设备验收. */
export type InspectionKind = 'REPAIR' | 'EQUIPMENT';

export interface IndicatorForSource {
  level1: string;
  level2: string;
  name: string;
  target: ParsedTarget;
}

const MONEY = /^(元|千元|万元|百万元|亿元)$/;

function isCost(indicator: IndicatorForSource): boolean {
  return (
    (/成本/.test(indicator.level2) || level1Code(indicator.level1) === 'COST') &&
    indicator.target.kind === 'quantitative' &&
    MONEY.test(indicator.target.unit ?? '')
  );
}

/** Which inspections a pass rate or completion date counts: equipment when the name says 设备. */
export function inspectionKindOf(indicator: Pick<IndicatorForSource, 'name'>): InspectionKind {
  return /设备/.test(indicator.name) ? 'EQUIPMENT' : 'REPAIR';
}

function suggestOne(indicator: IndicatorForSource, costCount: number): IndicatorSource {
  const { name, target } = indicator;
  if (/满意/.test(name) && target.kind === 'quantitative') return 'SURVEY';
  // The project's spending is one sum: it can stand for its only cost indicator, not for several.
  if (isCost(indicator)) return costCount === 1 ? 'SPENDING' : 'MANUAL';
  if (target.kind === 'deadline') return /完工|竣工|购置完成|采购完成|验收/.test(name) ? 'COMPLETION_DATE' : 'MANUAL';
  if (target.kind !== 'quantitative') return 'MANUAL';
  if (/(合格|达标)率/.test(name)) return 'PASS_RATE';
  if (/维修/.test(name) && /数量|个数/.test(name)) return 'REPAIR_COUNT';
  if (/设备/.test(name) && /数量|台数/.test(name)) return 'EQUIPMENT_COUNT';
  return 'MANUAL';
}

/**
 * Suggests a source for each indicator of a project from its name, level and target, as import
 * does; a manager can change it. Anything not clearly fed by evidence stays MANUAL.
 *
 * @example suggestSources([{ level1: '产出指标', level2: '数量指标', name: '维修法庭和办公室数量', target }]) // ['REPAIR_COUNT']
 */
export function suggestSources(indicators: readonly IndicatorForSource[]): IndicatorSource[] {
  const costCount = indicators.filter(isCost).length;
  return indicators.map((indicator) => suggestOne(indicator, costCount));
}

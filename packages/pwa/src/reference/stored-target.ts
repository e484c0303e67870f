import { targetFromFields, type Comparator, type ParsedTarget, type TargetKind } from '@jixiao/domain';
import type { IndicatorRef } from '../graphql/queries';

/**
 * The indicator's target as the server stored it — not the raw text parsed again: a person may
 * have corrected the reading when importing (a unit, a comparator), and the server scores that.
 */
export function targetOf(indicator: Pick<IndicatorRef, 'target'>): ParsedTarget {
  // Data cached on the device before `max`, `rule` and `tolerance` were fetched has none of them.
  const { raw, kind, comparator, value, max, unit, deadline, rule, tolerance } = indicator.target as Partial<IndicatorRef['target']> &
    Pick<IndicatorRef['target'], 'raw' | 'kind' | 'comparator' | 'value' | 'unit'>;
  const lower = kind.toLowerCase() as TargetKind;
  return targetFromFields({
    raw,
    kind: lower,
    comparator: comparator as Comparator | null,
    value: lower === 'quantitative' && value !== null ? Number(value) : null,
    max: max == null ? null : Number(max),
    unit,
    deadline: lower === 'deadline' ? (deadline ?? value) : null,
    zeroBelow: rule?.zeroBelow ?? null,
    tolerance: tolerance ?? false,
  });
}

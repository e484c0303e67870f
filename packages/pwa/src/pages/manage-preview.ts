/**
 * The live preview beside the actual-value field: how the domain reads what the manager typed and
 * what it would score — the very rules the server applies (@jixiao/domain), never re-implemented.
 */
import { InvalidInputError, parseActual, scoreIndicator, type ActualInput, type ActualValue, type IndicatorScore } from '@jixiao/domain';
import type { IndicatorRef } from '../graphql/queries';
import { targetOf } from '../reference/stored-target';

export type ActualPreview =
  | { state: 'empty' }
  | { state: 'invalid'; field: string; message: string }
  | { state: 'ok'; value: ActualValue; score: IndicatorScore };

/**
 * @example previewActual(indicator, { value: '5个' }) // { state: 'ok', value: { kind: 'quantity', value: 5, unit: '个' }, score: { score: 8.33, … } }
 */
export function previewActual(indicator: Pick<IndicatorRef, 'target' | 'weight'>, actual: ActualInput): ActualPreview {
  const target = targetOf(indicator);
  const blank = (actual.value == null || actual.value.trim() === '') && actual.tier == null;
  if (blank) return { state: 'empty' };
  try {
    const value = parseActual(actual, target);
    const score = scoreIndicator({ target, weight: indicator.weight, actual });
    return { state: 'ok', value, score };
  } catch (error) {
    if (error instanceof InvalidInputError) return { state: 'invalid', field: error.field, message: error.message };
    throw error;
  }
}

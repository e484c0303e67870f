import { describe, expect, it } from 'vitest';
import { parseTarget } from '../target/parse-target.js';
import { deriveActual, type InspectionEvidence } from './derive-actual.js';

const repair = (id: string, passed: boolean, capturedAt: string, rejected = false): InspectionEvidence => ({
  id,
  kind: 'REPAIR',
  passed,
  rejected,
  capturedAt,
});
const inspections: InspectionEvidence[] = [
  repair('r1', true, '2023-05-10T09:00:00+08:00'),
  repair('r2', true, '2023-06-01T10:00:00+08:00'),
  repair('r3', false, '2023-06-02T10:00:00+08:00'),
  repair('r4', true, '2023-09-20T23:30:00+08:00'),
  repair('r5', true, '2023-09-29T17:00:00Z', true), // rejected: never counts (and 2023-09-30 in China)
  { id: 'e1', kind: 'EQUIPMENT', passed: true, rejected: false, capturedAt: '2023-11-01T08:00:00+08:00' },
];
const target = (raw: string, name = '') => ({ name, target: parseTarget(raw, { name }).target });

describe('deriveActual', () => {
  it('counts accepted repairs, in the target unit', () => {
    expect(deriveActual('REPAIR_COUNT', target('≥6个', '维修法庭和办公室数量'), { inspections })).toEqual({ value: '3个', from: ['r1', 'r2', 'r4'] });
    expect(deriveActual('EQUIPMENT_COUNT', target('≥2台', '购置设备数量'), { inspections })).toEqual({ value: '1台', from: ['e1'] });
    expect(deriveActual('REPAIR_COUNT', target('≥6个'), { inspections: [repair('f', false, '2023-01-01T00:00:00Z')] })).toEqual({ value: '0个', from: [] });
    expect(deriveActual('REPAIR_COUNT', target('≥6个'), { inspections: [] })).toBeNull();
    expect(deriveActual('REPAIR_COUNT', target('≥6个'), { inspections: [repair('x', true, '2023-01-01T00:00:00Z', true)] })).toBeNull();
  });

  it('takes the pass rate of the kind its name says, without rejected ones', () => {
    expect(deriveActual('PASS_RATE', target('≥95%', '维修质量达标率'), { inspections })).toEqual({ value: '75%', from: ['r1', 'r2', 'r3', 'r4'] });
    expect(deriveActual('PASS_RATE', target('100%', '设备合格率'), { inspections })).toEqual({ value: '100%', from: ['e1'] });
    expect(
      deriveActual('PASS_RATE', target('≥95%', '维修质量达标率'), {
        inspections: [repair('a', true, '2023-01-01T00:00:00Z'), repair('b', true, '2023-01-01T00:00:00Z'), repair('c', false, '2023-01-01T00:00:00Z')],
      }),
    ).toEqual({
      value: '66.67%',
      from: ['a', 'b', 'c'],
    });
    expect(deriveActual('PASS_RATE', target('≥95%', '维修质量达标率'), { inspections: [] })).toBeNull();
  });

  it('dates completion by the last passed inspection, in China time', () => {
    expect(deriveActual('COMPLETION_DATE', target('2023年10月前', '工程完工时间节点'), { inspections })).toEqual({ value: '2023-09-20', from: ['r4'] });
    expect(deriveActual('COMPLETION_DATE', target('截止2023年12月', '设备购置完成时间'), { inspections })).toEqual({ value: '2023-11-01', from: ['e1'] });
    expect(
      deriveActual('COMPLETION_DATE', target('2023年10月前', '工程完工时间节点'), { inspections: [repair('x', false, '2023-01-01T00:00:00Z')] }),
    ).toBeNull();
  });

  it('reads the satisfaction rate of the survey', () => {
    const survey = { id: 's1', counts: { 非常满意: 10, 满意: 7, 基本满意: 2, 不满意: 1 } };
    expect(deriveActual('SURVEY', target('≥95%', '干警满意度'), { inspections: [], survey })).toEqual({ value: '85%', from: ['s1'] });
    expect(deriveActual('SURVEY', target('≥95%', '干警满意度'), { inspections: [], survey: { ...survey, method: 'TOP_THREE' } })).toEqual({
      value: '95%',
      from: ['s1'],
    });
    expect(deriveActual('SURVEY', target('≥95%', '干警满意度'), { inspections: [], survey: { id: 's1', counts: {} } })).toBeNull();
    expect(deriveActual('SURVEY', target('≥95%', '干警满意度'), { inspections: [] })).toBeNull();
  });

  it('sums spending in the target unit', () => {
    expect(deriveActual('SPENDING', target('30万元', '维修资金'), { inspections: [], spent: 28.5 })).toEqual({ value: '28.5万元', from: ['spending'] });
    expect(deriveActual('SPENDING', target('≤300000元', '维修资金'), { inspections: [], spent: 28.5 })).toEqual({ value: '285000元', from: ['spending'] });
    expect(deriveActual('SPENDING', target('30万元', '维修资金'), { inspections: [], spent: 0 })).toBeNull();
  });

  it('derives nothing for manual indicators', () => {
    expect(deriveActual('MANUAL', target('≥6个'), { inspections })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseTarget } from '../target/parse-target.js';
import { deriveActual, type InspectionEvidence } from './derive-actual.js';

const repair = (id: string, passed: boolean, capturedAt: string, rejected = false, place: { siteId?: string; itemName?: string } = {}): InspectionEvidence => ({
  id,
  kind: 'REPAIR',
  siteId: place.siteId ?? null,
  itemName: place.itemName ?? `${id} 的屋面`,
  passed,
  rejected,
  capturedAt,
});
const at = (siteId: string | null, itemName: string) => ({ siteId: siteId ?? undefined, itemName });
const inspections: InspectionEvidence[] = [
  repair('r1', true, '2023-05-10T09:00:00+08:00'),
  repair('r2', true, '2023-06-01T10:00:00+08:00'),
  repair('r3', false, '2023-06-02T10:00:00+08:00'),
  repair('r4', true, '2023-09-20T23:30:00+08:00'),
  repair('r5', true, '2023-09-29T17:00:00Z', true), // rejected: never counts (and 2023-09-30 in China)
  { id: 'e1', kind: 'EQUIPMENT', siteId: null, itemName: '高清摄像机', passed: true, rejected: false, capturedAt: '2023-11-01T08:00:00+08:00' },
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

  describe('REPAIR_COUNT counts distinct accepted places, not records', () => {
    const day = '2023-06-01T10:00:00+08:00';
    it.each<[string, InspectionEvidence[], string, string[]]>([
      [
        'two passed acceptances at one site are one place',
        [repair('a', true, day, false, at('s1', '屋面')), repair('b', true, day, false, at('s1', '门窗'))],
        '1个',
        ['a', 'b'],
      ],
      [
        'rework at the same site (failed, then passed) counts once',
        [repair('a', false, day, false, at('s1', '屋面')), repair('b', true, day, false, at('s1', '屋面'))],
        '1个',
        ['b'],
      ],
      [
        'a site with only failed acceptances does not count',
        [repair('a', false, day, false, at('s1', '屋面')), repair('b', true, day, false, at('s2', '屋面'))],
        '1个',
        ['b'],
      ],
      [
        'a site whose only pass was rejected does not count',
        [repair('a', true, day, true, at('s1', '屋面')), repair('b', true, day, false, at('s2', '屋面'))],
        '1个',
        ['b'],
      ],
      [
        'different sites with the same item name are different places',
        [repair('a', true, day, false, at('s1', '屋面')), repair('b', true, day, false, at('s2', '屋面'))],
        '2个',
        ['a', 'b'],
      ],
      [
        'without a site the item name is the place',
        [repair('a', true, day, false, at(null, '城关法庭屋面')), repair('b', true, day, false, at(null, '大孟庄法庭屋面'))],
        '2个',
        ['a', 'b'],
      ],
      [
        'item names are the same place whatever their blanks and full-width letters',
        [repair('a', true, day, false, at(null, ' 城关法庭 屋面A ')), repair('b', true, day, false, at(null, '城关法庭\u3000屋面Ａ'))],
        '1个',
        ['a', 'b'],
      ],
      [
        'a site and an item name that happens to equal its id are not confused',
        [repair('a', true, day, false, at('s1', 'x')), repair('b', true, day, false, at(null, 's1'))],
        '2个',
        ['a', 'b'],
      ],
    ])('%s', (_label, evidence, value, from) => {
      expect(deriveActual('REPAIR_COUNT', target('≥6个', '维修法庭和办公室数量'), { inspections: evidence })).toEqual({ value, from });
    });

    it('20 acceptances at one site and 3 at three others are 4 places', () => {
      const evidence = [
        ...Array.from({ length: 20 }, (_, i) => repair(`main${i}`, true, day, false, at('main', `第${i % 4}间办公室`))),
        ...['s1', 's2', 's3'].map((site) => repair(site, true, day, false, at(site, '屋面'))),
      ];
      expect(deriveActual('REPAIR_COUNT', target('≥6个', '维修法庭和办公室数量'), { inspections: evidence })?.value).toBe('4个');
    });
  });
});

import { describe, expect, it } from 'vitest';
import seed from '../../../../test/fixtures/wuqing-court-2023-targets.txt?raw';
import { parseTargetTables } from '../import/parse-target-tables.js';
import { suggestSources } from './sources.js';

describe('suggestSources on the 41 seed indicators', () => {
  const projects = parseTargetTables(seed).projects;
  const suggested = projects.map((p) => Object.fromEntries(p.indicators.map((i, k) => [i.name, suggestSources(p.indicators)[k]])));

  it('feeds repair counts, pass rates, completion dates, surveys and spending from evidence', () => {
    expect(suggested[3]).toEqual({
      维修法庭和办公室数量: 'REPAIR_COUNT',
      维修质量达标率: 'PASS_RATE',
      工程完工时间节点: 'COMPLETION_DATE',
      维修资金: 'SPENDING',
      保证办公用房质量: 'MANUAL',
      保障法院办案和业务装备经费保障: 'MANUAL',
      干警满意度: 'SURVEY',
    });
    expect(suggested[2]).toEqual({
      购置设备数量: 'EQUIPMENT_COUNT',
      设备合格率: 'PASS_RATE',
      设备购置完成时间: 'COMPLETION_DATE',
      设备采购成本: 'SPENDING',
      设备正常使用年限: 'MANUAL',
      购置设备使用率: 'MANUAL',
      设备使用人员满意度: 'SURVEY',
    });
  });

  it('leaves two cost indicators of one project to be entered by hand: one spending sum cannot feed both', () => {
    expect(suggested[1]).toMatchObject({ 维修工程数量: 'REPAIR_COUNT', 运维支出: 'MANUAL', 维修维护成本: 'MANUAL', 干警满意度: 'SURVEY', 运维年限: 'MANUAL' });
  });

  it('keeps what no evidence covers manual', () => {
    expect(suggested[0]).toMatchObject({
      保障办案数量: 'MANUAL',
      运维周期内问题解决率: 'MANUAL',
      设备购置完成及时率: 'MANUAL',
      控制成本: 'SPENDING',
      使用干警满意度: 'SURVEY',
    });
    expect(suggested[4]).toMatchObject({ 救助人数: 'MANUAL', 完成时限: 'MANUAL', 司法救助金额: 'SPENDING', 受救助人满意度: 'SURVEY' });
    const counts = suggested.flatMap((s) => Object.values(s)).reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(counts).toEqual({ MANUAL: 25, REPAIR_COUNT: 2, EQUIPMENT_COUNT: 1, PASS_RATE: 2, COMPLETION_DATE: 2, SURVEY: 5, SPENDING: 4 });
  });
});

import { expect } from 'vitest';
import type { TestApi } from './api.js';

/*
 * The actuals and spending of evaluation.test.ts (src/modules/project), shared with the report
 * tests: all 41 indicators of the seed with the score each earns, worked out by hand.
 */

const PROJECTS = `{ projects(orgCode: "218101", year: 2023) { nodes { id name indicators { id name } } } }`;
const RECORD_ACTUAL = `mutation($input: RecordActualInput!) { recordActual(input: $input) { id } }`;
const RECORD_SPENDING = `mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id spent } }`;

export type PlannedActual = string | { tier: string; ratio?: number } | null;

/**
 * Actual values for all 41 indicators of the seed, table by table, with the score each earns
 * worked out by hand (weights: 产出 50, 效益 30, 满意度 10 split equally; 预算执行率 10).
 */
export const PLAN: Record<string, { spending: number[]; actuals: Array<[string, PlannedActual, number | null]> }> = {
  '法院办案业务、业务装备及审判辅助事务外包服务等经费-2023中央': {
    spending: [250, 150], // 400 / 418 → 9.569378
    actuals: [
      ['保障办案数量', '28500件', 6.25], // ≥27000 met
      ['服务保障法庭数', '18个', 5.63], // 18/20 × 6.25 = 5.625
      ['运维周期内问题解决率', '99%', 6.25],
      ['提高案件审判质量', { tier: 'ACHIEVED', ratio: 0.9 }, 5.63], // 0.9 × 6.25 = 5.625
      ['法律文书及时送达率', '96.5%', 6.25],
      ['设备购置完成及时率', '90%', 5.92], // 90/95 × 6.25 = 5.921053
      ['服务及时率', '0.2小时', 5.21], // 12 分钟 vs ≤10: 10/12 × 6.25 = 5.208333
      ['控制成本', '4100000元', 6.25], // 410 万元 ≤ 418
      ['保障基层法院办案和业务装备经费', { tier: 'PARTIAL' }, 10.5], // 0.7 × 15
      ['设备使用年限', '6年', 15],
      ['使用干警满意度', '92%', 10],
    ],
  },
  法院办案业务费: {
    spending: [27.5], // over budget: capped at 10
    actuals: [
      ['维修工程数量', '3个', 10],
      ['运维周期内问题解决率', '85%', 9.44], // 85/90 × 10 = 9.444444
      ['运维年限', '1年', 10],
      ['运维支出', '18万元', 9.44], // ≤17: 17/18 × 10 = 9.444444
      ['维修维护成本', '9.5万元', 10],
      ['资金足额保障', { tier: 'ACHIEVED' }, 15],
      ['保障法院审判辅助工作', { tier: 'NOT_ACHIEVED', ratio: 0.5 }, 7.5],
      ['干警满意度', '91%', 10], // > 90 met
    ],
  },
  '科技法庭试点提升项目-2023中央': {
    spending: [20.8], // 20.8 / 21 → 9.904762
    actuals: [
      ['购置设备数量', '2台', 12.5],
      ['设备合格率', '100%', 12.5], // a rate with no comparator is a floor: ≥100%, met
      ['设备购置完成时间', '2024年1月15日', 0], // after 2023-12-31
      ['设备采购成本', '20.8万元', 12.5],
      ['设备正常使用年限', '5年', 12.5], // 5/6 × 15
      ['购置设备使用率', '95%', 15],
      ['设备使用人员满意度', '88%', 9.78], // 88/90 × 10 = 9.777778
    ],
  },
  派出法庭安全隐患维修项目: {
    spending: [28.5], // 0.95 → 9.5
    actuals: [
      ['维修法庭和办公室数量', '5个', 10.42], // 5/6 × 12.5 = 10.416667
      ['维修质量达标率', '90%', 11.84], // 90/95 × 12.5 = 11.842105
      ['工程完工时间节点', '2023-09-26', 12.5], // before 2023-09-30
      ['维修资金', '28.5万元', 12.5],
      ['保证办公用房质量', { tier: 'ACHIEVED', ratio: 0.9 }, 13.5],
      ['保障法院办案和业务装备经费保障', { tier: 'PARTIAL' }, 10.5],
      ['干警满意度', '92%', 9.68], // 92/95 = 0.968 ≥ 0.6: 9.684211
    ],
  },
  '司法救助金-2023中央': {
    spending: [],
    actuals: [
      ['救助人数', '1人', 6.25], // 1/2 × 12.5
      ['严格审查保障司法救助案件质量', '100%', 12.5], // no rate in the name: =100%, met
      ['完成时限', '2023-12-20', 12.5],
      ['司法救助金额', '31万元', 12.5],
      ['保障被救助人基本生活', { tier: 'ACHIEVED', ratio: 0.85 }, 8.5], // 3 benefits: 10 each
      ['改善救助对象生活', { tier: 'PARTIAL', ratio: 0.6 }, 6],
      ['持续保障政法工作有效开展', null, null], // not recorded: counts 0
      ['受救助人满意度', '100%', 10],
    ],
  },
};

/** Totals worked out by hand: the sum of the rounded 得分 above plus the rounded execution score. */
export const EXPECTED: Record<string, { score: number; grade: string; executionRate: number | null; executionScore: number; missing: number }> = {
  // 6.25+5.63+6.25+5.63+6.25+5.92+5.21+6.25+10.5+15+10 + 9.57 = 92.46 (unrounded: 92.448764)
  '法院办案业务、业务装备及审判辅助事务外包服务等经费-2023中央': { score: 92.46, grade: '优', executionRate: 0.9569, executionScore: 9.57, missing: 0 },
  // 10+9.44+10+9.44+10+15+7.5+10 + 10 = 91.38 (unrounded: 91.388889)
  法院办案业务费: { score: 91.38, grade: '优', executionRate: 1.0185, executionScore: 10, missing: 0 },
  // 12.5+12.5+0+12.5+12.5+15+9.78 + 9.9 = 84.68
  '科技法庭试点提升项目-2023中央': { score: 84.68, grade: '良', executionRate: 0.9905, executionScore: 9.9, missing: 0 },
  // 10.42+11.84+12.5+12.5+13.5+10.5+9.68 + 9.5 = 90.44
  派出法庭安全隐患维修项目: { score: 90.44, grade: '优', executionRate: 0.95, executionScore: 9.5, missing: 0 },
  // 6.25+12.5+12.5+12.5+8.5+6+0+10 + 0 = 68.25
  '司法救助金-2023中央': { score: 68.25, grade: '中', executionRate: 0, executionScore: 0, missing: 1 },
};

/** Records PLAN through GraphQL with a manager's token. */
export async function recordPlan(api: TestApi, token: string): Promise<void> {
  const projects = (
    await api.gql<{ projects: { nodes: Array<{ id: string; name: string; indicators: Array<{ id: string; name: string }> }> } }>(PROJECTS, {}, token)
  ).data!.projects.nodes;
  for (const project of projects) {
    const plan = PLAN[project.name];
    for (const [name, actual] of plan.actuals) {
      if (actual === null) continue;
      const indicator = project.indicators.find((i) => i.name === name)!;
      const input = typeof actual === 'string' ? { indicatorId: indicator.id, value: actual } : { indicatorId: indicator.id, ...actual };
      const result = await api.gql(RECORD_ACTUAL, { input }, token);
      expect(result.errors, `${project.name} / ${name}`).toBeUndefined();
    }
    for (const [i, amount] of plan.spending.entries()) {
      const result = await api.gql(RECORD_SPENDING, { input: { projectId: project.id, amount, date: `2023-0${i + 6}-15`, note: '支付' } }, token);
      expect(result.errors).toBeUndefined();
    }
  }
}

import { parseTarget, round2, type ActualInput, type RollUp } from '@jixiao/domain';
import { expect, it } from 'vitest';
import { describeEachApi, PASSWORD, type TestApi } from '../../test/api.js';
import { createUser } from '../auth/auth.service.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { UserRole } from '../user/user.entity.js';
import { downloadWorkbook, htmlRows, openReport } from './report-test-support.js';
import { SUMMARY_FIRST_ROW } from './self-evaluation-workbook.js';

/*
 * One organization, three projects, and the roll-up read three ways: organizationSummary (GraphQL),
 * the 汇总 sheet of the self-evaluation workbook, and the summary page of the printable report. The
 * numbers are chosen where the three used to part:
 * - budgets 12.015 + 1.78 + 10.2 万元 add up in floats to 23.994999999999997: the page printed
 *   23.99 while the workbook held 23.995 (Excel shows 24.00);
 * - 总分 as the sum of rounded 得分 (91.38, 76.22, 71.57) averages 79.72, where the unrounded
 *   points (91.39, 76.23, 71.57) gave 79.73 everywhere.
 */

const ORG = { code: '120999', name: '测试区人民法院' };
const YEAR = 2023;
const MANAGER = 'rollup-manager';

type Row = [level1: string, level2: string, name: string, target: string, actual: ActualInput | null];

const PROJECTS: Array<{ tableNumber: number; name: string; budget: number; spending: number[]; indicators: Row[] }> = [
  {
    tableNumber: 1,
    name: '法院办案业务费',
    budget: 12.015,
    spending: [12.015], // all of it: 10 points
    indicators: [
      ['产出指标', '质量指标', '运维周期内问题解决率', '≥90%', { value: '85%' }], // 10 × 85/90 = 9.444444 → 9.44
      ['产出指标', '成本指标', '运维支出', '≤17万元', { value: '18万元' }], // 10 × 17/18 = 9.444444 → 9.44
      ['产出指标', '数量指标', '维修工程数量', '≥3个', { value: '3个' }], // 10
      ['产出指标', '时效指标', '运维年限', '1年', { value: '1年' }], // 10
      ['产出指标', '成本指标', '维修维护成本', '≤10万元', { value: '9.5万元' }], // 10
      ['效益指标', '社会效益指标', '资金足额保障', '充分保障', { tier: 'ACHIEVED' }], // 15
      ['效益指标', '社会效益指标', '保障法院审判辅助工作', '有效保障审判辅助工作', { tier: 'NOT_ACHIEVED', ratio: 0.5 }], // 7.5
      ['满意度指标', '服务对象满意度指标', '干警满意度', '≥90%', { value: '91%' }], // 10
    ],
    // 9.44 + 9.44 + 10 + 10 + 10 + 15 + 7.5 + 10 + 10 = 91.38 优 (unrounded 91.388889)
  },
  {
    tableNumber: 2,
    name: '派出法庭维修项目',
    budget: 1.78,
    spending: [0.2, 0.25], // 0.45 / 1.78 = 0.252809 → 2.53 points
    indicators: [
      ['产出指标', '数量指标', '维修法庭和办公室数量', '≥6个', { value: '5个' }], // 25 × 5/6 = 20.833333 → 20.83
      ['产出指标', '质量指标', '维修质量达标率', '≥95%', { value: '90%' }], // 25 × 90/95 = 23.684211 → 23.68
      ['效益指标', '社会效益指标', '保障法院办案', '充分保障', { tier: 'PARTIAL', ratio: 0.65 }], // 19.5
      ['满意度指标', '服务对象满意度指标', '干警满意度', '≥95%', { value: '92%' }], // 10 × 92/95 = 9.684211 → 9.68
    ],
    // 20.83 + 23.68 + 19.5 + 9.68 + 2.53 = 76.22 中 (unrounded 76.229845)
  },
  {
    tableNumber: 3,
    name: '科技法庭设备购置项目',
    budget: 10.2,
    spending: [5],
    indicators: [
      ['产出指标', '数量指标', '购置设备数量', '≥3台', { value: '2台' }], // 25 × 2/3 = 16.666667 → 16.67
      ['产出指标', '时效指标', '设备购置完成时间', '2023年10月前', { value: '2023-09-26' }], // 25
      ['效益指标', '可持续影响指标', '设备正常使用年限', '≥6年', { value: '5年' }], // 30 × 5/6 = 25
      ['满意度指标', '服务对象满意度指标', '设备使用人员满意度', '≥90%', null], // not recorded: 0
    ],
    // 16.67 + 25 + 25 + 0 + 5/10.2 × 10 = 4.901961 → 4.90: 71.57 中, one actual missing
  },
];

/** What the three must all show, worked out by hand above. */
const EXPECTED = {
  projects: [
    { name: '法院办案业务费', budget: 12.015, spent: 12.015, executionRate: 1, score: 91.38, grade: '优', missing: 0 },
    { name: '派出法庭维修项目', budget: 1.78, spent: 0.45, executionRate: 0.2528, score: 76.22, grade: '中', missing: 0 },
    { name: '科技法庭设备购置项目', budget: 10.2, spent: 5, executionRate: 0.4902, score: 71.57, grade: '中', missing: 1 },
  ],
  // 23.995 of budget, 17.465 spent: 0.727860 → 72.79 %; (91.38 + 76.22 + 71.57) / 3 = 79.723333 → 79.72
  total: {
    projectCount: 3,
    budget: 23.995,
    spent: 17.465,
    executionRate: 0.7279,
    averageScore: 79.72,
    grades: { excellent: 1, good: 0, fair: 2, poor: 0 },
    incompleteProjects: 1,
    missing: 1,
  },
};

/** The organization and its projects, written as an import would, then actuals and spending recorded by its manager through GraphQL. */
async function oneOrganization(api: TestApi): Promise<void> {
  const em = api.db.em.fork();
  const organization = em.create(Organization, ORG);
  const ids = new Map<string, string[]>();
  for (const plan of PROJECTS) {
    const project = em.create(Project, {
      organization,
      year: YEAR,
      name: plan.name,
      tableNumber: plan.tableNumber,
      purpose: '保障法院审判工作',
      goals: ['保障审判执行工作正常开展'],
      budgetTotalFen: 0,
      budgetFiscalFen: 0,
      budgetOtherFen: 0,
    });
    project.setBudget({ total: plan.budget, fiscal: plan.budget, other: 0 });
    const indicators = plan.indicators.map(([level1, level2, name, raw], position) => {
      const { target } = parseTarget(raw, { level2, name });
      const indicator = em.create(Indicator, { project, position, level1, level2, name, description: name, targetRaw: raw, targetKind: target.kind });
      indicator.setTarget(target);
      return indicator;
    });
    await em.flush();
    ids.set(plan.name, [project.id, ...indicators.map((indicator) => indicator.id)]);
  }
  await createUser(em.fork(), { username: MANAGER, password: PASSWORD, role: UserRole.MANAGER, orgCode: ORG.code }, 'test');

  const token = await api.login(MANAGER);
  for (const plan of PROJECTS) {
    const [projectId, ...indicatorIds] = ids.get(plan.name)!;
    for (const [i, [, , , , actual]] of plan.indicators.entries()) {
      if (actual === null) continue;
      const result = await api.gql(
        `mutation($input: RecordActualInput!) { recordActual(input: $input) { id } }`,
        { input: { indicatorId: indicatorIds[i], ...actual } },
        token,
      );
      expect(result.errors, `${plan.name} / ${plan.indicators[i][2]}`).toBeUndefined();
    }
    for (const amount of plan.spending) {
      const result = await api.gql(
        `mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id } }`,
        { input: { projectId, amount, date: '2023-09-15', note: '支付' } },
        token,
      );
      expect(result.errors).toBeUndefined();
    }
  }
}

/** A number as the page and Excel's "0.00" show it: two decimals, half away from zero. */
const shown = (value: number) => round2(value).toFixed(2);
const percent = (rate: number) => `${round2(rate * 100).toFixed(2)}%`;

/** organizationSummary's roll-up fields: the domain's RollUp, less the missing indicators. */
type Summary = Omit<RollUp, 'missing'>;

const GRADE_OF = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' } as const;

/** Projects per grade, counted from the grades a sheet or page lists. */
function gradeCounts(grades: string[]): Summary['grades'] {
  const counts = { excellent: 0, good: 0, fair: 0, poor: 0 };
  for (const grade of grades) counts[GRADE_OF[grade as keyof typeof GRADE_OF]] += 1;
  return counts;
}

describeEachApi(
  'the organization roll-up: GraphQL, the XLSX 汇总 sheet and the printed summary agree',
  (getApi) => {
    it('gives the same projects, totals, 执行率, average and grade counts three ways, as worked out by hand', async () => {
      const api = getApi();
      const token = await api.login(MANAGER);
      const variables = { org: ORG.code, year: YEAR };

      // 1. GraphQL: organizationSummary and each project's evaluation.
      const graphql = await api.gql<{
        organizationSummary: Summary;
        projects: {
          nodes: Array<{
            name: string;
            budget: { total: number };
            spent: number;
            evaluation: { score: number; grade: string; executionRate: number | null; missing: number };
          }>;
        };
      }>(
        `query($org: String!, $year: Int!) {
          organizationSummary(orgCode: $org, year: $year) { projectCount budget spent executionRate averageScore grades { excellent good fair poor } incompleteProjects }
          projects(orgCode: $org, year: $year) { nodes { name budget { total } spent evaluation { score grade executionRate missing } } }
        }`,
        variables,
        token,
      );
      expect(graphql.errors).toBeUndefined();
      const summary = graphql.data!.organizationSummary;
      const { missing, ...totals } = EXPECTED.total;
      expect(summary).toEqual(totals);
      const byName = new Map(graphql.data!.projects.nodes.map((node) => [node.name, node]));
      const projects = EXPECTED.projects.map(({ name }) => byName.get(name)!);
      expect(projects.map((p) => ({ name: p.name, budget: p.budget.total, spent: p.spent, ...p.evaluation }))).toEqual(EXPECTED.projects);

      // 2. The 汇总 sheet, read back: one row per project, then the total row.
      const { workbook } = await downloadWorkbook(
        api,
        `query($org: String!, $year: Int!) { exportSelfEvaluation(orgCode: $org, year: $year) { url filename expiresAt } }`,
        variables,
        token,
      );
      const sheet = workbook.getWorksheet('汇总')!;
      const cells = (row: number, columns: string) => [...columns].map((column) => sheet.getCell(`${column}${row}`).value);
      const sheetRows = EXPECTED.projects.map((_, i) => cells(SUMMARY_FIRST_ROW + i, 'BDEFGHI'));
      expect(sheetRows).toEqual(
        projects.map((p) => [
          expect.objectContaining({ text: p.name }),
          p.budget.total,
          p.spent,
          p.evaluation.executionRate,
          p.evaluation.score,
          p.evaluation.grade,
          p.evaluation.missing,
        ]),
      );
      const totalRow = SUMMARY_FIRST_ROW + EXPECTED.projects.length;
      expect(cells(totalRow, 'ADEFGI')).toEqual(['合计（总分为平均分）', summary.budget, summary.spent, summary.executionRate, summary.averageScore, missing]);
      // What Excel shows is what the page prints: the formats round as `shown` does.
      expect(['D', 'E', 'F', 'G'].map((column) => sheet.getCell(`${column}${totalRow}`).numFmt)).toEqual(['#,##0.00', '#,##0.00', '0.00%', '0.00']);
      expect(gradeCounts(sheetRows.map((row) => String(row[5])))).toEqual(summary.grades);
      expect(sheetRows.filter((row) => Number(row[6]) > 0)).toHaveLength(summary.incompleteProjects);

      // 3. The printable report's summary page: the same numbers as printed text.
      const { html } = await openReport(
        api,
        `query($org: String!, $year: Int!) { printableReport(orgCode: $org, year: $year) { url filename expiresAt } }`,
        variables,
        token,
      );
      const pageRows = htmlRows(html, 'summary-row');
      expect(pageRows).toEqual(
        projects.map((p, i) => [
          String(i + 1),
          p.name,
          ORG.name,
          shown(p.budget.total),
          shown(p.spent),
          percent(p.evaluation.executionRate!),
          shown(p.evaluation.score),
          p.evaluation.grade,
          String(p.evaluation.missing),
        ]),
      );
      expect(htmlRows(html, 'total summary-total')).toEqual([
        [
          '合计（总分为平均分）',
          shown(summary.budget),
          shown(summary.spent),
          percent(summary.executionRate!),
          shown(summary.averageScore!),
          '',
          String(missing),
        ],
      ]);
      // 23.995 prints as 24.00 — as Excel shows the workbook's 23.995 —, not the float sum's 23.99.
      expect(htmlRows(html, 'total summary-total')[0].slice(1, 5)).toEqual(['24.00', '17.47', '72.79%', '79.72']);
      expect(gradeCounts(pageRows.map((row) => row[7]))).toEqual(summary.grades);
    });
  },
  oneOrganization,
);

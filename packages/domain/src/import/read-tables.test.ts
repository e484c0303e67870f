import { describe, expect, it } from 'vitest';
import tianjinSeedLayout from '../../../../test/fixtures/real/tianjin-hebei-court-2023.txt?raw';
import tianjinWeb from '../../../../test/fixtures/real/tianjin-hebei-court-2023.web.txt?raw';
import xiangtanSeedLayout from '../../../../test/fixtures/real/xiangtan-sanitation-2023-title-as-published.txt?raw';
import xiangtanWeb from '../../../../test/fixtures/real/xiangtan-sanitation-2023.web.txt?raw';
import department from '../../../../test/fixtures/layouts/department-2023.txt?raw';
import selfEvaluation from '../../../../test/fixtures/layouts/self-evaluation-2023.txt?raw';
import { parseTargetTables } from './parse-target-tables.js';

const summary = (text: string, orgCode?: string) =>
  parseTargetTables(text, { orgCode }).projects.map((p) => ({
    orgCode: p.orgCode,
    orgName: p.orgName,
    name: p.name,
    year: p.year,
    budget: p.budget,
    indicators: p.indicators.length,
  }));

describe('the real tables import as published and in the seed layout', () => {
  const tianjin = [
    { orgCode: '207101', orgName: '天津市河北区人民法院', name: '安全隐患维修', year: 2023, budget: { total: 20, fiscal: 20, other: 0 }, indicators: 6 },
    {
      orgCode: '207101',
      orgName: '天津市河北区人民法院',
      name: '办案业务费(陪审员及互联网专线)',
      year: 2023,
      budget: { total: 24, fiscal: 24, other: 0 },
      indicators: 5,
    },
  ];
  const xiangtan = [
    {
      orgCode: '430302',
      orgName: '湘潭市环境卫生管理处',
      name: '雾炮车降尘抑尘服务',
      year: 2023,
      budget: { total: 250, fiscal: 250, other: 0 },
      indicators: 7,
    },
  ];

  it.each([
    ['Tianjin, two project tables under one header, as the page reads (cut off in the 2nd)', tianjinWeb, undefined, tianjin],
    ['Tianjin in the seed layout', tianjinSeedLayout, undefined, tianjin],
    ['Xiangtan 申报表 as the page reads, no 单位编码, with --org', xiangtanWeb, '430302', xiangtan],
    ['Xiangtan 申报表 in the seed layout, with --org', xiangtanSeedLayout, '430302', xiangtan],
  ])('%s', (_, text, orgCode, expected) => {
    expect(parseTargetTables(text, { orgCode }).errors).toEqual([]);
    expect(summary(text, orgCode)).toEqual(expected);
  });

  it('Xiangtan: the 实施期 is kept and the period target is due at its end', () => {
    const [project] = parseTargetTables(xiangtanWeb, { orgCode: '430302' }).projects;
    expect(project.period).toBe('2023.07-2024.01');
    expect(project.indicators.find((i) => i.name === '服务周期')!.target).toMatchObject({ kind: 'deadline', value: '2024-01-31', start: '2023-07-01' });
    expect(project.indicators.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '效益指标', '满意度指标']);
  });

  it('without --org a table whose unit line has no code is read with no organization, and says so', () => {
    const result = parseTargetTables(xiangtanWeb);
    expect(result.projects[0].orgCode).toBeNull();
    expect(result.warnings.map((w) => w.message)).toContain('单位行未写单位编码（“湘潭市环境卫生管理处”），请选择单位（命令行 --org，GraphQL 的 orgCode）');
  });
});

describe('layouts DESIGN.md lists', () => {
  const fields = [
    '1.测试项目2024年项目支出绩效目标批复表',
    '218101 天津市武清区人民法院 | 单位:万元',
    '项目名称 | 测试项目 | 项目负责人 | 李明',
    '年度资金总额 | 30 | 其中:财政拨款 | 20 | 上年结转 | 5 | 其他资金 | 5',
    '年度绩效目标 | 1.完成测试',
  ];

  it('split comparator / value / unit columns in any order, blank levels, a missing 一级 column', () => {
    const text = [
      ...fields,
      '二级指标 | 指标名称 | 计量单位 | 指标值 | 指标性质',
      '数量指标 | 购置设备 | 台 | 2 | ≥',
      ' | 培训人次 | 人次 | 735 | ≧',
      '时效指标 | 完成时间 | | 2024年10月前 | ',
      '服务对象满意度指标 | 群众满意度 | % | 95 | ≥',
      '社会效益指标 | 促进和谐 | | 好 | 定性',
    ].join('\n');
    const result = parseTargetTables(text);
    expect(result.errors).toEqual([]);
    const [project] = result.projects;
    expect(project).toMatchObject({ name: '测试项目', leader: '李明', budget: { total: 30, fiscal: 20, carryover: 5, other: 5 }, goals: ['完成测试'] });
    expect(project.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.target.comparator, i.target.value, i.target.unit])).toEqual([
      ['产出指标', '数量指标', '购置设备', '≥ 2 台', '>=', 2, '台'],
      ['产出指标', '数量指标', '培训人次', '≧ 735 人次', '>=', 735, '人次'],
      ['产出指标', '时效指标', '完成时间', '2024年10月前', '<=', '2024-09-30', null],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥ 95 %', '>=', 95, '%'],
      ['效益指标', '社会效益指标', '促进和谐', '好', null, null, null],
    ]);
    expect(result.warnings.some((w) => w.message.includes('未写一级指标') && w.table === 1 && w.cell !== undefined)).toBe(true);
  });

  it('a 自评表 also brings 实际完成值 (with its cell) and 分值', () => {
    const [project] = parseTargetTables(selfEvaluation).projects;
    expect(project.year).toBe(2023);
    expect(project.indicators[0]).toMatchObject({
      name: '购置设备',
      actual: '3台',
      actualCell: 'E7',
      cell: 'D7',
      weight: 20,
      target: { comparator: '>=', value: 2, unit: '台' },
    });
    expect(project.indicators.map((i) => i.actual)).toEqual(['3台', '98%', '已保障', '88%']);
  });

  it('部门整体支出绩效目标表 imports as the department project', () => {
    const [project] = parseTargetTables(department).projects;
    expect(project).toMatchObject({
      kind: 'DEPARTMENT',
      name: '部门整体支出',
      orgCode: '218101',
      year: 2023,
      budget: { total: 1000 },
      goals: ['保障审判执行'],
    });
  });

  it('a table with no indicator header is refused, naming the table and where it is', () => {
    const result = parseTargetTables([...fields, '产出指标 | 数量指标 | 购置设备 | ≥2台'].join('\n'));
    expect(result.projects).toEqual([]);
    expect(result.errors[0].message).toMatch(/^表1第\d+行第1格：没有找到指标表头/);
  });

  it.each([
    [
      'rows of text: a header without its 指标值',
      ['一级指标 | 二级指标 | 三级指标 | 指标说明'],
      '表1第6行第1格：指标表头缺少“指标值”（或“目标值”“年度指标值”“指标值及单位”）列，无法读出指标',
    ],
    [
      'rows of text: a header without its 三级指标',
      ['一级指标 | 二级指标 | 指标值'],
      '表1第6行第1格：指标表头缺少“三级指标”（或“指标名称”“指标内容”）列，无法读出指标',
    ],
  ])('%s is refused, naming the header row and what it lacks', (_, header, message) => {
    const result = parseTargetTables([...fields, ...header, '产出指标 | 数量指标 | 购置设备 | 购置设备数'].join('\n'));
    expect(result.projects).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([message]);
  });
});

import { describe, expect, it } from 'vitest';
import seed from '../../../../test/fixtures/wuqing-court-2023-targets.txt?raw';
import { parseTargetTables } from './parse-target-tables.js';

/** A small table in the seed's text form; `rows` are indicator rows of 5 cells. */
function table(number: number, title: string, options: { total?: string; rows?: string[][]; org?: string } = {}): string {
  const rows = options.rows ?? [
    ['产出指标', '数量指标', '购置设备数量', '购置设备数量', '≥2台'],
    ['', '时效指标', '设备购置完成时间', '设备购置完成时间', '截止2023年12月'],
    ['效益指标', '社会效益指标', '购置设备使用率', '购置设备使用率', '≥90%'],
    ['满意度指标', '服务对象满意度指标', '设备使用人员满意度', '设备使用人员满意度', '≥90%'],
  ];
  const cells = (values: string[]) => values.map((v) => `\t${v}`).join('\n');
  return [
    `${number}.${title}`,
    cells([options.org ?? '218101天津市武清区人民法院', '单位：万元']),
    '',
    cells(['项目名称', title.replace(/绩效目标表$/, '')]),
    '',
    cells(['预算规模及资金用途', '预算数', options.total ?? '21.00', '其中：财政    资金', options.total ?? '21.00', '其他资金', ' ']),
    '',
    cells(['', '对科技法庭设备进行升级改造']),
    '',
    cells(['绩效目标', '1.对科技法庭的设备进行升级改造']),
    '',
    cells(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值']),
    '',
    ...rows.map((row) => `${cells(row)}\n`),
  ].join('\n');
}

describe('parseTargetTables on the seed document', () => {
  const result = parseTargetTables(seed);

  it('finds 5 projects and 41 indicators, with no error', () => {
    expect(result.errors).toEqual([]);
    expect(result.projects).toHaveLength(5);
    expect(result.projects.map((p) => p.indicators.length)).toEqual([11, 8, 7, 7, 8]);
  });

  it('reads the budgets exactly (万元)', () => {
    expect(result.projects.map((p) => p.budget)).toEqual([
      { total: 418, fiscal: 418, other: 0 },
      { total: 27, fiscal: 27, other: 0 },
      { total: 21, fiscal: 21, other: 0 },
      { total: 30, fiscal: 30, other: 0 },
      { total: 31, fiscal: 31, other: 0 },
    ]);
  });

  it('reads organisation, names, year, purpose and cleaned goals', () => {
    expect(result.projects.map((p) => [p.tableNumber, p.orgCode, p.orgName, p.name, p.year])).toEqual([
      [1, '218101', '天津市武清区人民法院', '法院办案业务、业务装备及审判辅助事务外包服务等经费-2023中央', 2023],
      [2, '218101', '天津市武清区人民法院', '法院办案业务费', 2023],
      [3, '218101', '天津市武清区人民法院', '科技法庭试点提升项目-2023中央', 2023],
      [4, '218101', '天津市武清区人民法院', '派出法庭安全隐患维修项目', 2023],
      [5, '218101', '天津市武清区人民法院', '司法救助金-2023中央', 2023],
    ]);
    expect(result.projects[0].goals).toEqual(['履行审判职能，维持正常运转，保障日常办案（业务）经费支出', '提升办案业务效率,化解矛盾纠纷，维护公平正义']);
    expect(result.projects[1].goals).toEqual([
      '完成机关基础设施及设备零星维修维护',
      '对设备进行日常维护、定期巡检、重点保障、配置优化、数据统计、应急响应、实时监控、培训，为干警和相关业务系统提供稳定的基础信息化环境，保障法院各项业务职能顺利履行。',
    ]);
    expect(result.projects[3].goals).toEqual(['对建筑年代久远的派出法庭进行维修，杜绝安全隐患，保障干警生命安全，维护审判执行工作正常开展']);
    expect(result.projects[1].purpose).toBe('机关维修维护及信息化运维');
  });

  it('carries 一级指标 down over empty cells and keeps labels as written', () => {
    const repair = result.projects[3].indicators;
    expect(repair.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '维修法庭和办公室数量'],
      ['产出指标', '质量指标', '维修质量达标率'],
      ['产出指标', '时效指标', '工程完工时间节点'],
      ['产出指标', '成本指标', '维修资金'],
      ['效益指标', '经济效益指标', '保证办公用房质量'],
      ['效益指标', '社会效益指标', '保障法院办案和业务装备经费保障'],
      ['满意度指标', '服务对象满意度指标', '干警满意度'],
    ]);
    expect(repair[4].description).toBe('保证法庭房屋质量');
  });

  it('parses every target as the rules say', () => {
    const summary = result.projects.flatMap((p) =>
      p.indicators.map(
        (i) =>
          `${i.name} ${i.target.kind} ${i.target.comparator ?? ''}${i.target.value ?? ''}${i.target.unit ?? ''}${i.target.rule ? ` zeroBelow=${i.target.rule.zeroBelow}` : ''}`,
      ),
    );
    expect(summary).toEqual([
      '保障办案数量 quantitative >=27000件',
      '服务保障法庭数 quantitative >=20个',
      '运维周期内问题解决率 quantitative >=98%',
      '提高案件审判质量 qualitative ',
      '法律文书及时送达率 quantitative >=95%',
      '设备购置完成及时率 quantitative >=95%',
      '服务及时率 quantitative <=10分钟',
      '控制成本 quantitative <=418万元',
      '保障基层法院办案和业务装备经费 qualitative ',
      '设备使用年限 quantitative >=6年',
      '使用干警满意度 quantitative >=90%',
      '维修工程数量 quantitative >=2个',
      '运维周期内问题解决率 quantitative >=90%',
      '运维年限 quantitative =1年',
      '运维支出 quantitative <=17万元',
      '维修维护成本 quantitative <=10万元',
      '资金足额保障 qualitative ',
      '保障法院审判辅助工作 qualitative ',
      '干警满意度 quantitative >90%',
      '购置设备数量 quantitative >=2台',
      '设备合格率 quantitative >=100%',
      '设备购置完成时间 deadline <=2023-12-31',
      '设备采购成本 quantitative <=21万元',
      '设备正常使用年限 quantitative >=6年',
      '购置设备使用率 quantitative >=90%',
      '设备使用人员满意度 quantitative >=90%',
      '维修法庭和办公室数量 quantitative >=6个',
      '维修质量达标率 quantitative >=95%',
      '工程完工时间节点 deadline <=2023-09-30',
      '维修资金 quantitative <=30万元',
      '保证办公用房质量 qualitative ',
      '保障法院办案和业务装备经费保障 qualitative ',
      '干警满意度 quantitative >=95% zeroBelow=0.6',
      '救助人数 quantitative >=2人',
      '严格审查保障司法救助案件质量 quantitative =100%',
      '完成时限 deadline <=2023-12-31',
      '司法救助金额 quantitative <=31万元',
      '保障被救助人基本生活 qualitative ',
      '改善救助对象生活 qualitative ',
      '持续保障政法工作有效开展 qualitative ',
      '受救助人满意度 quantitative >=95%',
    ]);
  });

  it('reports each guess with its table and line, and the years it inferred', () => {
    expect(result.warnings).toContainEqual({ table: 2, line: 154, cell: 'A154', message: '运维支出：指标值“17万元”未写比较符，按成本指标推定为“<=”' });
    expect(result.warnings).toContainEqual({ table: 2, line: null, message: '表2未写年度，按本文件其他表取 2023 年' });
    expect(result.warnings).toContainEqual({ table: 4, line: null, message: '表4未写年度，按本文件其他表取 2023 年' });
    expect(result.warnings).toHaveLength(11);
  });

  it('reads the same document with CRLF line endings, a BOM and trailing spaces', () => {
    const windows = `\ufeff${seed.replace(/\n/g, '  \r\n')}`;
    const again = parseTargetTables(windows);
    expect(again.errors).toEqual([]);
    expect(again.projects).toEqual(result.projects);
  });

  it('reads old Mac line endings (CR) too', () => {
    expect(parseTargetTables(seed.replace(/\n/g, '\r')).projects).toEqual(result.projects);
  });
});

describe('parseTargetTables on other documents', () => {
  it('joins multi-line cells and reads amounts in 元', () => {
    const text = table(1, '测试项目-2024绩效目标表', { total: '210,000.00' })
      .replace('\t1.对科技法庭的设备进行升级改造', '\t1.对科技法庭的设备\n进行升级改造\n2、提高审判质效')
      .replace('单位：万元', '单位：元');
    const result = parseTargetTables(text);
    expect(result.errors).toEqual([]);
    expect(result.projects[0]).toMatchObject({ year: 2024, budget: { total: 21, fiscal: 21, other: 0 } });
    expect(result.projects[0].goals).toEqual(['对科技法庭的设备', '进行升级改造', '提高审判质效']);
  });

  it('takes the year from --year when no table states one', () => {
    const result = parseTargetTables(table(1, '设备购置项目绩效目标表'), { year: 2025 });
    expect(result.projects[0].year).toBe(2025);
    expect(result.warnings).toContainEqual({ table: 1, line: null, message: '表1未写年度，按--year取 2025 年' });
  });

  it('asks for the year when nothing states it', () => {
    const result = parseTargetTables(table(1, '设备购置项目绩效目标表'));
    expect(result.projects).toEqual([]);
    expect(result.errors).toEqual([
      { table: 1, line: null, message: '表1：无法确定年度，表名和项目名称都未写年度，请指定年度（命令行 --year 或 GraphQL 的 year 参数）' },
    ]);
  });

  it('does not guess between two stated years', () => {
    const text = [table(1, '甲项目-2023绩效目标表'), table(2, '乙项目-2024绩效目标表'), table(3, '丙项目绩效目标表')].join('\n');
    const result = parseTargetTables(text);
    expect(result.projects.map((p) => p.year)).toEqual([2023, 2024]);
    expect(result.errors).toEqual([
      { table: 3, line: null, message: '表3：无法确定年度，本文件其他表的年度不一致（2023、2024），请指定年度（命令行 --year 或 GraphQL 的 year 参数）' },
    ]);
  });
});

describe('parseTargetTables on broken input: errors name the table, the line and what was expected', () => {
  const good = table(1, '科技法庭试点提升项目-2023中央绩效目标表');

  it('a truncated table', () => {
    const truncated = good.slice(0, good.indexOf('\t一级指标'));
    const text = `${truncated}\n${table(2, '设备购置项目-2023绩效目标表')}`;
    const result = parseTargetTables(text);
    expect(result.errors).toEqual([
      { table: 1, line: 2, cell: 'A2', message: '表1第2行：没有找到指标表头：应有一行“一级指标、二级指标、三级指标、指标值”（或“指标名称”“目标值”）' },
    ]);
    expect(result.projects.map((p) => p.name)).toEqual(['设备购置项目-2023']);
  });

  it('a header without its 指标值 cell: the error is at the header and says what it lacks', () => {
    const lines = good.split('\n');
    const header = lines.indexOf('\t一级指标');
    const result = parseTargetTables(lines.filter((line) => line !== '\t指标值').join('\n'));
    expect(result.errors).toEqual([
      {
        table: 1,
        line: header + 1,
        cell: `A${header + 1}`,
        message: `表1第${header + 1}行：指标表头缺少“指标值”（或“目标值”“年度指标值”“指标值及单位”）列，无法读出指标`,
      },
    ]);
  });

  it('a table cut in the middle of its last row', () => {
    const cut = good.slice(0, good.lastIndexOf('\t设备使用人员满意度'));
    const result = parseTargetTables(cut);
    expect(result.errors).toEqual([
      { table: 1, line: 46, cell: 'A46', message: '表1第46行：指标行应有5个单元格（一级指标、二级指标、三级指标、绩效指标描述、指标值），实际有3个' },
    ]);
  });

  it('a row with a missing cell, while the next table still imports', () => {
    const missing = table(1, '科技法庭试点提升项目-2023中央绩效目标表', {
      rows: [
        ['产出指标', '数量指标', '购置设备数量', '购置设备数量', '≥2台'],
        ['', '时效指标', '设备购置完成时间', '截止2023年12月'],
        ['效益指标', '社会效益指标', '购置设备使用率', '购置设备使用率', '≥90%'],
      ],
    });
    const result = parseTargetTables(`${missing}\n${table(2, '设备购置项目-2023绩效目标表')}`);
    expect(result.errors).toEqual([
      { table: 1, line: 34, cell: 'A34', message: '表1第34行：指标行应有5个单元格（一级指标、二级指标、三级指标、绩效指标描述、指标值），实际有4个' },
    ]);
    expect(result.projects).toHaveLength(1);
    expect(result.projects[0].indicators).toHaveLength(4);
  });

  it('a non-numeric budget', () => {
    const result = parseTargetTables(table(1, '科技法庭试点提升项目-2023中央绩效目标表', { total: '二十一万' }));
    expect(result.errors).toEqual([{ table: 1, line: 10, cell: 'A10', message: '表1第10行：预算数应为数字（万元），实际是“二十一万”' }]);
  });

  it('a unit line without a code: read, and the organization asked for (or taken from --org)', () => {
    const text = good.replace('\t218101天津市武清区人民法院\n', '\t天津市武清区人民法院\n');
    const result = parseTargetTables(text);
    expect(result.errors).toEqual([]);
    expect(result.projects[0]).toMatchObject({ orgCode: null, orgName: '天津市武清区人民法院' });
    expect(result.warnings).toContainEqual({
      table: 1,
      line: 2,
      cell: 'A2',
      message: '单位行未写单位编码（“天津市武清区人民法院”），请选择单位（命令行 --org，GraphQL 的 orgCode）',
    });
    expect(parseTargetTables(text, { orgCode: '218101' }).projects[0].orgCode).toBe('218101');
  });

  it('another label of the indicator header (指标说明 for 绩效指标描述) is read by its label', () => {
    const result = parseTargetTables(good.replace('\t绩效指标描述', '\t指标说明'));
    expect(result.errors).toEqual([]);
    expect(result.projects[0].indicators[0].description).toBe('购置设备数量');
  });

  it('an empty target cell', () => {
    const result = parseTargetTables(good.replace('\t≥90%\n', '\t\n'));
    expect(result.errors).toEqual([{ table: 1, line: 44, cell: 'A44', message: '表1第44行：指标“购置设备使用率”的指标值不能为空' }]);
  });

  it('a first row without 一级指标 takes it from its 二级, with a warning', () => {
    const result = parseTargetTables(good.replace('\t产出指标\n', '\t\n'));
    expect(result.errors).toEqual([]);
    expect(result.projects[0].indicators[0].level1).toBe('产出指标');
    expect(result.warnings.map((w) => w.message)).toContain('指标“购置设备数量”未写一级指标，按二级指标“数量指标”推定为“产出指标”');
  });

  it('an unknown 一级指标 is inferred from its 二级; with an unknown 二级 too it is an error', () => {
    const inferred = parseTargetTables(good.replace('\t效益指标\n', '\t影响指标\n'));
    expect(inferred.errors).toEqual([]);
    expect(inferred.projects[0].indicators.map((i) => i.level1)).toContain('效益指标');
    const unknown = parseTargetTables(good.replace('\t效益指标\n', '\t影响指标\n').replace('\t社会效益指标\n', '\t影响力指标\n'));
    expect(unknown.errors).toEqual([
      { table: 1, line: 40, cell: 'A40', message: '表1第40行：一级指标“影响指标”无法识别，应为产出指标、效益指标、满意度指标或成本指标' },
    ]);
  });

  it('a document without any table', () => {
    expect(parseTargetTables('这不是目标表\n\t单元格').errors).toEqual([
      {
        table: null,
        line: null,
        message: '没有找到绩效目标表：应有以“绩效目标表”“目标申报表”“目标批复表”“绩效目标和指标”“绩效目标设定公示”或“自评表”结尾的表名，或“项目名称”与指标表头',
      },
    ]);
  });
});

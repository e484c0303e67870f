import { describe, expect, it } from 'vitest';
import { PREVIEW_TABLE } from '../testing/harness';
import {
  changedInputs,
  draftFromPreview,
  draftProblems,
  inputsOfKind,
  previewTarget,
  saveAction,
  toSaveInput,
  type TableDraft,
  type TargetDraft,
} from './import-draft';

const draft = (): TableDraft[] => draftFromPreview([PREVIEW_TABLE]);
const satisfaction = (tables: TableDraft[]) => tables[0].indicators[3];

describe('draftFromPreview', () => {
  it('keeps each guess about a target cell with its indicator, and the table’s other guesses above it', () => {
    const [table] = draft();
    expect(table.indicators.map((i) => i.warnings.length)).toEqual([0, 1, 0, 1, 0]);
    expect(satisfaction([table]).warnings[0]).toContain('未写单位');
    expect(table.warnings.map((w) => w.message)).toEqual(['表1：表中未写一级指标“成本指标”所属，已按二级指标推定']);
  });

  it('puts every number and date into its input as text, and blank for none', () => {
    const [table] = draft();
    expect(table.budget).toEqual({ total: '85', fiscal: '85', other: '0', carryover: '0' });
    expect(table.year).toBe('2023');
    expect(table.indicators[2].target).toMatchObject({ kind: 'deadline', deadline: '2023-11-30', value: '', unit: '' });
    expect(table.indicators[4].target).toMatchObject({ kind: 'qualitative', comparator: '' });
  });

  it('leaves the unit to choose when the table names none', () => {
    expect(draftFromPreview([{ ...PREVIEW_TABLE, orgCode: null }])[0].orgCode).toBe('');
  });
});

describe('previewTarget: the domain’s reading of a corrected target', () => {
  const read = satisfaction(draft()).target;
  const cases: Array<[string, Partial<TargetDraft>, { state: 'ok'; scoring: string } | { state: 'invalid'; field: string }]> = [
    ['the guessed unit as read scores against 4.5%', {}, { state: 'ok', scoring: '实际值≥4.5%得满分；未达到时得分 = 实际值 ÷ 4.5% × 分值' }],
    ['the unit corrected to 分 scores against 4.5分', { unit: '分' }, { state: 'ok', scoring: '实际值≥4.5分得满分；未达到时得分 = 实际值 ÷ 4.5分 × 分值' }],
    ['a ceiling scores the other way', { comparator: '<=' }, { state: 'ok', scoring: '实际值≤4.5%得满分；超出时得分 = 4.5% ÷ 实际值 × 分值' }],
    ['a number typed with full-width digits is read', { value: '４.８' }, { state: 'ok', scoring: '实际值≥4.8%得满分；未达到时得分 = 实际值 ÷ 4.8% × 分值' }],
    ['a value that is no number names the value', { value: '四点五' }, { state: 'invalid', field: 'value' }],
    ['a blank value names the value', { value: ' ' }, { state: 'invalid', field: 'value' }],
    ['no comparator names the comparator', { comparator: '' }, { state: 'invalid', field: 'comparator' }],
    ['a range needs its high end', { comparator: 'between' }, { state: 'invalid', field: 'max' }],
    [
      'a range with both ends scores inside it in full',
      { comparator: 'between', max: '5' },
      { state: 'ok', scoring: '实际值在 4.5–5% 之间得满分；低于时按 实际值 ÷ 4.5%，高于时按 5% ÷ 实际值 计分' },
    ],
    ['made a deadline, it needs a date', { kind: 'deadline' }, { state: 'invalid', field: 'deadline' }],
    [
      'made a deadline with a date, it scores by the date',
      { kind: 'deadline', deadline: '2023-12-31' },
      { state: 'ok', scoring: '2023-12-31 当日或之前完成得满分，逾期不得分（评价人可酌情给分）' },
    ],
    [
      'made qualitative, it is scored by tier',
      { kind: 'qualitative' },
      { state: 'ok', scoring: '定性指标：评价人选择达成（80–100%）、部分达成（60–80%）或未达成（0–60%）' },
    ],
  ];
  it.each(cases)('%s', (_, change, expected) => {
    expect(previewTarget({ ...read, ...change })).toMatchObject(expected);
  });
});

describe('changedInputs and inputsOfKind', () => {
  it('marks what differs from what was read, and only that', () => {
    const tables = draft();
    const row = satisfaction(tables);
    expect(changedInputs(row).size).toBe(0);
    row.target.unit = '分';
    row.level2 = '满意度指标';
    expect([...changedInputs(row)].sort()).toEqual(['level2', 'unit']);
    row.target.unit = '%';
    expect([...changedInputs(row)]).toEqual(['level2']);
  });

  it('offers the inputs a target of each kind uses', () => {
    expect([...inputsOfKind('quantitative', '>=')]).toEqual(['kind', 'comparator', 'value', 'unit']);
    expect([...inputsOfKind('quantitative', 'between')]).toEqual(['kind', 'comparator', 'value', 'max', 'unit']);
    expect([...inputsOfKind('deadline', '<=')]).toEqual(['kind', 'deadline']);
    expect([...inputsOfKind('qualitative', '')]).toEqual(['kind']);
  });
});

describe('saveAction', () => {
  it('creates, updates the project the server found, or matches again once unit, year or name changed', () => {
    const [fresh] = draft();
    expect(saveAction(fresh)).toBe('create');
    const [existing] = draftFromPreview([{ ...PREVIEW_TABLE, existingProjectId: 'p1' }]);
    expect(saveAction(existing)).toBe('update');
    existing.name = `${existing.name} `;
    expect(saveAction(existing)).toBe('update');
    existing.year = '2024';
    expect(saveAction(existing)).toBe('match');
    existing.year = '2023';
    existing.orgCode = '218102';
    expect(saveAction(existing)).toBe('match');
  });
});

describe('draftProblems', () => {
  it('finds nothing in a preview as read', () => {
    expect(draftProblems(draft())).toEqual([]);
  });

  it('names the table, and the row and cell of an indicator, for each thing to correct', () => {
    const tables = draft();
    tables[0].orgCode = '';
    tables[0].year = '23';
    tables[0].budget.fiscal = '八十五';
    tables[0].budget.other = '';
    satisfaction(tables).target.value = '';
    tables[0].indicators[2].target.deadline = '2023-02-30';
    expect(draftProblems(tables)).toEqual([
      { table: 1, tableIndex: 0, indicator: null, line: null, cell: null, field: 'orgCode', key: 'importer.problems.orgRequired' },
      { table: 1, tableIndex: 0, indicator: null, line: null, cell: null, field: 'year', key: 'importer.problems.yearInvalid' },
      { table: 1, tableIndex: 0, indicator: null, line: null, cell: null, field: 'budget.fiscal', key: 'importer.problems.budgetInvalid' },
      { table: 1, tableIndex: 0, indicator: 2, line: 11, cell: 'F11', field: 'deadline', message: '“2023-02-30”不是有效日期，应写成 2023-12-31' },
      { table: 1, tableIndex: 0, indicator: 3, line: 12, cell: 'F12', field: 'value', message: '定量指标须填写目标数值' },
    ]);
  });
});

describe('toSaveInput', () => {
  it('sends each table as corrected: numbers as numbers, blanks as null, the fixed unit', () => {
    const tables = draft();
    satisfaction(tables).target.unit = ' 分 ';
    tables[0].budget.total = '1,085.5';
    tables[0].budget.carryover = '';
    tables[0].year = ' 2024 ';
    const [table] = toSaveInput(tables);
    expect(table).toMatchObject({
      tableNumber: 1,
      orgCode: '218101',
      name: '诉讼服务中心智能化改造项目',
      year: 2024,
      budget: { total: 1085.5, fiscal: 85, other: 0, carryover: null },
    });
    expect(table.indicators[3]).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '当事人满意度评分',
      description: '',
      target: {
        raw: '≥4.5',
        kind: 'quantitative',
        comparator: '>=',
        value: 4.5,
        max: null,
        unit: '分',
        deadline: null,
        start: null,
        note: null,
        tolerance: false,
        zeroBelow: null,
      },
      actual: null,
    });
    expect(table.indicators[2].target).toMatchObject({ kind: 'deadline', deadline: '2023-11-30', value: null, unit: null });
    expect(table.indicators[4].target).toMatchObject({ kind: 'qualitative', comparator: null, value: null });
  });
});

describe('a self-evaluation table (自评表)', () => {
  const selfEvaluation = {
    ...PREVIEW_TABLE,
    indicators: PREVIEW_TABLE.indicators.map((i) => ({
      ...i,
      actual: i.name === '当事人满意度评分' ? ' 4.6分 ' : i.name === '改造服务窗口数量' ? '6个' : null,
    })),
  };

  it('keeps each 实际完成值 to save with its indicator, corrected or cleared', () => {
    const tables = draftFromPreview([selfEvaluation]);
    expect(tables[0].indicators.map((i) => i.actual)).toEqual(['6个', null, null, ' 4.6分 ', null]);
    tables[0].indicators[0].actual = '';
    expect([...changedInputs(tables[0].indicators[0])]).toEqual(['actual']);
    expect(toSaveInput(tables)[0].indicators.map((i) => i.actual)).toEqual([null, null, null, '4.6分', null]);
  });
});

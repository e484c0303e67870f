import { describe, expect, it } from 'vitest';
import { parseTarget, type ParsedTarget, type TargetContext } from './parse-target.js';

type Expected = Omit<ParsedTarget, 'raw'>;

const q = (comparator: ParsedTarget['comparator'], value: number, unit: string | null, zeroBelow?: number): Expected => ({
  kind: 'quantitative',
  comparator,
  value,
  unit,
  rule: zeroBelow === undefined ? null : { zeroBelow },
});
const deadline = (date: string): Expected => ({ kind: 'deadline', comparator: '<=', value: date, unit: null, rule: null });
const qualitative: Expected = { kind: 'qualitative', comparator: null, value: null, unit: null, rule: null };

describe('parseTarget: the 41 targets of the seed document', () => {
  it.each<[string, TargetContext, Expected]>([
    ['≥27000件', {}, q('>=', 27000, '件')],
    ['≥20个', {}, q('>=', 20, '个')],
    ['≥98%', {}, q('>=', 98, '%')],
    ['显著提升审判质效', {}, qualitative],
    ['≤10分钟', {}, q('<=', 10, '分钟')],
    ['≤418万元', { level2: '成本指标' }, q('<=', 418, '万元')],
    ['充分保障', {}, qualitative],
    ['≥6年', {}, q('>=', 6, '年')],
    ['1年', { level2: '时效指标' }, q('=', 1, '年')],
    ['17万元', { level2: '成本指标' }, q('<=', 17, '万元')],
    ['>90%', {}, q('>', 90, '%')],
    ['≥2台', {}, q('>=', 2, '台')],
    ['100%', { level2: '质量指标', name: '设备合格率' }, q('>=', 100, '%')],
    ['截止2023年12月', {}, deadline('2023-12-31')],
    ['2023年10月前', {}, deadline('2023-09-30')],
    ['2023年12月', {}, deadline('2023-12-31')],
    ['充分解决安全隐患，保障房屋质量安全', {}, qualitative],
    [
      '≥95目标值完成得满分，目标值完成率小于60%不得分，60%与100%之间指标得分=目标值完成率*指标分值',
      { level2: '服务对象满意度指标', name: '干警满意度' },
      q('>=', 95, '%', 0.6),
    ],
  ])('%s (%o) is read as the rules say', (raw, context, expected) => {
    expect(parseTarget(raw, context).target).toEqual({ raw, ...expected });
  });
});

describe('parseTarget: comparators in symbols, full-width forms and words', () => {
  it.each<[string, Expected]>([
    ['>=95%', q('>=', 95, '%')],
    ['=>95%', q('>=', 95, '%')],
    ['≧95%', q('>=', 95, '%')],
    ['⩾95%', q('>=', 95, '%')],
    ['＞９０％', q('>', 90, '%')],
    ['＜5天', q('<', 5, '天')],
    ['<=30分钟', q('<=', 30, '分钟')],
    ['≦30分钟', q('<=', 30, '分钟')],
    ['＝100％', q('=', 100, '%')],
    ['=2个', q('=', 2, '个')],
    ['不低于95%', q('>=', 95, '%')],
    ['不少于3次', q('>=', 3, '次')],
    ['大于等于90%', q('>=', 90, '%')],
    ['大于或等于90%', q('>=', 90, '%')],
    ['达到100%', q('>=', 100, '%')],
    ['不高于5%', q('<=', 5, '%')],
    ['不超过418万元', q('<=', 418, '万元')],
    ['不多于2次', q('<=', 2, '次')],
    ['小于等于24小时', q('<=', 24, '小时')],
    ['小于或等于24小时', q('<=', 24, '小时')],
    ['大于80分', q('>', 80, '分')],
    ['高于上年0.5个百分点', { ...q('>', 0.5, '个百分点'), note: '高于上年0.5个百分点' }],
    ['高于0.5个百分点', q('>', 0.5, '个百分点')],
    ['超过1000人次', q('>', 1000, '人次')],
    ['小于3%', q('<', 3, '%')],
    ['低于3%', q('<', 3, '%')],
    ['等于12个月', q('=', 12, '个月')],
    ['95%以上', q('>=', 95, '%')],
    ['95%及以上', q('>=', 95, '%')],
    ['5%以下', q('<=', 5, '%')],
    ['30个工作日内', q('<=', 30, '个工作日')],
    ['10分钟以内', q('<=', 10, '分钟')],
    ['控制在418万元以内', q('<=', 418, '万元')],
    ['≥ 95 %', q('>=', 95, '%')],
  ])('%s', (raw, expected) => {
    expect(parseTarget(raw).target).toEqual({ raw, ...expected });
  });
});

describe('parseTarget: numbers and units', () => {
  it.each<[string, Expected]>([
    ['≥２７０００件', q('>=', 27000, '件')],
    ['≥27,000件', q('>=', 27000, '件')],
    ['≥99.5%', q('>=', 99.5, '%')],
    ['≤0.35万元', q('<=', 0.35, '万元')],
    ['≥1.2亿元', q('>=', 1.2, '亿元')],
    ['≥3万人次', q('>=', 3, '万人次')],
    ['≥500平方米', q('>=', 500, '平方米')],
    ['≤15个工作日', q('<=', 15, '个工作日')],
    ['≥4宗', q('>=', 4, '宗')],
    ['≥2台套', q('>=', 2, '台套')],
    ['≥8小时', q('>=', 8, '小时')],
    ['≥20', q('>=', 20, null)],
  ])('%s', (raw, expected) => {
    expect(parseTarget(raw).target).toEqual({ raw, ...expected });
  });
});

describe('parseTarget: what it has to guess is reported', () => {
  it.each<[string, TargetContext, Expected, string[]]>([
    ['30万元', { level2: '成本指标' }, q('<=', 30, '万元'), ['指标值“30万元”未写比较符，按成本指标推定为“<=”']],
    ['30万元', { level2: '经济成本指标' }, q('<=', 30, '万元'), ['指标值“30万元”未写比较符，按成本指标推定为“<=”']],
    ['1年', {}, q('=', 1, '年'), ['指标值“1年”未写比较符，默认推定为“=”']],
    ['≥95', { name: '维修质量达标率' }, q('>=', 95, '%'), ['指标值“≥95”未写单位，按比率或满意度指标推定为“%”']],
    ['≥90', { level2: '服务对象满意度指标' }, q('>=', 90, '%'), ['指标值“≥90”未写单位，按比率或满意度指标推定为“%”']],
    [
      '98',
      { name: '问题解决率' },
      q('>=', 98, '%'),
      ['指标值“98”未写比较符，按比率或满意度指标（下限）推定为“>=”', '指标值“98”未写单位，按比率或满意度指标推定为“%”'],
    ],
    ['≥6个派出法庭', {}, q('>=', 6, '个'), ['单位“个”后的文字“派出法庭”已忽略']],
    ['≥95%，力争100%', {}, q('>=', 95, '%'), ['指标值中的说明“,力争100%”不是可识别的评分规则，未采用']],
    ['≥95%以下', {}, q('>=', 95, '%'), ['比较符“>=”与“<=”矛盾，按前者处理']],
  ])('%s (%o)', (raw, context, expected, warnings) => {
    const parsed = parseTarget(raw, context);
    expect(parsed.target).toEqual({ raw, ...expected });
    expect(parsed.warnings).toEqual(warnings);
  });

  it('guesses nothing when everything is written', () => {
    expect(parseTarget('≥95%', { name: '达标率' }).warnings).toEqual([]);
  });
});

describe('parseTarget: rules written into the cell', () => {
  it.each<[string, number]>([
    ['≥95%，目标值完成率小于60%不得分', 0.6],
    ['≥90%,完成率低于50%的不得分', 0.5],
    ['≥90%;完成率不足70%得0分', 0.7],
  ])('%s → zeroBelow %s', (raw, zeroBelow) => {
    expect(parseTarget(raw).target.rule).toEqual({ zeroBelow });
  });
});

describe('parseTarget: qualitative targets are kept verbatim', () => {
  it.each([['显著提升审判质效'], ['及时充分保障'], ['有效解决被救助人困难，改善救助人生活'], ['较上年有所提高'], ['好'], ['']])('%s', (raw) => {
    expect(parseTarget(raw)).toEqual({ target: { raw, ...qualitative }, warnings: [] });
  });
});

describe('parseTarget: each rule of DESIGN.md "Target values" has its case', () => {
  it.each<[string, string, TargetContext, Partial<ParsedTarget>]>([
    ['compound units stay whole', '1600元/亩', { level2: '成本指标' }, { comparator: '<=', value: 1600, unit: '元/亩' }],
    ['百分比 is %', '≥98百分比', { name: '验收合格率' }, { comparator: '>=', value: 98, unit: '%' }],
    ['≧ ≦ ═ ‹ › are comparators', '═ 100 %', {}, { comparator: '=', value: 100, unit: '%' }],
    ['› is >', '›5次', {}, { comparator: '>', value: 5, unit: '次' }],
    ['thousands separators are ignored', '≥44,561人', {}, { comparator: '>=', value: 44561, unit: '人' }],
    ['以内 is a ceiling', '30天以内', {}, { comparator: '<=', value: 30, unit: '天' }],
    ['±3%以内 is a tolerance on the deviation', '±3%以内', {}, { comparator: '<=', value: 3, unit: '%', tolerance: true }],
    ['90%-95% is between', '90%-95%', {}, { comparator: 'between', value: 90, max: 95, unit: '%' }],
    ['90%～95% is between', '90%～95%', {}, { comparator: 'between', value: 90, max: 95, unit: '%' }],
    ['money under 成本指标 is a ceiling', '20万元', { level2: '成本指标' }, { comparator: '<=', value: 20, unit: '万元' }],
    ['a rate under 成本指标 stays a floor', '100%', { level2: '成本指标', name: '资助标准达标率' }, { comparator: '>=', value: 100 }],
    ['a satisfaction with no comparator is a floor', '90%', { name: '群众满意度' }, { comparator: '>=', value: 90 }],
    ['a 知晓 indicator is rate-like', '85', { name: '政策知晓度' }, { comparator: '>=', value: 85, unit: '%' }],
    ['a rate of something to avoid is a ceiling', '2%', { name: '案件差错率' }, { comparator: '<=', value: 2 }],
    ['anything else is equal', '3个', { level2: '数量指标' }, { comparator: '=', value: 3, unit: '个' }],
    ['a bare fraction on a rate is a percentage', '0.97', { name: '在线率' }, { comparator: '>=', value: 97, unit: '%' }],
    ['a unit in the name is used', '120', { name: '造林面积（亩）' }, { comparator: '=', value: 120, unit: '亩' }],
    ['a number inside a sentence is read', '完成90%', { name: '项目完成率' }, { comparator: '>=', value: 90, unit: '%', note: '完成90%' }],
    ['a comparator word before the sentence counts', '至少全年完成2次宣传', {}, { comparator: '>=', value: 2, unit: '次' }],
    ['截止2023年12月', '截止2023年12月', {}, { kind: 'deadline', value: '2023-12-31' }],
    ['2023.12 is the month', '2023.12', {}, { kind: 'deadline', value: '2023-12-31' }],
    ['2023年10月前 is before October', '2023年10月前', {}, { kind: 'deadline', value: '2023-09-30' }],
    ["a date with no year takes the table's", '11月底之前', { year: 2023, level2: '时效指标' }, { kind: 'deadline', value: '2023-11-30' }],
    ['a period is due at its end and keeps its start', '2023.07-2024.01', {}, { kind: 'deadline', value: '2024-01-31', start: '2023-07-01' }],
    ['a period in words', '2023年7月至12月', {}, { kind: 'deadline', value: '2023-12-31', start: '2023-07-01' }],
    ['an Excel serial in a 时效 cell is a date', '44561', { level2: '时效指标' }, { kind: 'deadline', value: '2021-12-31' }],
    ['a trailing note is kept apart', '2019年12月(计划标准)', {}, { kind: 'deadline', value: '2019-12-31', note: '计划标准' }],
    ['a trailing note after a number too', '≥95%(计划标准)', {}, { comparator: '>=', value: 95, unit: '%', note: '计划标准' }],
    ['anything else is qualitative', '显著提升审判质效', {}, { kind: 'qualitative', comparator: null, value: null }],
  ])('%s: %s', (_rule, raw, context, expected) => {
    expect(parseTarget(raw, context).target).toMatchObject(expected);
  });

  it.each<[string, TargetContext, string]>([
    ['90%', { name: '群众满意度' }, '未写比较符'],
    ['98', { name: '问题解决率' }, '未写单位'],
    ['11月底之前', { year: 2023 }, '按表的年度 2023 年'],
    ['44561', { level2: '时效指标' }, 'Excel 日期序号'],
    ['至少全年完成2次宣传', {}, '是一句话'],
    ['120', { name: '造林面积（亩）' }, '按指标名称取“亩”'],
  ])('the guess in %s (%o) is a warning', (raw, context, says) => {
    expect(parseTarget(raw, context).warnings.join('；')).toContain(says);
  });
});

import { InvalidInputError } from '../errors.js';

/**
 * Units seen in target tables, longest first so that "个工作日" wins over "个" and "万元" over "万".
 * A unit not listed is still accepted as written when it is short (see parseQuantity).
 */
export const KNOWN_UNITS: readonly string[] = [
  '个百分点',
  '平方公里',
  '台套',
  '个工作日',
  '万人次',
  '工作日',
  '平方米',
  '万元',
  '亿元',
  '千元',
  '万件',
  '万次',
  '万人',
  '人次',
  '人天',
  '分钟',
  '小时',
  '个月',
  '公里',
  '千米',
  '公顷',
  '千瓦',
  '%',
  '‰',
  '元',
  '件',
  '个',
  '台',
  '套',
  '人',
  '户',
  '家',
  '次',
  '项',
  '场',
  '期',
  '批',
  '份',
  '篇',
  '册',
  '部',
  '辆',
  '座',
  '间',
  '处',
  '条',
  '所',
  '名',
  '宗',
  '卷',
  '秒',
  '天',
  '日',
  '周',
  '月',
  '年',
  '米',
  '亩',
  '吨',
  '分',
  'GB',
  'TB',
  'km',
  'm2',
  'm²',
  '立方米',
  '万立方米',
  '万亩',
  '万株',
  '株',
  '棵',
  '单',
  '床',
  '张',
  '块',
  '盏',
  '根',
  '头',
  '只',
  '公斤',
  '千克',
  '学时',
  '课时',
  '季度',
  '百分点',
  '万户',
  '万平方米',
].sort((a, b) => b.length - a.length);

/** Exact conversion families: each unit's size in the family's base unit. */
const FAMILIES: ReadonlyArray<Readonly<Record<string, number>>> = [
  { 元: 1, 千元: 1e3, 万元: 1e4, 百万元: 1e6, 亿元: 1e8 },
  { 秒: 1, 分钟: 60, 小时: 3600, 天: 86400, 日: 86400, 周: 604800 },
  { 月: 1, 个月: 1, 年: 12 },
  { 米: 1, m: 1, M: 1, 公里: 1000, 千米: 1000, km: 1000 },
  { 平方米: 1, m2: 1, 'm²': 1, 公顷: 10000, 平方公里: 1e6 },
  { '%': 1, '‰': 0.1 },
];

const MULTIPLIERS: Readonly<Record<string, number>> = { 千: 1e3, 万: 1e4, 亿: 1e8 };

function factorBetween(from: string, to: string): number | null {
  for (const family of FAMILIES) {
    if (from in family && to in family) return family[from] / family[to];
  }
  // "万人次" vs "人次", "万件" vs "件": a Chinese multiplier on the same counting unit is exact.
  const scale = (unit: string): [string, number] => (unit.length > 1 && unit[0] in MULTIPLIERS ? [unit.slice(1), MULTIPLIERS[unit[0]]] : [unit, 1]);
  const [fromBase, fromScale] = scale(from);
  const [toBase, toScale] = scale(to);
  if (fromBase === toBase) return fromScale / toScale;
  return null;
}

/**
 * Converts a value from one unit to another where the conversion is certain (元 ↔ 万元,
 * 分钟 ↔ 小时, 万人次 ↔ 人次 …). Throws InvalidInputError naming both units otherwise.
 *
 * @example convertUnit(285000, '元', '万元') // 28.5
 */
export function convertUnit(value: number, from: string, to: string, field = 'value'): number {
  if (from === to) return value;
  const factor = factorBetween(from, to);
  if (factor === null) {
    throw new InvalidInputError(field, `单位“${from}”无法换算为目标值的单位“${to}”`);
  }
  // Rounding to 10 significant digits removes binary noise such as 28.499999999999996.
  return Number((value * factor).toPrecision(12));
}

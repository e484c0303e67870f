/** 一级指标 codes (docs/domain.md "Words we use"). 成本指标 as a first level appears in newer tables. */
export type Level1 = 'OUTPUT' | 'BENEFIT' | 'SATISFACTION' | 'COST';

/** 二级指标 codes (docs/domain.md "Words we use"). */
export type Level2 = 'QUANTITY' | 'QUALITY' | 'TIMELINESS' | 'COST' | 'ECONOMIC' | 'SOCIAL' | 'ECOLOGICAL' | 'SUSTAINABILITY' | 'SERVICE_SATISFACTION';

const LEVEL1_WORDS: ReadonlyArray<[RegExp, Level1]> = [
  [/产出/, 'OUTPUT'],
  [/效益/, 'BENEFIT'],
  [/满意/, 'SATISFACTION'],
  [/成本/, 'COST'],
];

const LEVEL2_WORDS: ReadonlyArray<[RegExp, Level2]> = [
  [/数量/, 'QUANTITY'],
  [/质量/, 'QUALITY'],
  [/时效/, 'TIMELINESS'],
  [/经济效益/, 'ECONOMIC'],
  [/社会效益/, 'SOCIAL'],
  [/生态/, 'ECOLOGICAL'],
  [/可持续/, 'SUSTAINABILITY'],
  [/满意/, 'SERVICE_SATISFACTION'],
  [/成本/, 'COST'],
];

/** The code of a 一级指标 label as written ("产出指标" → OUTPUT), or null when unknown. */
export function level1Code(label: string): Level1 | null {
  return LEVEL1_WORDS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

/** The code of a 二级指标 label as written ("经济效益指标" → ECONOMIC), or null when unknown. */
export function level2Code(label: string): Level2 | null {
  return LEVEL2_WORDS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

/** The standard Chinese label of a 一级指标 code. */
export const LEVEL1_LABELS: Readonly<Record<Level1, string>> = {
  OUTPUT: '产出指标',
  BENEFIT: '效益指标',
  SATISFACTION: '满意度指标',
  COST: '成本指标',
};

/**
 * The import preview as a person corrects it before saving: the tables the server read, every
 * field as the screen's inputs hold it (text), and what the domain makes of each edited target —
 * the target itself (targetFromFields) and how it will score (describeTargetScoring). No rule is
 * restated here; this file only moves values between the inputs, the domain and the API.
 */
import {
  describeTargetScoring,
  InvalidInputError,
  parseDecimal,
  targetFromFields,
  type Comparator,
  type ParsedTarget,
  type TargetFields,
  type TargetKind,
} from '@jixiao/domain';
import type { ImportMessageRef, ImportTableInput, PreviewIndicator, PreviewTable, PreviewTarget } from '../graphql/queries';

/** A target's inputs: numbers and dates as typed, '' for none; the other fields kept as read. */
export interface TargetDraft extends Omit<PreviewTarget, TargetInputName | 'kind'> {
  kind: TargetKind;
  comparator: Comparator | '';
  value: string;
  max: string;
  unit: string;
  deadline: string;
}

/** The inputs of a target a person may change, in the order the screen shows them. */
export const TARGET_INPUTS = ['kind', 'comparator', 'value', 'max', 'unit', 'deadline'] as const;
export type TargetInputName = (typeof TARGET_INPUTS)[number];

export interface IndicatorDraft {
  /** Unique within the preview, for lists and input ids. */
  key: string;
  level1: string;
  level2: string;
  name: string;
  description: string;
  target: TargetDraft;
  /** 实际完成值 of a self-evaluation table (自评表), as written; null when the table has none. */
  actual: string | null;
  /** Row of the source (1-based) and the target cell's address, for messages. */
  line: number;
  cell: string | null;
  /** What the reader guessed about this indicator, to be checked. */
  warnings: string[];
  /** As read, to show what was changed. */
  read: { level1: string; level2: string; actual: string | null; target: TargetDraft };
}

export interface BudgetDraft {
  total: string;
  fiscal: string;
  other: string;
  carryover: string;
}

export interface TableDraft {
  tableNumber: number;
  title: string;
  kind: PreviewTable['kind'];
  /** '' until one is chosen, when the table's unit line has no 单位编码. */
  orgCode: string;
  orgName: string;
  name: string;
  year: string;
  budget: BudgetDraft;
  purpose: string;
  goals: string[];
  leader: string | null;
  period: string | null;
  /** Saving updates this project (same unit, year and name) instead of creating one. */
  existingProjectId: string | null;
  indicators: IndicatorDraft[];
  /** Guesses about the table rather than one indicator (a year taken from elsewhere, a missing 一级). */
  warnings: ImportMessageRef[];
  /** As read: saving updates `existingProjectId` only while unit, year and name are these. */
  read: { orgCode: string; name: string; year: string };
}

const text = (value: number | null | undefined): string => (value == null ? '' : String(value));

function targetDraft(target: PreviewTarget): TargetDraft {
  return {
    ...target,
    kind: target.kind as TargetKind,
    comparator: (target.comparator ?? '') as Comparator | '',
    value: text(target.value),
    max: text(target.max),
    unit: target.unit ?? '',
    deadline: target.deadline ?? '',
  };
}

function indicatorDraft(tableIndex: number, indicator: PreviewIndicator, index: number): IndicatorDraft {
  const target = targetDraft(indicator.target);
  return {
    key: `${tableIndex}-${index}`,
    level1: indicator.level1,
    level2: indicator.level2,
    name: indicator.name,
    description: indicator.description,
    target,
    actual: indicator.actual,
    line: indicator.line,
    cell: indicator.cell,
    warnings: indicator.warnings.map((warning) => warning.message),
    read: { level1: indicator.level1, level2: indicator.level2, actual: indicator.actual, target: { ...target } },
  };
}

/**
 * The editable copy of a preview. Warnings about an indicator's target cell stay with it; the
 * table's other warnings (a field, a level, the year) are shown above its indicators.
 */
export function draftFromPreview(tables: readonly PreviewTable[]): TableDraft[] {
  return tables.map((table, tableIndex) => {
    const cells = new Set(table.indicators.flatMap((indicator) => (indicator.cell === null ? [] : [indicator.cell])));
    return {
      tableNumber: table.tableNumber,
      title: table.title,
      kind: table.kind,
      orgCode: table.orgCode ?? '',
      orgName: table.orgName,
      name: table.name,
      year: String(table.year),
      budget: { total: text(table.budget.total), fiscal: text(table.budget.fiscal), other: text(table.budget.other), carryover: text(table.budget.carryover) },
      purpose: table.purpose,
      goals: [...table.goals],
      leader: table.leader,
      period: table.period,
      existingProjectId: table.existingProjectId,
      indicators: table.indicators.map((indicator, index) => indicatorDraft(tableIndex, indicator, index)),
      warnings: table.warnings.filter((warning) => warning.cell === null || !cells.has(warning.cell)),
      read: { orgCode: table.orgCode ?? '', name: table.name, year: String(table.year) },
    };
  });
}

/** A number typed into an input ("1,600", "９５"), null when blank; InvalidInputError when it is no number. */
function numberOf(field: string, label: string, value: string): number | null {
  if (value.trim() === '') return null;
  const parsed = parseDecimal(value);
  if (parsed === null) throw new InvalidInputError(field, `${label}“${value}”不是数字`);
  return parsed;
}

/** The target fields the domain and the API take, from the inputs. Throws InvalidInputError. */
export function targetFieldsOf(draft: TargetDraft): Required<TargetFields> {
  return {
    raw: draft.raw,
    kind: draft.kind,
    comparator: draft.comparator === '' ? null : draft.comparator,
    value: numberOf('value', '目标数值', draft.value),
    max: numberOf('max', '上限', draft.max),
    unit: draft.unit.trim() === '' ? null : draft.unit.trim(),
    deadline: draft.deadline.trim() === '' ? null : draft.deadline.trim(),
    start: draft.start,
    note: draft.note,
    tolerance: draft.tolerance,
    zeroBelow: draft.zeroBelow,
  };
}

export type TargetPreview = { state: 'ok'; target: ParsedTarget; scoring: string } | { state: 'invalid'; field: string; message: string };

/**
 * What the domain makes of a target as edited: the target it will save and how it will score.
 *
 * @example previewTarget({ ...draft, unit: '分' }) // { state: 'ok', target: { unit: '分', … }, scoring: '实际值≥4.5分得满分；…' }
 */
export function previewTarget(draft: TargetDraft): TargetPreview {
  try {
    const target = targetFromFields(targetFieldsOf(draft));
    return { state: 'ok', target, scoring: describeTargetScoring(target) };
  } catch (error) {
    if (error instanceof InvalidInputError) return { state: 'invalid', field: error.field, message: error.message };
    throw error;
  }
}

/** The inputs whose value differs from what was read. */
export function changedInputs(indicator: IndicatorDraft): Set<TargetInputName | 'level1' | 'level2' | 'actual'> {
  const changed = new Set<TargetInputName | 'level1' | 'level2' | 'actual'>();
  for (const name of TARGET_INPUTS) if (indicator.target[name] !== indicator.read.target[name]) changed.add(name);
  if (indicator.level1 !== indicator.read.level1) changed.add('level1');
  if (indicator.level2 !== indicator.read.level2) changed.add('level2');
  if (indicator.actual !== indicator.read.actual) changed.add('actual');
  return changed;
}

/**
 * What saving the table will do, as far as the preview knows: create a project, update the one
 * the server found, or — unit, year or name changed — match by the new ones when saving.
 */
export function saveAction(table: TableDraft): 'create' | 'update' | 'match' {
  const { read } = table;
  if (table.orgCode !== read.orgCode || table.name.trim() !== read.name || table.year.trim() !== read.year) return 'match';
  return table.existingProjectId ? 'update' : 'create';
}

/** Which inputs a target of this kind uses. */
export function inputsOfKind(kind: TargetKind, comparator: Comparator | ''): Set<TargetInputName> {
  if (kind === 'qualitative') return new Set(['kind']);
  if (kind === 'deadline') return new Set(['kind', 'deadline']);
  return new Set<TargetInputName>(comparator === 'between' ? ['kind', 'comparator', 'value', 'max', 'unit'] : ['kind', 'comparator', 'value', 'unit']);
}

/** Something that keeps the preview from being saved, with the place it is about. */
export interface DraftProblem {
  /** The table's number, as its title gives it, and its place in the preview (numbers may repeat). */
  table: number;
  tableIndex: number;
  /** The indicator's place in its table, or null for a field of the table. */
  indicator: number | null;
  /** The indicator's row, or null for a field of the table. */
  line: number | null;
  cell: string | null;
  /** The input it is about: orgCode, name, year, budget.total …, or a target input. */
  field: string;
  /** An i18n key (importer.problems.*), or a message of the domain's. */
  key?: string;
  message?: string;
}

const YEAR = /^\d{4}$/;

/** Everything to correct before saving; empty when the preview can be saved. */
export function draftProblems(tables: readonly TableDraft[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  tables.forEach((table, tableIndex) => {
    const at = { table: table.tableNumber, tableIndex, indicator: null, line: null, cell: null };
    if (table.orgCode === '') problems.push({ ...at, field: 'orgCode', key: 'importer.problems.orgRequired' });
    if (table.name.trim() === '') problems.push({ ...at, field: 'name', key: 'importer.problems.nameRequired' });
    if (!YEAR.test(table.year.trim())) problems.push({ ...at, field: 'year', key: 'importer.problems.yearInvalid' });
    for (const field of ['total', 'fiscal', 'other', 'carryover'] as const) {
      const value = table.budget[field];
      if (field === 'total' || field === 'fiscal' ? value.trim() === '' || parseDecimal(value) === null : value.trim() !== '' && parseDecimal(value) === null) {
        problems.push({ ...at, field: `budget.${field}`, key: 'importer.problems.budgetInvalid' });
      }
    }
    table.indicators.forEach((indicator, index) => {
      const place = { table: table.tableNumber, tableIndex, indicator: index, line: indicator.line, cell: indicator.cell };
      if (indicator.name.trim() === '') problems.push({ ...place, field: 'name', key: 'importer.problems.indicatorNameRequired' });
      if (indicator.level2.trim() === '') problems.push({ ...place, field: 'level2', key: 'importer.problems.levelRequired' });
      const preview = previewTarget(indicator.target);
      if (preview.state === 'invalid') problems.push({ ...place, field: preview.field, message: preview.message });
    });
  });
  return problems;
}

/** What the save mutation takes. Call after draftProblems() came back empty. */
export function toSaveInput(tables: readonly TableDraft[]): ImportTableInput[] {
  return tables.map((table) => ({
    tableNumber: table.tableNumber,
    title: table.title,
    kind: table.kind,
    orgCode: table.orgCode,
    orgName: table.orgName,
    name: table.name.trim(),
    year: Number(table.year.trim()),
    budget: {
      total: parseDecimal(table.budget.total) ?? 0,
      fiscal: parseDecimal(table.budget.fiscal) ?? 0,
      other: parseDecimal(table.budget.other),
      carryover: parseDecimal(table.budget.carryover),
    },
    purpose: table.purpose,
    goals: table.goals,
    leader: table.leader,
    period: table.period,
    indicators: table.indicators.map((indicator) => {
      return {
        level1: indicator.level1.trim(),
        level2: indicator.level2.trim(),
        name: indicator.name.trim(),
        description: indicator.description,
        target: targetFieldsOf(indicator.target),
        actual: indicator.actual === null || indicator.actual.trim() === '' ? null : indicator.actual.trim(),
      };
    }),
  }));
}

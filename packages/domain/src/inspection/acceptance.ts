import type { InspectionKind } from '../evidence/sources.js';

/**
 * How much one acceptance record (维修验收 / 设备验收) may hold. The phone's form stops typing at
 * these lengths and the server refuses anything longer.
 */
export const ACCEPTANCE_LIMITS = {
  itemName: 200,
  serialNumber: 100,
  note: 2000,
  checklistLines: 100,
  checklistLabel: 200,
  photos: 30,
} as const;

/** An acceptance as a form or the API holds it; text is checked trimmed. */
export interface AcceptanceRecord {
  kind: InspectionKind;
  /** 验收对象: the repaired place or the equipment. */
  itemName: string;
  serialNumber?: string | null;
  /** 验收清单: each line is answered 合格 (true) or 不合格 (false); null while not answered. */
  checklist?: ReadonlyArray<{ label: string; passed: boolean | null }> | null;
  /** 验收结论; null while none is chosen. */
  passed: boolean | null;
  note?: string | null;
  /** The photos' SHA-256 hashes. */
  photos: readonly string[];
  /** The accepting person's signature (the image's SHA-256, or whatever the form holds); null while none. */
  signature: string | null;
  /** Whether the project asks for a signature (Project.requireSignature). */
  signatureRequired: boolean;
}

/** The field a problem is in: a property of AcceptanceRecord, or one checklist line's label. */
export type AcceptanceField =
  | 'itemName'
  | 'serialNumber'
  | 'checklist'
  | `checklist[${number}].label`
  | `checklist[${number}].passed`
  | 'photos'
  | 'passed'
  | 'note'
  | 'signature';

/**
 * What is wrong: missing, longer or more than ACCEPTANCE_LIMITS allow, a photo given twice, or a
 * result that contradicts the checklist.
 */
export type AcceptanceRule = 'REQUIRED' | 'TOO_LONG' | 'TOO_MANY' | 'REPEATED' | 'CONTRADICTS';

export interface AcceptanceProblem {
  field: AcceptanceField;
  rule: AcceptanceRule;
  /** The limit broken by TOO_LONG (characters) and TOO_MANY (lines, photos). */
  limit?: number;
  /** What to tell the person, in Chinese. */
  message: string;
}

const LABELS = { itemName: '验收对象', serialNumber: '序列号', note: '说明' } as const;

function tooLong(field: AcceptanceField, label: string, text: string, limit: number): AcceptanceProblem[] {
  return text.length > limit ? [{ field, rule: 'TOO_LONG', limit, message: `${label}最长 ${limit} 个字符，实际为 ${text.length}` }] : [];
}

/** A checklist line as a message names it: its label, or its number when it has none. */
function named(label: string, index: number): string {
  return label === '' ? `第 ${index + 1} 项` : label;
}

/**
 * Everything that keeps an acceptance from being recorded, in the order of the form, or an empty
 * list. The rules (docs/domain.md "Evidence becomes actuals"): the item is named; checklist lines
 * have labels and each is answered; a repair acceptance has at least one photo (the evidence of
 * the work); a result is chosen, and it is not 合格 while a checklist line is 不合格; a failed
 * acceptance says why; the accepting person signs when the project asks for it; nothing exceeds
 * ACCEPTANCE_LIMITS; no photo is given twice.
 *
 * @example checkAcceptance({ kind: 'REPAIR', itemName: '屋面', passed: false, photos: [], signature: null, signatureRequired: true }).map((p) => p.field) // ['photos', 'note', 'signature']
 */
export function checkAcceptance(record: AcceptanceRecord): AcceptanceProblem[] {
  const itemName = record.itemName.trim();
  const serialNumber = record.serialNumber?.trim() ?? '';
  const note = record.note?.trim() ?? '';
  const checklist = record.checklist ?? [];
  const problems: AcceptanceProblem[] = [];

  if (itemName === '') problems.push({ field: 'itemName', rule: 'REQUIRED', message: '请填写验收对象' });
  problems.push(...tooLong('itemName', LABELS.itemName, itemName, ACCEPTANCE_LIMITS.itemName));
  problems.push(...tooLong('serialNumber', LABELS.serialNumber, serialNumber, ACCEPTANCE_LIMITS.serialNumber));

  if (checklist.length > ACCEPTANCE_LIMITS.checklistLines) {
    problems.push({
      field: 'checklist',
      rule: 'TOO_MANY',
      limit: ACCEPTANCE_LIMITS.checklistLines,
      message: `验收清单最多 ${ACCEPTANCE_LIMITS.checklistLines} 项`,
    });
  }
  checklist.forEach((line, i) => {
    const label = line.label.trim();
    const field: AcceptanceField = `checklist[${i}].label`;
    if (label === '') problems.push({ field, rule: 'REQUIRED', message: '检查项不能为空' });
    problems.push(...tooLong(field, '检查项', label, ACCEPTANCE_LIMITS.checklistLabel));
    if (line.passed === null) problems.push({ field: `checklist[${i}].passed`, rule: 'REQUIRED', message: `请选择「${named(label, i)}」是否合格` });
  });

  if (record.kind === 'REPAIR' && record.photos.length === 0) problems.push({ field: 'photos', rule: 'REQUIRED', message: '维修验收至少需要一张照片' });
  if (record.photos.length > ACCEPTANCE_LIMITS.photos) {
    problems.push({ field: 'photos', rule: 'TOO_MANY', limit: ACCEPTANCE_LIMITS.photos, message: `照片最多 ${ACCEPTANCE_LIMITS.photos} 张` });
  }
  if (new Set(record.photos).size !== record.photos.length) problems.push({ field: 'photos', rule: 'REPEATED', message: '同一张照片重复了' });

  if (record.passed === null) problems.push({ field: 'passed', rule: 'REQUIRED', message: '请选择验收结论' });
  const failed = checklist.flatMap((line, i) => (line.passed === false ? [`「${named(line.label.trim(), i)}」`] : []));
  // A record that says 合格 while its own checklist says 不合格 would count toward a pass rate it contradicts.
  if (record.passed === true && failed.length > 0) {
    problems.push({ field: 'passed', rule: 'CONTRADICTS', message: `${failed.join('、')}不合格，总体结论不能为合格` });
  }
  if (record.passed === false && note === '') problems.push({ field: 'note', rule: 'REQUIRED', message: '验收不合格时请说明原因' });
  problems.push(...tooLong('note', LABELS.note, note, ACCEPTANCE_LIMITS.note));
  if (record.signatureRequired && !record.signature?.trim()) problems.push({ field: 'signature', rule: 'REQUIRED', message: '请验收人签名' });
  return problems;
}

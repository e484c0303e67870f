/**
 * The acceptance form (维修验收 / 设备验收) as plain data and functions: what a draft holds, what
 * must be filled in before it can be queued, and the SubmitInspectionInput it becomes.
 */
import { checkAcceptance, checkPhotoCapture, type AcceptanceProblem, type InspectionKind } from '@jixiao/domain';
import type { Position } from '../composables/useGeolocation';
import type { PhotoCaptureInput, SubmitInspectionInput } from '../graphql/queries';
import type { StoredPhoto } from '../offline/types';

export type { InspectionKind };

export interface ChecklistLineDraft {
  label: string;
  /** null until the inspector answers the line: nothing is 合格 by default. */
  passed: boolean | null;
}

export interface InspectionDraft {
  /** Made when the form opened; kept across autosave and restore, so a resubmission is one record. */
  clientId: string;
  openedAt: number;
  siteId: string | null;
  equipmentItemId: string | null;
  itemName: string;
  serialNumber: string;
  checklist: ChecklistLineDraft[];
  photos: StoredPhoto[];
  /** The signature pad's PNG as a data URL. */
  signature: string | null;
  passed: boolean | null;
  note: string;
  location: Position | null;
}

export function newInspectionDraft(clientId: string, openedAt: number): InspectionDraft {
  return {
    clientId,
    openedAt,
    siteId: null,
    equipmentItemId: null,
    itemName: '',
    serialNumber: '',
    checklist: [newChecklistLine()],
    photos: [],
    signature: null,
    passed: null,
    note: '',
    location: null,
  };
}

/** A checklist line as 添加检查项 adds it: no label, not answered. */
export function newChecklistLine(): ChecklistLineDraft {
  return { label: '', passed: null };
}

/** Whether anything was filled in (a blank form is not worth announcing as a restored draft). */
export function hasContent(draft: InspectionDraft): boolean {
  return (
    draft.itemName.trim() !== '' ||
    draft.serialNumber.trim() !== '' ||
    draft.note.trim() !== '' ||
    draft.photos.length > 0 ||
    draft.signature !== null ||
    draft.passed !== null ||
    draft.checklist.some((line) => line.label.trim() !== '' || line.passed !== null)
  );
}

/**
 * A place on the form that can hold a problem, in the form's order: one checklist line is
 * `checklist.<index>`, the list as a whole `checklist`.
 */
export type InspectionField = 'itemName' | 'serialNumber' | 'checklist' | `checklist.${number}` | 'photos' | 'signature' | 'passed' | 'note';

/** The form's fields from top to bottom, as the page lays them out (the checklist's lines in between). */
const FIELD_ORDER = ['itemName', 'serialNumber', 'checklist', 'photos', 'signature', 'passed', 'note'] as const;

/** What to show under a field: an i18n key and its values. */
export interface InspectionError {
  key: string;
  values?: Record<string, unknown>;
}

/** What the form needs to know beyond the draft. */
export interface InspectionRules {
  /** The project asks for the accepting person's signature (Project.requireSignature; true when unknown). */
  signatureRequired: boolean;
}

/** The message of a missing field; the item's depends on the kind. */
const REQUIRED_KEYS: Partial<Record<string, string>> = {
  checklist: 'inspection.errors.checkRequired',
  photos: 'inspection.errors.photoRequired',
  passed: 'inspection.errors.resultRequired',
  note: 'inspection.errors.noteRequired',
  signature: 'inspection.errors.signatureRequired',
};

/** A checklist line as a message names it: its label, or its number. */
function lineName(line: ChecklistLineDraft, index: number): InspectionError {
  const label = line.label.trim();
  return label === '' ? { key: 'inspection.errors.lineNumber', values: { n: index + 1 } } : { key: 'inspection.errors.lineLabel', values: { label } };
}

function errorOf(kind: InspectionKind, problem: AcceptanceProblem, lines: ChecklistLineDraft[]): InspectionError {
  const line = /^checklist\[(\d+)\]\.(label|passed)$/.exec(problem.field);
  switch (problem.rule) {
    case 'REQUIRED':
      if (problem.field === 'itemName') return { key: kind === 'EQUIPMENT' ? 'inspection.errors.equipmentRequired' : 'inspection.errors.itemRequired' };
      if (line?.[2] === 'passed') return { key: 'inspection.errors.lineUnanswered', values: { line: lineName(lines[Number(line[1])], Number(line[1])) } };
      return { key: REQUIRED_KEYS[line ? 'checklist' : problem.field] ?? 'inspection.errors.checkRequired' };
    case 'TOO_LONG':
      return { key: 'inspection.errors.tooLong', values: { max: problem.limit } };
    case 'TOO_MANY':
      return { key: problem.field === 'photos' ? 'inspection.errors.tooManyPhotos' : 'inspection.errors.tooManyChecks', values: { max: problem.limit } };
    case 'REPEATED':
      return { key: 'inspection.errors.photoRepeated' };
    case 'CONTRADICTS':
      return {
        key: 'inspection.errors.contradicts',
        values: { lines: lines.flatMap((l, i) => (l.passed === false ? [lineName(l, i)] : [])) },
      };
  }
}

/** The form's field a domain problem belongs to (checklist lines by their index among the kept lines). */
function fieldOf(problem: AcceptanceProblem, kept: number[]): InspectionField {
  const line = /^checklist\[(\d+)\]/.exec(problem.field);
  if (line) return `checklist.${kept[Number(line[1])]}`;
  return problem.field as InspectionField;
}

/**
 * What keeps the draft from being queued, per field (the first problem of each), in the form's
 * order, by the domain's acceptance rules — the server's own — so that a record is refused here,
 * while the inspector is still on site, rather than after it synced. Empty when the draft can be
 * queued.
 */
export function validateInspection(kind: InspectionKind, draft: InspectionDraft, rules: InspectionRules): Partial<Record<InspectionField, InspectionError>> {
  // Blank, unanswered checklist lines are dropped when queued (toInspectionInput), so they are no error.
  const kept = draft.checklist.flatMap((line, i) => (isBlankLine(line) ? [] : [i]));
  const checklist = kept.map((i) => draft.checklist[i]);
  const found = new Map<InspectionField, InspectionError>();
  const problems = checkAcceptance({
    kind,
    itemName: draft.itemName,
    serialNumber: draft.serialNumber,
    checklist,
    passed: draft.passed,
    note: draft.note,
    photos: draft.photos.map((photo) => photo.sha256),
    signature: draft.signature,
    signatureRequired: rules.signatureRequired,
  });
  for (const problem of problems) {
    const field = fieldOf(problem, kept);
    if (!found.has(field)) found.set(field, errorOf(kind, problem, checklist));
  }
  const rank = (field: InspectionField): number => {
    const line = /^checklist\.(\d+)$/.exec(field);
    // Lines sit between the list's heading problems and the photos.
    return line ? FIELD_ORDER.indexOf('checklist') + 0.5 + Number(line[1]) / 1e4 : FIELD_ORDER.indexOf(field as (typeof FIELD_ORDER)[number]);
  };
  return Object.fromEntries([...found].sort(([a], [b]) => rank(a) - rank(b)));
}

/** The first field with a problem, top to bottom, with its error; null when the draft can be queued. */
export function firstError(errors: Partial<Record<InspectionField, InspectionError>>): { field: InspectionField; error: InspectionError } | null {
  const [entry] = Object.entries(errors) as Array<[InspectionField, InspectionError]>;
  return entry ? { field: entry[0], error: entry[1] } : null;
}

/** A line with neither a label nor an answer is left over, not an unanswered line. */
function isBlankLine(line: ChecklistLineDraft): boolean {
  return line.label.trim() === '' && line.passed === null;
}

/**
 * The photos' capture info (read from the originals' EXIF) as the server takes it: what the
 * domain finds implausible (a phone clock set to next year) is left out rather than refused.
 */
export function photoCaptures(photos: StoredPhoto[], now: number): PhotoCaptureInput[] {
  return photos.flatMap((photo) => {
    if (!photo.capture) return [];
    const capture = {
      capturedAt: photo.capture.capturedAt ? new Date(photo.capture.capturedAt) : null,
      latitude: photo.capture.latitude,
      longitude: photo.capture.longitude,
    };
    const wrong = new Set(checkPhotoCapture(capture, new Date(now)).map((problem) => problem.field));
    const capturedAt = wrong.has('capturedAt') ? null : capture.capturedAt;
    const position = wrong.has('latitude') || wrong.has('longitude') || capture.latitude === null || capture.longitude === null ? null : capture;
    if (!capturedAt && !position) return [];
    return [
      {
        sha256: photo.sha256,
        ...(capturedAt ? { capturedAt: capturedAt.toISOString() } : {}),
        ...(position ? { latitude: position.latitude, longitude: position.longitude } : {}),
      },
    ];
  });
}

/** The mutation input the outbox carries for this draft. */
export function toInspectionInput(
  projectId: string,
  kind: InspectionKind,
  draft: InspectionDraft,
  signatureHash: string | null,
  capturedAt: number,
): SubmitInspectionInput {
  const note = draft.note.trim();
  const serialNumber = draft.serialNumber.trim();
  const captures = photoCaptures(draft.photos, capturedAt);
  return {
    clientId: draft.clientId,
    projectId,
    kind,
    ...(draft.siteId ? { siteId: draft.siteId } : {}),
    itemName: draft.itemName.trim(),
    ...(serialNumber ? { serialNumber } : {}),
    // Only answered lines reach here (validateInspection); `=== true` keeps the type boolean.
    checklist: draft.checklist.filter((line) => !isBlankLine(line)).map((line) => ({ label: line.label.trim(), passed: line.passed === true })),
    passed: draft.passed === true,
    ...(note ? { note } : {}),
    photos: draft.photos.map((photo) => photo.sha256),
    ...(captures.length > 0 ? { photoCaptures: captures } : {}),
    ...(signatureHash ? { signature: signatureHash } : {}),
    ...(draft.location
      ? { location: { lat: draft.location.lat, lng: draft.location.lng, ...(draft.location.accuracy !== null ? { accuracy: draft.location.accuracy } : {}) } }
      : {}),
    capturedAt: new Date(capturedAt).toISOString(),
  };
}

/** Width and height from a PNG's IHDR chunk (the signature pad's export), or 0×0 if not a PNG. */
export async function pngSize(blob: Blob): Promise<{ width: number; height: number }> {
  const head = new DataView(await blob.slice(0, 24).arrayBuffer());
  if (head.byteLength < 24 || head.getUint32(0) !== 0x89504e47) return { width: 0, height: 0 };
  return { width: head.getUint32(16), height: head.getUint32(20) };
}

/** A translation function as vue-i18n's `t` is called here. */
export type Translate = (key: string, values: Record<string, unknown>) => string;

/**
 * An error as text: values that are errors themselves (a checklist line's name) are translated
 * too, and lists of them joined with "、".
 *
 * @example formatInspectionError(t, { key: 'inspection.errors.lineUnanswered', values: { line: { key: 'inspection.errors.lineLabel', values: { label: '防水' } } } }) // '请选择「防水」是否合格'
 */
export function formatInspectionError(t: Translate, error: InspectionError): string {
  const values = Object.fromEntries(
    Object.entries(error.values ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? value.map((part: InspectionError) => formatInspectionError(t, part)).join('、')
        : isError(value)
          ? formatInspectionError(t, value)
          : value,
    ]),
  );
  return t(error.key, values);
}

function isError(value: unknown): value is InspectionError {
  return typeof value === 'object' && value !== null && typeof (value as InspectionError).key === 'string';
}

/**
 * The acceptance form (维修验收 / 设备验收) as plain data and functions: what a draft holds, what
 * must be filled in before it can be queued, and the SubmitInspectionInput it becomes.
 */
import { checkAcceptance, type AcceptanceProblem, type InspectionKind } from '@jixiao/domain';
import type { Position } from '../composables/useGeolocation';
import type { SubmitInspectionInput } from '../graphql/queries';
import type { StoredPhoto } from '../offline/types';

export type { InspectionKind };

export interface ChecklistLineDraft {
  label: string;
  passed: boolean;
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
    checklist: [{ label: '', passed: true }],
    photos: [],
    signature: null,
    passed: null,
    note: '',
    location: null,
  };
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
    draft.checklist.some((line) => line.label.trim() !== '')
  );
}

export type InspectionField = 'itemName' | 'serialNumber' | 'checklist' | 'photos' | 'passed' | 'note';

/** What to show under a field: an i18n key and its values. */
export interface InspectionError {
  key: string;
  values?: Record<string, unknown>;
}

/** The message of a missing field; the item's depends on the kind. */
const REQUIRED_KEYS: Partial<Record<InspectionField, string>> = {
  checklist: 'inspection.errors.checkRequired',
  photos: 'inspection.errors.photoRequired',
  passed: 'inspection.errors.resultRequired',
  note: 'inspection.errors.noteRequired',
};

function errorOf(kind: InspectionKind, field: InspectionField, problem: AcceptanceProblem): InspectionError {
  switch (problem.rule) {
    case 'REQUIRED':
      if (field === 'itemName') return { key: kind === 'EQUIPMENT' ? 'inspection.errors.equipmentRequired' : 'inspection.errors.itemRequired' };
      return { key: REQUIRED_KEYS[field] ?? 'inspection.errors.checkRequired' };
    case 'TOO_LONG':
      return { key: 'inspection.errors.tooLong', values: { max: problem.limit } };
    case 'TOO_MANY':
      return { key: field === 'photos' ? 'inspection.errors.tooManyPhotos' : 'inspection.errors.tooManyChecks', values: { max: problem.limit } };
    case 'REPEATED':
      return { key: 'inspection.errors.photoRepeated' };
  }
}

/**
 * What keeps the draft from being queued, per field (the first problem of each), by the domain's
 * acceptance rules — the server's own — so that a record is refused here, while the inspector is
 * still on site, rather than after it synced. Empty when the draft can be queued.
 */
export function validateInspection(kind: InspectionKind, draft: InspectionDraft): Partial<Record<InspectionField, InspectionError>> {
  const errors: Partial<Record<InspectionField, InspectionError>> = {};
  // Blank checklist lines are dropped when queued (toInspectionInput), so they are no error.
  const checklist = draft.checklist.filter((line) => line.label.trim() !== '');
  for (const problem of checkAcceptance({ ...draft, kind, checklist, photos: draft.photos.map((photo) => photo.sha256) })) {
    const field = (problem.field.startsWith('checklist') ? 'checklist' : problem.field) as InspectionField;
    errors[field] ??= errorOf(kind, field, problem);
  }
  return errors;
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
  return {
    clientId: draft.clientId,
    projectId,
    kind,
    ...(draft.siteId ? { siteId: draft.siteId } : {}),
    itemName: draft.itemName.trim(),
    ...(serialNumber ? { serialNumber } : {}),
    checklist: draft.checklist.map((line) => ({ label: line.label.trim(), passed: line.passed })).filter((line) => line.label !== ''),
    passed: draft.passed === true,
    ...(note ? { note } : {}),
    photos: draft.photos.map((photo) => photo.sha256),
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

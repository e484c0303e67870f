import { describe, expect, it } from 'vitest';
import type { StoredPhoto } from '../offline/types';
import {
  hasContent,
  newInspectionDraft,
  pngSize,
  toInspectionInput,
  validateInspection,
  type InspectionDraft,
  type InspectionError,
  type InspectionKind,
} from './inspection-form';

const photo: StoredPhoto = { sha256: 'a'.repeat(64), blob: new Blob(['x']), type: 'image/jpeg', width: 1, height: 1, bytes: 1, createdAt: 0 };
const base = (changes: Partial<InspectionDraft> = {}): InspectionDraft => ({
  ...newInspectionDraft('c1', 0),
  itemName: '屋面',
  photos: [photo],
  passed: true,
  ...changes,
});

describe('validateInspection', () => {
  const cases: Array<[string, InspectionKind, InspectionDraft, string[]]> = [
    ['a complete repair acceptance can be queued', 'REPAIR', base(), []],
    ['a repair acceptance needs a photo', 'REPAIR', base({ photos: [] }), ['photos']],
    ['an equipment acceptance may have no photo', 'EQUIPMENT', base({ photos: [] }), []],
    ['the item must be named (blank is not a name)', 'REPAIR', base({ itemName: '  ' }), ['itemName']],
    ['a result must be chosen', 'REPAIR', base({ passed: null }), ['passed']],
    ['a failed acceptance needs a note', 'REPAIR', base({ passed: false }), ['note']],
    ['a failed acceptance with a note can be queued', 'REPAIR', base({ passed: false, note: '漏水' }), []],
    ['blank checklist lines are dropped, not refused', 'REPAIR', base({ checklist: [{ label: ' ', passed: true }] }), []],
    ['a note longer than the server takes', 'REPAIR', base({ note: '字'.repeat(2001) }), ['note']],
    [
      'more checklist lines than the server takes',
      'REPAIR',
      base({ checklist: Array.from({ length: 101 }, (_, i) => ({ label: `第${i + 1}项`, passed: true })) }),
      ['checklist'],
    ],
  ];
  it.each(cases)('%s', (_, kind, draft, fields) => {
    expect(Object.keys(validateInspection(kind, draft)).sort()).toEqual(fields.sort());
  });

  it.each<[string, InspectionKind, InspectionDraft, string, InspectionError]>([
    ['an unnamed repair item', 'REPAIR', base({ itemName: '' }), 'itemName', { key: 'inspection.errors.itemRequired' }],
    ['unnamed equipment', 'EQUIPMENT', base({ itemName: '' }), 'itemName', { key: 'inspection.errors.equipmentRequired' }],
    ['a repair without a photo', 'REPAIR', base({ photos: [] }), 'photos', { key: 'inspection.errors.photoRequired' }],
    [
      'a note that is too long, with the limit',
      'REPAIR',
      base({ note: '字'.repeat(2001) }),
      'note',
      { key: 'inspection.errors.tooLong', values: { max: 2000 } },
    ],
    ['the same photo twice', 'REPAIR', base({ photos: [photo, photo] }), 'photos', { key: 'inspection.errors.photoRepeated' }],
  ])('says what is wrong with %s', (_, kind, draft, field, error) => {
    expect(validateInspection(kind, draft)[field as keyof ReturnType<typeof validateInspection>]).toEqual(error);
  });
});

describe('toInspectionInput', () => {
  it('trims the text, drops blank checklist lines and optional fields left empty', () => {
    const draft = base({
      itemName: ' 屋面 ',
      checklist: [
        { label: ' 防水 ', passed: true },
        { label: '', passed: false },
      ],
      location: { lat: 39.1, lng: 117.2, accuracy: null },
    });
    expect(toInspectionInput('p1', 'REPAIR', draft, null, Date.parse('2024-05-20T02:00:00Z'))).toEqual({
      clientId: 'c1',
      projectId: 'p1',
      kind: 'REPAIR',
      itemName: '屋面',
      checklist: [{ label: '防水', passed: true }],
      passed: true,
      photos: [photo.sha256],
      location: { lat: 39.1, lng: 117.2 },
      capturedAt: '2024-05-20T02:00:00.000Z',
    });
  });
});

describe('pngSize', () => {
  it('reads the width and height of a PNG, and 0×0 of anything else', async () => {
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR42mP8z8DAwMDAwMAAAA0ABAFdp3fWAAAAAElFTkSuQmCC'), (c) =>
      c.charCodeAt(0),
    );
    expect(await pngSize(new Blob([png]))).toEqual({ width: 2, height: 3 });
    expect(await pngSize(new Blob(['not a png at all, really not']))).toEqual({ width: 0, height: 0 });
  });
});

describe('hasContent', () => {
  const blank = newInspectionDraft('c1', 0);
  const cases: Array<[string, InspectionDraft, boolean]> = [
    ['a form just opened is blank', blank, false],
    ['a form with only its location is blank', { ...blank, location: { lat: 1, lng: 2, accuracy: 5 } }, false],
    ['a named item is content', { ...blank, itemName: '屋面' }, true],
    ['a checklist line is content', { ...blank, checklist: [{ label: '防水', passed: true }] }, true],
    ['a chosen result is content', { ...blank, passed: false }, true],
  ];
  it.each(cases)('%s', (_, draft, expected) => {
    expect(hasContent(draft)).toBe(expected);
  });
});

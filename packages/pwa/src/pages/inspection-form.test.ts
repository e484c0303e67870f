import { describe, expect, it } from 'vitest';
import type { StoredPhoto } from '../offline/types';
import zhCN from '../i18n/zh-CN';
import {
  firstError,
  formatInspectionError,
  hasContent,
  newInspectionDraft,
  photoCaptures,
  pngSize,
  toInspectionInput,
  validateInspection,
  type InspectionDraft,
  type InspectionError,
  type InspectionKind,
  type InspectionRules,
} from './inspection-form';

const SIGNED: InspectionRules = { signatureRequired: true };

/** The Chinese messages, as vue-i18n's t formats them ({name} replaced). */
function t(key: string, values: Record<string, unknown>): string {
  const message = key.split('.').reduce<unknown>((tree, part) => (tree as Record<string, unknown>)[part], zhCN);
  return String(message).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

const photo: StoredPhoto = { sha256: 'a'.repeat(64), blob: new Blob(['x']), type: 'image/jpeg', width: 1, height: 1, bytes: 1, createdAt: 0 };
const base = (changes: Partial<InspectionDraft> = {}): InspectionDraft => ({
  ...newInspectionDraft('c1', 0),
  itemName: '屋面',
  photos: [photo],
  passed: true,
  signature: 'data:image/png;base64,AAAA',
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
    ['blank, unanswered checklist lines are dropped, not refused', 'REPAIR', base({ checklist: [{ label: ' ', passed: null }] }), []],
    ['an answered line needs its label', 'REPAIR', base({ checklist: [{ label: ' ', passed: true }] }), ['checklist.0']],
    ['a named line must be answered', 'REPAIR', base({ checklist: [{ label: '防水', passed: null }] }), ['checklist.0']],
    [
      'each line is answered on its own',
      'REPAIR',
      base({
        checklist: [
          { label: '防水', passed: true },
          { label: '排水', passed: null },
        ],
      }),
      ['checklist.1'],
    ],
    ['合格 with a failed line contradicts itself', 'REPAIR', base({ checklist: [{ label: '排水', passed: false }] }), ['passed']],
    ['不合格 with a failed line is consistent', 'REPAIR', base({ passed: false, note: '排水不畅', checklist: [{ label: '排水', passed: false }] }), []],
    ['a signature is required', 'REPAIR', base({ signature: null }), ['signature']],
    ['a note longer than the server takes', 'REPAIR', base({ note: '字'.repeat(2001) }), ['note']],
    [
      'more checklist lines than the server takes',
      'REPAIR',
      base({ checklist: Array.from({ length: 101 }, (_, i) => ({ label: `第${i + 1}项`, passed: true })) }),
      ['checklist'],
    ],
  ];
  it.each(cases)('%s', (_, kind, draft, fields) => {
    expect(Object.keys(validateInspection(kind, draft, SIGNED)).sort()).toEqual(fields.sort());
  });

  it('asks for no signature where the project turned it off', () => {
    expect(validateInspection('REPAIR', base({ signature: null }), { signatureRequired: false })).toEqual({});
  });

  it('lists the problems top to bottom, as the form lays them out', () => {
    const draft = base({
      itemName: '',
      checklist: [
        { label: '防水', passed: null },
        { label: '排水', passed: false },
      ],
      photos: [],
      signature: null,
      passed: true,
    });
    expect(Object.keys(validateInspection('REPAIR', draft, SIGNED))).toEqual(['itemName', 'checklist.0', 'photos', 'signature', 'passed']);
    expect(firstError(validateInspection('REPAIR', draft, SIGNED))).toEqual({ field: 'itemName', error: { key: 'inspection.errors.itemRequired' } });
    expect(firstError(validateInspection('REPAIR', base(), SIGNED))).toBeNull();
  });

  it('keeps the index of the line on the form when a blank line comes before it', () => {
    const draft = base({
      checklist: [
        { label: '', passed: null },
        { label: '防水', passed: null },
      ],
    });
    expect(Object.keys(validateInspection('REPAIR', draft, SIGNED))).toEqual(['checklist.1']);
  });

  it.each<[string, InspectionDraft, string]>([
    ['the item first', base({ itemName: '', signature: null }), '请填写验收对象'],
    ['an unanswered line by its label', base({ checklist: [{ label: '屋面防水', passed: null }] }), '请选择「屋面防水」是否合格'],
    [
      'the failed lines a 合格 contradicts',
      base({
        checklist: [
          { label: '防水', passed: false },
          { label: '', passed: true },
          { label: '排水', passed: false },
        ],
      }),
      '请填写检查项',
    ],
    [
      'the failed lines a 合格 contradicts, once every line is named',
      base({
        checklist: [
          { label: '防水', passed: false },
          { label: '排水', passed: false },
        ],
      }),
      '「防水」、「排水」不合格，总体结论不能为合格',
    ],
    ['a missing signature', base({ signature: null }), '请验收人签名'],
  ])('says %s in Chinese', (_, draft, message) => {
    const first = firstError(validateInspection('REPAIR', draft, SIGNED));
    expect(first && formatInspectionError(t, first.error)).toBe(message);
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
    expect(validateInspection(kind, draft, SIGNED)[field as keyof ReturnType<typeof validateInspection>]).toEqual(error);
  });
});

describe('toInspectionInput', () => {
  it('trims the text, drops blank checklist lines and optional fields left empty', () => {
    const draft = base({
      itemName: ' 屋面 ',
      checklist: [
        { label: ' 防水 ', passed: true },
        { label: '', passed: null },
      ],
      location: { lat: 39.1, lng: 117.2, accuracy: null },
    });
    expect(toInspectionInput('p1', 'REPAIR', draft, 'b'.repeat(64), Date.parse('2024-05-20T02:00:00Z'))).toEqual({
      clientId: 'c1',
      projectId: 'p1',
      kind: 'REPAIR',
      itemName: '屋面',
      checklist: [{ label: '防水', passed: true }],
      passed: true,
      photos: [photo.sha256],
      signature: 'b'.repeat(64),
      location: { lat: 39.1, lng: 117.2 },
      capturedAt: '2024-05-20T02:00:00.000Z',
    });
  });

  it("sends the originals' capture time and position with the record", () => {
    const withExif: StoredPhoto = { ...photo, capture: { capturedAt: '2024-05-20T01:30:00.000Z', latitude: 39.375, longitude: 117.0375 } };
    const input = toInspectionInput('p1', 'REPAIR', base({ photos: [withExif] }), null, Date.parse('2024-05-20T02:00:00Z'));
    expect(input.photoCaptures).toEqual([{ sha256: photo.sha256, capturedAt: '2024-05-20T01:30:00.000Z', latitude: 39.375, longitude: 117.0375 }]);
  });
});

describe('photoCaptures', () => {
  const now = Date.parse('2024-05-20T02:00:00Z');
  const at = (capture: StoredPhoto['capture']): StoredPhoto => ({ ...photo, capture });
  it.each<[string, StoredPhoto[], unknown[]]>([
    ['a photo without EXIF sends nothing', [photo], []],
    [
      'time only',
      [at({ capturedAt: '2024-05-19T08:00:00.000Z', latitude: null, longitude: null })],
      [{ sha256: photo.sha256, capturedAt: '2024-05-19T08:00:00.000Z' }],
    ],
    ['position only', [at({ capturedAt: null, latitude: 39.1, longitude: 117.2 })], [{ sha256: photo.sha256, latitude: 39.1, longitude: 117.2 }]],
    [
      'a phone clock a year ahead: the time is left out, the position kept',
      [at({ capturedAt: '2025-05-20T02:00:00.000Z', latitude: 39.1, longitude: 117.2 })],
      [{ sha256: photo.sha256, latitude: 39.1, longitude: 117.2 }],
    ],
  ])('%s', (_, photos, expected) => {
    expect(photoCaptures(photos, now)).toEqual(expected);
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
    ['a checklist line is content', { ...blank, checklist: [{ label: '防水', passed: null }] }, true],
    ['an answered line is content', { ...blank, checklist: [{ label: '', passed: false }] }, true],
    ['a new form has one line, unanswered', { ...blank, checklist: [{ label: '', passed: null }] }, false],
    ['a chosen result is content', { ...blank, passed: false }, true],
  ];
  it.each(cases)('%s', (_, draft, expected) => {
    expect(hasContent(draft)).toBe(expected);
  });
});

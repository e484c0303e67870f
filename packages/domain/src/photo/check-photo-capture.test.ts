import { describe, expect, it } from 'vitest';
import { checkPhotoCapture } from './check-photo-capture.js';
import type { PhotoCapture } from './read-photo-capture.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const capture = (changes: Partial<PhotoCapture> = {}): PhotoCapture => ({
  capturedAt: new Date('2024-05-01T02:30:00Z'),
  latitude: 39.375,
  longitude: 117.0375,
  ...changes,
});

describe('checkPhotoCapture', () => {
  it.each<[string, PhotoCapture, string[]]>([
    ['a time this morning and a position in Tianjin', capture(), []],
    ['nothing at all is nothing wrong', { capturedAt: null, latitude: null, longitude: null }, []],
    ['a phone clock up to a day ahead is believed', capture({ capturedAt: new Date('2024-05-02T11:59:00Z') }), []],
    ['more than a day ahead is not', capture({ capturedAt: new Date('2024-05-02T12:01:00Z') }), ['capturedAt']],
    ['before 1990 is a reset clock', capture({ capturedAt: new Date('1989-12-31T00:00:00Z') }), ['capturedAt']],
    ['an invalid date', capture({ capturedAt: new Date(Number.NaN) }), ['capturedAt']],
    ['the poles are the limit', capture({ latitude: -90, longitude: 180 }), []],
    ['a latitude over 90', capture({ latitude: 90.5 }), ['latitude']],
    ['a longitude under -180', capture({ longitude: -180.5 }), ['longitude']],
    ['not a number is not a position', capture({ latitude: Number.NaN }), ['latitude']],
    ['a latitude without a longitude', capture({ longitude: null }), ['longitude']],
    ['a longitude without a latitude', capture({ latitude: null }), ['latitude']],
  ])('%s', (_label, given, fields) => {
    expect(checkPhotoCapture(given, NOW).map((problem) => problem.field)).toEqual(fields);
  });

  it('says in Chinese what is wrong', () => {
    expect(checkPhotoCapture(capture({ latitude: 91 }), NOW)[0].message).toBe('纬度应在 -90 到 90 之间，实际为 91');
    expect(checkPhotoCapture(capture({ capturedAt: new Date('2030-01-01T00:00:00Z') }), NOW)[0].message).toBe('拍摄时间晚于当前时间，请检查手机时间');
  });
});

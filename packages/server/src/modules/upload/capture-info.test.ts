import sharp from 'sharp';
import { readPhotoCapture } from '@jixiao/domain';
import { describe, expect, it } from 'vitest';
import { readCaptureInfo, type CaptureInfo } from './capture-info.js';

type Tags = { IFD2?: Record<string, string>; IFD3?: Record<string, string> };

/** A tiny JPEG written by sharp (libvips) with these tags. */
function jpegWith(tags: Tags): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .withExif(tags)
    .jpeg()
    .toBuffer();
}

/** The raw EXIF block sharp reads from such a JPEG, as the upload route hands it over. */
async function exifOf(tags: Tags): Promise<Buffer | undefined> {
  return (await sharp(await jpegWith(tags)).metadata()).exif;
}

const TIANJIN = { GPSLatitudeRef: 'N', GPSLatitude: '39/1 22/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 2/1 1500/100' };

const cases: Array<[string, Parameters<typeof exifOf>[0], CaptureInfo]> = [
  [
    'DateTimeOriginal is read in its OffsetTimeOriginal',
    { IFD2: { DateTimeOriginal: '2024:05:01 10:30:00', OffsetTimeOriginal: '-05:00' } },
    { capturedAt: new Date('2024-05-01T15:30:00Z'), latitude: null, longitude: null },
  ],
  [
    'without OffsetTimeOriginal the time is China time (UTC+8)',
    { IFD2: { DateTimeOriginal: '2024:05:01 10:30:00' } },
    { capturedAt: new Date('2024-05-01T02:30:00Z'), latitude: null, longitude: null },
  ],
  ['an unset camera clock is no time', { IFD2: { DateTimeOriginal: '0000:00:00 00:00:00' } }, { capturedAt: null, latitude: null, longitude: null }],
  ['north and east are positive degrees', { IFD3: TIANJIN }, { capturedAt: null, latitude: 39.375, longitude: 117.0375 }],
  [
    'south and west are negative degrees',
    { IFD3: { ...TIANJIN, GPSLatitudeRef: 'S', GPSLongitudeRef: 'W' } },
    { capturedAt: null, latitude: -39.375, longitude: -117.0375 },
  ],
  [
    'a position without hemisphere letters is no position',
    { IFD3: { GPSLatitude: TIANJIN.GPSLatitude, GPSLongitude: TIANJIN.GPSLongitude } },
    { capturedAt: null, latitude: null, longitude: null },
  ],
  [
    '0° 0° is a missing fix, not a position',
    { IFD3: { ...TIANJIN, GPSLatitude: '0/1 0/1 0/1', GPSLongitude: '0/1 0/1 0/1' } },
    { capturedAt: null, latitude: null, longitude: null },
  ],
];

describe('readCaptureInfo', () => {
  it.each(cases)('%s', async (_name, tags, expected) => {
    expect(readCaptureInfo(await exifOf(tags))).toEqual(expected);
  });

  // The phone reads the original file before compressing it; the server reads the EXIF block of
  // what was uploaded. One reader, one answer.
  it.each(cases)('the phone reading the whole JPEG gets the same: %s', async (_name, tags, expected) => {
    expect(readPhotoCapture(await jpegWith(tags))).toEqual(expected);
  });

  it('a photo without EXIF, or with garbage for EXIF, has no capture info', () => {
    const nothing = { capturedAt: null, latitude: null, longitude: null };
    expect(readCaptureInfo(undefined)).toEqual(nothing);
    expect(readCaptureInfo(Buffer.from('not exif at all'))).toEqual(nothing);
  });
});

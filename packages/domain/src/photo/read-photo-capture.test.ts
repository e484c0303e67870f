import { describe, expect, it } from 'vitest';
import { readPhotoCapture, type PhotoCapture } from './read-photo-capture.js';

/**
 * An 8×8 JPEG written by sharp (libvips) with DateTimeOriginal "2024:05:01 10:30:00",
 * OffsetTimeOriginal "+08:00" and a GPS position in Tianjin (39° 22′ 30″ N, 117° 2′ 15″ E): the
 * bytes a camera app leaves, little-endian, the Exif segment right after SOI.
 */
const SHARP_JPEG = Uint8Array.from(
  atob(
    '/9j/4QGIRXhpZgAASUkqAAgAAAAJAA8BAgAHAAAAkAAAABABAgAFAAAAigAAABIBAwABAAAAAQAAABoBBQABAAAAegAAABsBBQABAAAAggAAACgBAwABAAAAAgAAABMCAwABAAAAAQAAAGmHBAABAAAAmAAAACWIBAABAAAAGgEAAAAAAAA4YwAA6AMAADhjAADoAwAAVGVzdAAASml4aWFvAAAIAACQBwAEAAAAMDIxMAOQAgAUAAAABgEAABGQAgAHAAAA/gAAAAGRBwAEAAAAAQIDAACgBwAEAAAAMDEwMAGgAwABAAAA//8AAAKgBAABAAAACAAAAAOgBAABAAAACAAAAAAAAAArMDg6MDAAADIwMjQ6MDU6MDEgMTA6MzA6MDAABAABAAIAAgAAAE4AAAACAAUAAwAAAGgBAAADAAIAAgAAAEUAAAAEAAUAAwAAAFABAAAAAAAAdQAAAAEAAAACAAAAAQAAANwFAABkAAAAJwAAAAEAAAAWAAAAAQAAALgLAABkAAAA/9sAQwAQCwwODAoQDg0OEhEQExgoGhgWFhgxIyUdKDozPTw5Mzg3QEhcTkBEV0U3OFBtUVdfYmdoZz5NcXlwZHhcZWdj/9sAQwEREhIYFRgvGhovY0I4QmNjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj/8AAEQgACAAIAwEiAAIRAQMRAf/EABQAAQAAAAAAAAAAAAAAAAAAAAD/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AAAP/9k=',
  ),
  (c) => c.charCodeAt(0),
);

interface Tags {
  dateTimeOriginal?: string;
  offsetTimeOriginal?: string;
  latitudeRef?: string;
  /** [numerator, denominator] for degrees, minutes, seconds. */
  latitude?: Array<[number, number]>;
  longitudeRef?: string;
  longitude?: Array<[number, number]>;
}

type Field = { tag: number; type: 2 | 4 | 5; value: string | number | Array<[number, number]> };

/**
 * A TIFF structure as cameras write it: IFD0 pointing at an Exif IFD and a GPS IFD, values longer
 * than four bytes after the directories. Written here byte by byte so that each case says exactly
 * what the file holds.
 */
function tiff(tags: Tags, little = true): Uint8Array {
  const exif: Field[] = [];
  if (tags.dateTimeOriginal !== undefined) exif.push({ tag: 0x9003, type: 2, value: tags.dateTimeOriginal });
  if (tags.offsetTimeOriginal !== undefined) exif.push({ tag: 0x9011, type: 2, value: tags.offsetTimeOriginal });
  const gps: Field[] = [];
  if (tags.latitudeRef !== undefined) gps.push({ tag: 1, type: 2, value: tags.latitudeRef });
  if (tags.latitude !== undefined) gps.push({ tag: 2, type: 5, value: tags.latitude });
  if (tags.longitudeRef !== undefined) gps.push({ tag: 3, type: 2, value: tags.longitudeRef });
  if (tags.longitude !== undefined) gps.push({ tag: 4, type: 5, value: tags.longitude });

  const out = new Uint8Array(4096);
  const view = new DataView(out.buffer);
  const u16 = (at: number, v: number) => view.setUint16(at, v, little);
  const u32 = (at: number, v: number) => view.setUint32(at, v, little);
  out.set(little ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42]);
  u32(4, 8);
  let data = 1024;
  const write = (at: number, fields: Field[]): void => {
    u16(at, fields.length);
    fields.forEach((field, i) => {
      const entry = at + 2 + i * 12;
      u16(entry, field.tag);
      u16(entry + 2, field.type);
      if (field.type === 4) {
        u32(entry + 4, 1);
        u32(entry + 8, field.value as number);
        return;
      }
      const bytes =
        field.type === 2
          ? [...(field.value as string)].map((c) => c.charCodeAt(0)).concat(0)
          : (field.value as Array<[number, number]>).flatMap(([n, d]) => {
              const part = new Uint8Array(8);
              new DataView(part.buffer).setUint32(0, n, little);
              new DataView(part.buffer).setUint32(4, d, little);
              return [...part];
            });
      u32(entry + 4, field.type === 2 ? bytes.length : bytes.length / 8);
      if (bytes.length <= 4) out.set(bytes, entry + 8);
      else {
        u32(entry + 8, data);
        out.set(bytes, data);
        data += bytes.length;
      }
    });
  };
  write(8, [
    { tag: 0x8769, type: 4, value: 200 },
    { tag: 0x8825, type: 4, value: 400 },
  ]);
  write(200, exif);
  write(400, gps);
  return out.subarray(0, data);
}

/** A JPEG: SOI, the segments given, an Exif APP1 holding `block`, then the start of scan. */
function jpeg(block: Uint8Array, before: number[][] = []): Uint8Array {
  const app1 = [0xff, 0xe1, ((block.length + 8) >> 8) & 0xff, (block.length + 8) & 0xff, ...'Exif\0\0'].map((b) =>
    typeof b === 'string' ? b.charCodeAt(0) : b,
  );
  return Uint8Array.from([0xff, 0xd8, ...before.flat(), ...app1, ...block, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
}

const JFIF = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
const TIANJIN: Tags = {
  latitudeRef: 'N',
  latitude: [
    [39, 1],
    [22, 1],
    [3000, 100],
  ],
  longitudeRef: 'E',
  longitude: [
    [117, 1],
    [2, 1],
    [1500, 100],
  ],
};
const nothing: PhotoCapture = { capturedAt: null, latitude: null, longitude: null };
const at = (iso: string | null, latitude: number | null = null, longitude: number | null = null): PhotoCapture => ({
  capturedAt: iso === null ? null : new Date(iso),
  latitude,
  longitude,
});

describe('readPhotoCapture', () => {
  it('reads time and position from a JPEG sharp wrote', () => {
    expect(readPhotoCapture(SHARP_JPEG)).toEqual(at('2024-05-01T02:30:00Z', 39.375, 117.0375));
  });

  it('needs only the first bytes of the file, up to the end of its Exif segment', () => {
    expect(readPhotoCapture(SHARP_JPEG.subarray(0, 4 + 0x188))).toEqual(at('2024-05-01T02:30:00Z', 39.375, 117.0375));
    expect(readPhotoCapture(SHARP_JPEG.subarray(0, 4 + 0x100))).toEqual(nothing);
  });

  it.each<[string, Uint8Array, PhotoCapture]>([
    [
      'DateTimeOriginal is read in its OffsetTimeOriginal',
      tiff({ dateTimeOriginal: '2024:05:01 10:30:00', offsetTimeOriginal: '-05:00' }),
      at('2024-05-01T15:30:00Z'),
    ],
    ['without OffsetTimeOriginal the time is China time (UTC+8)', tiff({ dateTimeOriginal: '2024:05:01 10:30:00' }), at('2024-05-01T02:30:00Z')],
    [
      'an offset beyond ±14 h is not believed: China time',
      tiff({ dateTimeOriginal: '2024:05:01 10:30:00', offsetTimeOriginal: '+23:00' }),
      at('2024-05-01T02:30:00Z'),
    ],
    ['an unset camera clock is no time', tiff({ dateTimeOriginal: '0000:00:00 00:00:00' }), nothing],
    ['a year before 1990 is a reset clock, not a photo of then', tiff({ dateTimeOriginal: '1980:01:01 00:00:00' }), nothing],
    ['a date that does not exist is no time', tiff({ dateTimeOriginal: '2024:02:30 10:30:00' }), nothing],
    ['north and east are positive degrees, 7 decimals', tiff(TIANJIN), at(null, 39.375, 117.0375)],
    ['south and west are negative degrees', tiff({ ...TIANJIN, latitudeRef: 'S', longitudeRef: 'W' }), at(null, -39.375, -117.0375)],
    [
      'big-endian files (Motorola order) read the same',
      tiff({ ...TIANJIN, dateTimeOriginal: '2024:05:01 10:30:00' }, false),
      at('2024-05-01T02:30:00Z', 39.375, 117.0375),
    ],
    [
      'minutes and seconds are rounded to 7 decimals',
      tiff({
        ...TIANJIN,
        latitude: [
          [39, 1],
          [22, 1],
          [1, 3],
        ],
      }),
      at(null, 39.3667593, 117.0375),
    ],
    ['a position without hemisphere letters is no position', tiff({ latitude: TIANJIN.latitude, longitude: TIANJIN.longitude }), nothing],
    ['a latitude without a longitude is no position', tiff({ latitudeRef: 'N', latitude: TIANJIN.latitude }), nothing],
    [
      '0° 0° is a missing fix, not a position',
      tiff({
        ...TIANJIN,
        latitude: [
          [0, 1],
          [0, 1],
          [0, 1],
        ],
        longitude: [
          [0, 1],
          [0, 1],
          [0, 1],
        ],
      }),
      nothing,
    ],
    [
      'a zero denominator is no position',
      tiff({
        ...TIANJIN,
        latitude: [
          [39, 0],
          [0, 1],
          [0, 1],
        ],
      }),
      nothing,
    ],
    [
      'a latitude over 90° is no position',
      tiff({
        ...TIANJIN,
        latitude: [
          [91, 1],
          [0, 1],
          [0, 1],
        ],
      }),
      nothing,
    ],
    [
      'the Exif segment after a JFIF segment is found',
      jpeg(tiff({ ...TIANJIN, dateTimeOriginal: '2024:05:01 10:30:00' }), [JFIF]),
      at('2024-05-01T02:30:00Z', 39.375, 117.0375),
    ],
    [
      'an EXIF block starting "Exif\\0\\0" (sharp metadata().exif) is read',
      Uint8Array.from([...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat([...tiff(TIANJIN)])),
      at(null, 39.375, 117.0375),
    ],
    ['a JPEG without an Exif segment has nothing', Uint8Array.from([0xff, 0xd8, ...JFIF, 0xff, 0xda, 0, 2, 0xff, 0xd9]), nothing],
    ['a PNG has nothing', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), nothing],
    ['no bytes, nothing', new Uint8Array(0), nothing],
    ['a truncated Exif segment is nothing, not an error', jpeg(tiff(TIANJIN)).subarray(0, 60), nothing],
  ])('%s', (_label, bytes, expected) => {
    expect(readPhotoCapture(bytes)).toEqual(expected);
  });

  it('never throws on garbage, whatever its bytes', () => {
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const good = jpeg(tiff({ ...TIANJIN, dateTimeOriginal: '2024:05:01 10:30:00' }));
    for (let round = 0; round < 300; round++) {
      const bytes = good.slice();
      for (let i = 0; i < 8; i++) bytes[6 + Math.floor(random() * (bytes.length - 6))] = Math.floor(random() * 256);
      expect(() => readPhotoCapture(bytes)).not.toThrow();
    }
  });
});

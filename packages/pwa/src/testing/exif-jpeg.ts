/**
 * For tests: a JPEG as a phone camera writes it, with an APP1 "Exif" segment holding
 * DateTimeOriginal (local time, no offset) and a GPS position, written byte by byte (big-endian
 * TIFF, as many Android phones write it) so that a test says exactly what the file holds.
 */
export interface ExifJpegTags {
  /** "YYYY:MM:DD HH:MM:SS", as EXIF writes it. */
  dateTimeOriginal: string;
  /** Degrees, minutes, seconds; north and east positive. */
  latitude: [number, number, number];
  longitude: [number, number, number];
}

export function exifJpeg(tags: ExifJpegTags, pixels = new Uint8Array(64)): Uint8Array<ArrayBuffer> {
  const tiff = new Uint8Array(512);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0, 42]);
  view.setUint32(4, 8);
  let data = 300;
  const ifd = (at: number, entries: Array<{ tag: number; type: 2 | 4 | 5; value: string | number | number[] }>) => {
    view.setUint16(at, entries.length);
    entries.forEach(({ tag, type, value }, i) => {
      const entry = at + 2 + i * 12;
      view.setUint16(entry, tag);
      view.setUint16(entry + 2, type);
      if (type === 4) {
        view.setUint32(entry + 4, 1);
        view.setUint32(entry + 8, value as number);
      } else if (type === 2) {
        const text = `${value as string}\0`;
        view.setUint32(entry + 4, text.length);
        const target = text.length <= 4 ? entry + 8 : data;
        if (text.length > 4) {
          view.setUint32(entry + 8, data);
          data += text.length;
        }
        [...text].forEach((c, j) => (tiff[target + j] = c.charCodeAt(0)));
      } else {
        const parts = value as number[];
        view.setUint32(entry + 4, parts.length);
        view.setUint32(entry + 8, data);
        for (const part of parts) {
          // Seconds to a hundredth, as phones write them.
          view.setUint32(data, Math.round(part * 100));
          view.setUint32(data + 4, 100);
          data += 8;
        }
      }
    });
  };
  ifd(8, [
    { tag: 0x8769, type: 4, value: 100 },
    { tag: 0x8825, type: 4, value: 150 },
  ]);
  ifd(100, [{ tag: 0x9003, type: 2, value: tags.dateTimeOriginal }]);
  ifd(150, [
    { tag: 1, type: 2, value: 'N' },
    { tag: 2, type: 5, value: tags.latitude },
    { tag: 3, type: 2, value: 'E' },
    { tag: 4, type: 5, value: tags.longitude },
  ]);
  const body = new Uint8Array([...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat([...tiff.subarray(0, data)]));
  const length = body.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff, ...body, 0xff, 0xda, 0, 2, ...pixels, 0xff, 0xd9]);
}

import { crc32, deflateSync } from 'node:zlib';

/**
 * A PNG file from its parts, written byte by byte as the format says, for tests that need images
 * of a given size or that lie about it (no image library involved).
 *
 * @example pngFile({ width: 16, height: 16, colourType: 2 }, deflateSync(pixels))
 */
export function pngFile(header: { width: number; height: number; colourType: 0 | 2 }, compressedPixels: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header.width, 0);
  ihdr.writeUInt32BE(header.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = header.colourType; // 0 grey, 2 RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', compressedPixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An RGB PNG of `width` × `height`, each row made by `pixel(x)`: a 40 MP one of one colour is a few hundred KB. */
export function rgbPng(width: number, height: number, pixel: (x: number) => readonly [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(pixel(x), 1 + x * 3);
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  return pngFile({ width, height, colourType: 2 }, deflateSync(raw, { level: 6 }));
}

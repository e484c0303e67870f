import { describe, expect, it, vi } from 'vitest';
import { exifJpeg } from '../testing/exif-jpeg';
import {
  blobToDataUrl,
  CAPTURE_HEAD_BYTES,
  compressPhoto,
  dataUrlToBlob,
  fitWithin,
  readCaptureInfo,
  sha256Hex,
  toStoredPhoto,
  type DecodedImage,
} from './photos';

describe('fitWithin', () => {
  const cases: Array<[string, [number, number, number], { width: number; height: number }]> = [
    ['a 12 MP landscape photo shrinks to 1600 wide', [4032, 3024, 1600], { width: 1600, height: 1200 }],
    ['a portrait photo shrinks to 1600 high', [3024, 4032, 1600], { width: 1200, height: 1600 }],
    ['a square shrinks on both sides', [3000, 3000, 1600], { width: 1600, height: 1600 }],
    ['a small photo is never enlarged', [800, 600, 1600], { width: 800, height: 600 }],
    ['a photo exactly at the limit stays', [1600, 900, 1600], { width: 1600, height: 900 }],
    ['a panorama keeps its aspect ratio, rounded', [10000, 1234, 1600], { width: 1600, height: 197 }],
    ['a sliver never becomes 0 pixels thick', [20000, 3, 1600], { width: 1600, height: 1 }],
    ['an odd size rounds to the nearest pixel', [4000, 2999, 1600], { width: 1600, height: 1200 }],
    ['another limit is honoured', [4032, 3024, 800], { width: 800, height: 600 }],
  ];

  it.each(cases)('%s', (_sentence, [width, height, maxSide], expected) => {
    expect(fitWithin(width, height, maxSide)).toEqual(expected);
  });

  it('rejects an image without size', () => {
    expect(() => fitWithin(0, 100, 1600)).toThrow(RangeError);
    expect(() => fitWithin(Number.NaN, 100, 1600)).toThrow(RangeError);
  });
});

describe('sha256Hex', () => {
  const cases: Array<[string, string, string]> = [
    ['the empty input', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ];

  it.each(cases)('hashes %s the same as a Blob, an ArrayBuffer and a byte view', async (_name, text, expected) => {
    const bytes = new TextEncoder().encode(text);
    expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
    expect(await sha256Hex(bytes.buffer.slice(0))).toBe(expected);
    expect(await sha256Hex(bytes)).toBe(expected);
  });
});

describe('compressPhoto', () => {
  it('draws the decoded image at the fitted size, encodes JPEG at 0.8 and names it by its hash', async () => {
    const close = vi.fn();
    const decoded: DecodedImage = { width: 4032, height: 3024, source: {} as CanvasImageSource, close };
    const decode = vi.fn(async () => decoded);
    const encoded = new Blob(['jpeg bytes'], { type: 'image/jpeg' });
    const encode = vi.fn(async () => encoded);
    const file = new Blob(['original'], { type: 'image/heic' });

    const photo = await compressPhoto(file, { decode, encode });

    expect(decode).toHaveBeenCalledWith(file);
    expect(encode).toHaveBeenCalledWith(decoded, { width: 1600, height: 1200 }, 0.8);
    expect(photo).toEqual({ blob: encoded, sha256: await sha256Hex(encoded), width: 1600, height: 1200, bytes: encoded.size, type: 'image/jpeg' });
    expect(close).toHaveBeenCalledOnce();
    expect(toStoredPhoto(photo, 42)).toEqual({
      sha256: photo.sha256,
      blob: encoded,
      type: 'image/jpeg',
      width: 1600,
      height: 1200,
      bytes: encoded.size,
      createdAt: 42,
    });
  });

  it('keeps a small photo at its size and passes the chosen limit and quality', async () => {
    const encode = vi.fn(async () => new Blob(['small']));
    const photo = await compressPhoto(new Blob(['x']), {
      maxSide: 1024,
      quality: 0.6,
      decode: async () => ({ width: 640, height: 480, source: {} as CanvasImageSource }),
      encode,
    });
    expect(encode).toHaveBeenCalledWith(expect.anything(), { width: 640, height: 480 }, 0.6);
    expect(photo).toMatchObject({ width: 640, height: 480 });
  });

  it('frees the decoded image when encoding fails', async () => {
    const close = vi.fn();
    await expect(
      compressPhoto(new Blob(['x']), {
        decode: async () => ({ width: 10, height: 10, source: {} as CanvasImageSource, close }),
        encode: async () => {
          throw new Error('no canvas');
        },
      }),
    ).rejects.toThrow('no canvas');
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('readCaptureInfo', () => {
  // 39° 22′ 30″ N, 117° 2′ 15″ E (Tianjin), taken at 10:30 China time.
  const tags = { dateTimeOriginal: '2024:05:01 10:30:00', latitude: [39, 22, 30], longitude: [117, 2, 15] } as ExifTags;
  type ExifTags = Parameters<typeof exifJpeg>[0];

  it("reads the original's capture time (China time without an offset) and GPS position", async () => {
    expect(await readCaptureInfo(new Blob([exifJpeg(tags)], { type: 'image/jpeg' }))).toEqual({
      capturedAt: '2024-05-01T02:30:00.000Z',
      latitude: 39.375,
      longitude: 117.0375,
    });
  });

  it('reads only the head of a large photo, where the EXIF block is', async () => {
    const big = exifJpeg(tags, new Uint8Array(4 * 1024 * 1024));
    const file = new Blob([big], { type: 'image/jpeg' });
    const slice = vi.spyOn(file, 'slice');
    expect((await readCaptureInfo(file))?.latitude).toBe(39.375);
    expect(slice).toHaveBeenCalledWith(0, CAPTURE_HEAD_BYTES);
  });

  it('is null for a photo without EXIF (a screenshot, a re-encoded copy) and for garbage', async () => {
    expect(await readCaptureInfo(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])]))).toBeNull();
    expect(await readCaptureInfo(new Blob(['not a photo']))).toBeNull();
  });

  it('goes with the compressed photo into the outbox record, which compressing alone would lose', async () => {
    const original = new Blob([exifJpeg(tags)], { type: 'image/jpeg' });
    const compressed = await compressPhoto(original, {
      decode: async () => ({ width: 4000, height: 3000, source: {} as CanvasImageSource }),
      // The re-encoded JPEG has no EXIF, as a canvas writes it.
      encode: async () => new Blob([new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9])], { type: 'image/jpeg' }),
      subtle: null,
    });
    expect(await readCaptureInfo(compressed.blob)).toBeNull();
    const stored = toStoredPhoto(compressed, 5, await readCaptureInfo(original));
    expect(stored.capture).toEqual({ capturedAt: '2024-05-01T02:30:00.000Z', latitude: 39.375, longitude: 117.0375 });
    expect(toStoredPhoto(compressed, 5)).not.toHaveProperty('capture');
  });
});

describe('data URLs', () => {
  it('turns the signature pad PNG into a Blob with its type and bytes', async () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    const blob = dataUrlToBlob(`data:image/png;base64,${btoa(String.fromCharCode(...png))}`);
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(png);
  });

  it.each([
    ['percent-encoded text', 'data:text/plain;charset=utf-8,%E7%AD%BE%E5%90%8D', 'text/plain;charset=utf-8', '签名'],
    ['no type', 'data:,hello', 'text/plain;charset=us-ascii', 'hello'],
    ['base64 with line breaks', 'data:text/plain;base64,aGVs\nbG8=', 'text/plain', 'hello'],
  ])('reads %s', async (_case, url, type, text) => {
    const blob = dataUrlToBlob(url);
    expect(blob.type).toBe(type);
    expect(await blob.text()).toBe(text);
  });

  it('refuses what is not a data URL', () => {
    expect(() => dataUrlToBlob('https://example.com/a.png')).toThrow(TypeError);
  });

  it('round-trips a photo larger than one conversion chunk', async () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_v, i) => (i * 31) % 256);
    const url = await blobToDataUrl(new Blob([bytes], { type: 'image/jpeg' }));
    expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(await sha256Hex(dataUrlToBlob(url))).toBe(await sha256Hex(bytes));
  });
});

import { describe, expect, it } from 'vitest';
import { detectImageType, type ImageType } from './image-type.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

/** An ISO-BMFF ftyp box: size, "ftyp", major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const box = bytes([0, 0, 0, 0], 'ftyp', major, [0, 0, 0, 0], ...compatible);
  box.writeUInt32BE(box.length, 0);
  return Buffer.concat([box, Buffer.alloc(16)]);
};

const cases: Array<[string, Buffer, ImageType | null]> = [
  ['a JPEG starts with FF D8 FF', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
  ['a PNG starts with its 8-byte signature', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'), 'image/png'],
  ['a WebP is a RIFF file of type WEBP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
  ['an iPhone HEIC has major brand heic', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
  ['a HEIF with generic brand mif1 and compatible heic is HEIC', ftyp('mif1', 'mif1', 'heic'), 'image/heic'],
  ['an AVIF is not accepted', ftyp('avif', 'mif1', 'avif'), null],
  ['a generic HEIF without a HEVC brand is not accepted', ftyp('mif1', 'mif1', 'avif'), null],
  ['a Windows executable renamed .jpg is refused', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]), null],
  ['a GIF is refused', bytes('GIF89a', [1, 0, 1, 0]), null],
  ['a RIFF that is a WAV is refused', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
  ['two bytes of a JPEG are not a JPEG', bytes([0xff, 0xd8]), null],
  ['an empty body is nothing', Buffer.alloc(0), null],
];

describe('detectImageType', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(detectImageType(input)).toBe(expected);
  });
});

/** The photo types the server accepts, found from the file's first bytes (never its name). */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// ISO-BMFF brands of HEVC-coded HEIF (iPhone "高效" photos). AVIF (av01) shares the container but
// is not a camera format here, so its brands are left out.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);

/**
 * The type of an image from its magic bytes, or null when it is none of the accepted ones.
 *
 * @example detectImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe1])) // 'image/jpeg'
 */
export function detectImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (isHeic(bytes)) return 'image/heic';
  return null;
}

/** An ISO-BMFF file whose leading `ftyp` box names a HEIC brand (major, or compatible after mif1). */
function isHeic(bytes: Buffer): boolean {
  if (bytes.length < 16 || bytes.toString('latin1', 4, 8) !== 'ftyp') return false;
  const major = bytes.toString('latin1', 8, 12);
  if (HEIC_BRANDS.has(major)) return true;
  if (!GENERIC_HEIF_BRANDS.has(major)) return false;
  const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length);
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) {
    if (HEIC_BRANDS.has(bytes.toString('latin1', offset, offset + 4))) return true;
  }
  return false;
}

import { CHINA_UTC_OFFSET_MINUTES } from '../calendar/china-time.js';

/** When and where a photo was taken, as its EXIF says; null for what it does not say. */
export interface PhotoCapture {
  capturedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const NOTHING: PhotoCapture = { capturedAt: null, latitude: null, longitude: null };

/** Years a capture time may have: earlier or later is an unset or broken camera clock. */
export const CAPTURE_YEARS = { first: 1990, last: 2100 } as const;

/** Phones without OffsetTimeOriginal write local time; the users are in China. */
const DEFAULT_OFFSET_MINUTES = CHINA_UTC_OFFSET_MINUTES;

const TAG = {
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  offsetTimeOriginal: 0x9011,
  latitudeRef: 1,
  latitude: 2,
  longitudeRef: 3,
  longitude: 4,
} as const;

/** Bytes per value of the TIFF field types this reader uses. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/**
 * Capture time and GPS position of a photo, read from its EXIF before the phone re-encodes it (the
 * compressed copy has none). `bytes` is a whole JPEG (its APP1 "Exif" segment is found), an EXIF
 * block that starts with "Exif\0\0" (as sharp's `metadata().exif` gives it), or a bare TIFF header.
 *
 * The time is DateTimeOriginal read in its OffsetTimeOriginal, else in China time, and only in the
 * years of CAPTURE_YEARS; the position is signed decimal degrees rounded to 7 decimals (about
 * 1 cm), and 0°/0° — how many phones write "no fix" — is no position. Anything missing, implausible
 * or unreadable is null: a photo without capture info is still a photo. No dependency, no I/O: the
 * server and the PWA run the same reader. A JPEG's Exif segment is at most 64 KB and comes before
 * the image data, so the first 128 KB of a file (`file.slice(0, 131072)`) are enough.
 *
 * @example readPhotoCapture(jpegBytes) // { capturedAt: 2024-05-01T02:30:00.000Z, latitude: 39.375, longitude: 117.0375 }
 */
export function readPhotoCapture(bytes: Uint8Array): PhotoCapture {
  try {
    const tiff = findTiff(bytes);
    return tiff ? readTiff(tiff) : NOTHING;
  } catch {
    // A truncated or lying offset: the reader never trusts the file, and a bad one says nothing.
    return NOTHING;
  }
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

const EXIF_HEADER = 'Exif\0\0';

function isTiff(bytes: Uint8Array, at: number): boolean {
  return startsWith(bytes, at, 'II*\0') || startsWith(bytes, at, 'MM\0*');
}

/** The TIFF structure inside a JPEG's APP1 Exif segment, an EXIF block or a bare TIFF header. */
function findTiff(bytes: Uint8Array): Uint8Array | null {
  if (startsWith(bytes, 0, EXIF_HEADER)) return isTiff(bytes, 6) ? bytes.subarray(6) : null;
  if (isTiff(bytes, 0)) return bytes;
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Start of scan or end of image: the metadata segments are all before it.
    if (marker === 0xda || marker === 0xd9) return null;
    // Markers without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2) return null;
    const body = at + 4;
    if (marker === 0xe1 && startsWith(bytes, body, EXIF_HEADER) && isTiff(bytes, body + 6)) {
      return bytes.subarray(body + 6, Math.min(bytes.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return null;
}

interface Entry {
  type: number;
  count: number;
  /** Where the value is, from the start of the TIFF structure. */
  at: number;
}

/** Reads the TIFF structure's IFD0, its Exif IFD and its GPS IFD. */
function readTiff(tiff: Uint8Array): PhotoCapture {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);

  const ifd = (offset: number): Map<number, Entry> => {
    const entries = new Map<number, Entry>();
    if (offset < 8 || offset + 2 > tiff.length) return entries;
    const count = u16(offset);
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      if (entry + 12 > tiff.length) break;
      const type = u16(entry + 2);
      const size = TYPE_SIZE[type];
      if (size === undefined) continue;
      const valueCount = u32(entry + 4);
      const bytes = size * valueCount;
      const at = bytes <= 4 ? entry + 8 : u32(entry + 8);
      if (at + bytes > tiff.length) continue;
      entries.set(u16(entry), { type, count: valueCount, at });
    }
    return entries;
  };
  const pointer = (entries: Map<number, Entry>, tag: number): number => {
    const entry = entries.get(tag);
    if (!entry || entry.count !== 1) return 0;
    return entry.type === 4 ? u32(entry.at) : entry.type === 3 ? u16(entry.at) : 0;
  };
  const ascii = (entries: Map<number, Entry>, tag: number): string | null => {
    const entry = entries.get(tag);
    if (!entry || (entry.type !== 2 && entry.type !== 7)) return null;
    let text = '';
    for (let i = 0; i < entry.count; i++) {
      const byte = tiff[entry.at + i];
      if (byte === 0) break;
      text += String.fromCharCode(byte);
    }
    return text;
  };
  const rationals = (entries: Map<number, Entry>, tag: number): number[] | null => {
    const entry = entries.get(tag);
    if (!entry || entry.type !== 5) return null;
    return Array.from({ length: entry.count }, (_, i) => u32(entry.at + i * 8) / u32(entry.at + i * 8 + 4));
  };

  const root = ifd(u32(4));
  const exif = ifd(pointer(root, TAG.exifIfd));
  const gps = ifd(pointer(root, TAG.gpsIfd));
  const latitude = toDegrees(rationals(gps, TAG.latitude), ascii(gps, TAG.latitudeRef), 'N', 'S', 90);
  const longitude = toDegrees(rationals(gps, TAG.longitude), ascii(gps, TAG.longitudeRef), 'E', 'W', 180);
  // A missing fix is often written as 0/0: nobody inspects a site in the Gulf of Guinea.
  const hasPosition = latitude !== null && longitude !== null && !(latitude === 0 && longitude === 0);
  return {
    capturedAt: toCaptureTime(ascii(exif, TAG.dateTimeOriginal), ascii(exif, TAG.offsetTimeOriginal)),
    latitude: hasPosition ? latitude : null,
    longitude: hasPosition ? longitude : null,
  };
}

/** "2024:05:01 10:30:00" in the offset "+08:00" (China time without one) → the instant. */
function toCaptureTime(wallClock: string | null, offset: string | null): Date | null {
  const match = wallClock ? /^\s*(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(wallClock) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  // "0000:00:00 00:00:00" and other unset clocks.
  if (year < CAPTURE_YEARS.first || year > CAPTURE_YEARS.last) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  // 2024:02:30 or 25:00:00 is no time.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute) return null;
  return new Date(asUtc - offsetMinutes(offset) * 60_000);
}

function offsetMinutes(offset: string | null): number {
  const match = offset ? /^\s*([+-])(\d{2}):(\d{2})\s*$/.exec(offset) : null;
  if (!match) return DEFAULT_OFFSET_MINUTES;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return minutes > 14 * 60 ? DEFAULT_OFFSET_MINUTES : match[1] === '-' ? -minutes : minutes;
}

/** [degrees, minutes, seconds] and a hemisphere letter → signed degrees, 7 decimals (about 1 cm). */
function toDegrees(parts: number[] | null, ref: string | null, positive: string, negative: string, max: number): number | null {
  if (!parts || parts.length === 0 || parts.length > 3) return null;
  if (!parts.every((part) => Number.isFinite(part) && part >= 0)) return null;
  const [degrees, minutes = 0, seconds = 0] = parts;
  const hemisphere = ref?.trim().toUpperCase() ?? '';
  if (hemisphere !== positive && hemisphere !== negative) return null;
  const value = degrees + minutes / 60 + seconds / 3600;
  if (value > max) return null;
  const signed = hemisphere === negative ? -value : value;
  return Math.round(signed * 1e7) / 1e7;
}

import { CHINA_UTC_OFFSET_MINUTES } from '@jixiao/domain';
import exifReader from 'exif-reader';

/** What the server keeps of a photo's EXIF once the metadata is stripped. */
export interface CaptureInfo {
  capturedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const NOTHING: CaptureInfo = { capturedAt: null, latitude: null, longitude: null };

/** Phones without OffsetTimeOriginal write local time; the users are in China. */
const DEFAULT_OFFSET_MINUTES = CHINA_UTC_OFFSET_MINUTES;

/**
 * Capture time and GPS position from a raw EXIF block (as sharp's `metadata().exif` gives it).
 * The time is DateTimeOriginal read in its OffsetTimeOriginal, else in China time; the position is
 * signed decimal degrees. Missing, implausible or unreadable values are null: a photo without
 * them is still a photo.
 *
 * @example readCaptureInfo(exif) // { capturedAt: 2024-05-01T02:30:00.000Z, latitude: 39.375, longitude: 117.0375 }
 */
export function readCaptureInfo(exif: Buffer | undefined): CaptureInfo {
  if (!exif) return NOTHING;
  let tags: ReturnType<typeof exifReader>;
  try {
    tags = exifReader(exif);
  } catch {
    return NOTHING;
  }
  const gps = tags.GPSInfo ?? {};
  const latitude = toDegrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'N', 'S', 90);
  const longitude = toDegrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'E', 'W', 180);
  // A missing fix is often written as 0/0: nobody inspects a site in the Gulf of Guinea.
  const hasPosition = latitude !== null && longitude !== null && !(latitude === 0 && longitude === 0);
  return {
    capturedAt: toCaptureTime(tags.Photo?.DateTimeOriginal, tags.Photo?.OffsetTimeOriginal),
    latitude: hasPosition ? latitude : null,
    longitude: hasPosition ? longitude : null,
  };
}

/**
 * exif-reader reads "2024:05:01 10:30:00" as if it were UTC; shifting by the offset makes it the
 * real instant.
 */
function toCaptureTime(wallClockAsUtc: unknown, offset: unknown): Date | null {
  if (!(wallClockAsUtc instanceof Date) || Number.isNaN(wallClockAsUtc.getTime())) return null;
  const year = wallClockAsUtc.getUTCFullYear();
  // "0000:00:00 00:00:00" and other unset clocks.
  if (year < 1990 || year > 2100) return null;
  return new Date(wallClockAsUtc.getTime() - offsetMinutes(offset) * 60_000);
}

function offsetMinutes(offset: unknown): number {
  const match = typeof offset === 'string' ? /^\s*([+-])(\d{2}):(\d{2})\s*$/.exec(offset) : null;
  if (!match) return DEFAULT_OFFSET_MINUTES;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return minutes > 14 * 60 ? DEFAULT_OFFSET_MINUTES : match[1] === '-' ? -minutes : minutes;
}

/** [degrees, minutes, seconds] and a hemisphere letter → signed degrees, 7 decimals (about 1 cm). */
function toDegrees(parts: unknown, ref: unknown, positive: string, negative: string, max: number): number | null {
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > 3) return null;
  if (!parts.every((part) => typeof part === 'number' && Number.isFinite(part) && part >= 0)) return null;
  const [degrees, minutes = 0, seconds = 0] = parts as number[];
  const hemisphere = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  if (hemisphere !== positive && hemisphere !== negative) return null;
  const value = degrees + minutes / 60 + seconds / 3600;
  if (value > max) return null;
  const signed = hemisphere === negative ? -value : value;
  return Math.round(signed * 1e7) / 1e7;
}

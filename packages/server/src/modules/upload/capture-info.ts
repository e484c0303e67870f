import { readPhotoCapture, type PhotoCapture } from '@jixiao/domain';

/** What the server keeps of a photo's EXIF once the metadata is stripped. */
export type CaptureInfo = PhotoCapture;

const NOTHING: CaptureInfo = { capturedAt: null, latitude: null, longitude: null };

/**
 * Capture time and GPS position from a raw EXIF block (as sharp's `metadata().exif` gives it),
 * read by the domain's readPhotoCapture — the same reader the phone runs on the original photo
 * before compressing it, with the same rules (China time without an offset, 0°/0° is no fix).
 *
 * @example readCaptureInfo(exif) // { capturedAt: 2024-05-01T02:30:00.000Z, latitude: 39.375, longitude: 117.0375 }
 */
export function readCaptureInfo(exif: Buffer | undefined): CaptureInfo {
  return exif ? readPhotoCapture(exif) : NOTHING;
}

import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { readCaptureInfo, type CaptureInfo } from './capture-info.js';
import type { ImageType } from './image-type.js';
import { UploadRejectedError } from './upload.errors.js';

// Uploads are decoded once each: libvips' operation cache would only keep decoded pixels around.
sharp.cache(false);

/** Longest side of the stored photo: enough to read a nameplate, small enough to page through. */
export const STORED_MAX_SIDE = 4096;
/** Longest side of the thumbnail shown in lists. */
export const THUMB_MAX_SIDE = 320;

/** What sharp calls each accepted type (`metadata().format`). */
const SHARP_FORMAT: Record<ImageType, Metadata['format']> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heif',
};

/**
 * Whether this sharp can decode HEVC-coded HEIF. The prebuilt libvips ships libheif with the AV1
 * decoder only (HEVC is patent-encumbered), so usually not; a build against a system libvips with
 * libde265 lists ".heic" here.
 */
export const HEIC_DECODABLE = sharp.format.heif?.input.fileSuffix?.includes('.heic') ?? false;

export interface ReencodedPhoto extends CaptureInfo {
  /** The stored JPEG: upright, without metadata, at most STORED_MAX_SIDE on its longest side. */
  jpeg: Buffer;
  thumb: Buffer;
  /** Size of the stored JPEG. */
  width: number;
  height: number;
}

/**
 * Decodes an uploaded photo and encodes it again as a plain JPEG: turned upright by its EXIF
 * orientation, transparency flattened onto white, colours converted to sRGB, every metadata block
 * (EXIF, XMP, ICC, maker notes with serial numbers) dropped. Capture time and GPS are read first
 * and returned as fields. Refuses, before decoding a pixel, images whose header claims more than
 * `maxPixels` (a 50000×50000 PNG of one colour is a few kilobytes and 10 GB decoded).
 *
 * @example const photo = await reencodePhoto(body, 'image/jpeg', 40_000_000); // photo.jpeg, photo.capturedAt
 */
export async function reencodePhoto(bytes: Buffer, type: ImageType, maxPixels: number): Promise<ReencodedPhoto> {
  if (type === 'image/heic' && !HEIC_DECODABLE) {
    throw new UploadRejectedError(
      { status: 415, code: 'HEIC_NOT_SUPPORTED' },
      '暂不支持 HEIC（高效）格式的照片。请在 iPhone 的“设置 → 相机 → 格式”中选择“兼容性最佳”（JPEG）后重新拍摄，或上传 JPEG 照片',
    );
  }
  // failOn 'error': phones write slightly malformed files (a truncated marker, an odd EXIF) that
  // decode fine; only undecodable data is refused.
  // sequentialRead: decode top to bottom, without keeping the whole image (JPEG/PNG allow it).
  const options: SharpOptions = { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true };

  let metadata: Metadata;
  try {
    // The header only, so no pixel limit here: the check below says which limit and why.
    metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  if (metadata.format !== SHARP_FORMAT[type]) throw unreadable();
  if (!metadata.width || !metadata.height) throw unreadable();
  if (metadata.width * metadata.height > maxPixels) throw tooManyPixels(`${metadata.width}×${metadata.height}`, maxPixels);

  try {
    // One decode of the upload; the thumbnail is made from the (smaller) stored JPEG, so a photo
    // is never decoded twice at once.
    const stored = await sharp(bytes, options)
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(STORED_MAX_SIDE, STORED_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      // Without optimised Huffman tables: a second pass over the coefficients that costs more than
      // the decode and the encode together (46 → 18 ms for a 1600×1200 photo) for 3 % fewer bytes.
      .jpeg({ quality: 85, optimiseCoding: false })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(stored.data, { sequentialRead: true })
      .resize(THUMB_MAX_SIDE, THUMB_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { jpeg: stored.data, thumb, width: stored.info.width, height: stored.info.height, ...readCaptureInfo(metadata.exif) };
  } catch (error) {
    // limitInputPixels, still set while decoding, in case a header understated the size.
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels('', maxPixels);
    throw unreadable();
  }
}

function tooManyPixels(size: string, maxPixels: number): UploadRejectedError {
  return new UploadRejectedError(
    { status: 413, code: 'TOO_MANY_PIXELS' },
    `照片像素过多${size ? `（${size}）` : ''}，最多 ${Math.floor(maxPixels / 1_000_000)} 百万像素，请缩小后再上传`,
  );
}

function unreadable(): UploadRejectedError {
  return new UploadRejectedError({ status: 422, code: 'UNREADABLE_IMAGE' }, '照片文件已损坏或不完整，无法读取，请重新拍摄或选择其他照片');
}

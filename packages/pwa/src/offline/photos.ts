/**
 * Photos on the device: shrink and re-encode as JPEG before they are queued (a phone's 12 MP photo
 * becomes a few hundred KB), name them by SHA-256 (the server's upload address), and convert the
 * signature pad's data URL.
 */
import { readPhotoCapture } from '@jixiao/domain';
import { sha256Hex } from './sha256';
import type { StoredPhoto, StoredPhotoCapture } from './types';

export const MAX_SIDE = 1600;
export const JPEG_QUALITY = 0.8;

/** Photos are named by their SHA-256; see sha256.ts for how it is computed on insecure origins. */
export { sha256Hex } from './sha256';

/**
 * The size to draw an image at so that its longest side is at most `maxSide`, keeping the aspect
 * ratio and never enlarging it.
 *
 * @example
 * fitWithin(4032, 3024, 1600) // { width: 1600, height: 1200 }
 */
export function fitWithin(width: number, height: number, maxSide: number = MAX_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError(`图片尺寸无效：${width}×${height}`);
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return {
    width: width >= height ? maxSide : Math.max(1, Math.round(width * scale)),
    height: height >= width ? maxSide : Math.max(1, Math.round(height * scale)),
  };
}

/** A decoded image, already turned upright (EXIF orientation applied). */
export interface DecodedImage {
  width: number;
  height: number;
  source: CanvasImageSource;
  /** Frees the decoded pixels (ImageBitmap.close). */
  close?: () => void;
}

export interface CompressOptions {
  maxSide?: number;
  quality?: number;
  /** Default: createImageBitmap with imageOrientation 'from-image', falling back to an <img>. */
  decode?: (file: Blob) => Promise<DecodedImage>;
  /** Default: draw on an OffscreenCanvas (or a <canvas>) and encode as JPEG. */
  encode?: (image: DecodedImage, size: { width: number; height: number }, quality: number) => Promise<Blob>;
  /** Default: the browser's `crypto.subtle`; null: the pure-JS fallback. */
  subtle?: SubtleCrypto | null;
}

export interface CompressedPhoto {
  blob: Blob;
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  type: 'image/jpeg';
}

/**
 * Shrinks a photo to at most `maxSide` pixels on its longest side and re-encodes it as JPEG.
 * Re-encoding drops the EXIF block (capture time, GPS): read it first with {@link readCaptureInfo}.
 *
 * @example
 * const photo = await compressPhoto(input.files[0]);
 * // → { blob, sha256: '9f86d0…', width: 1600, height: 1200, bytes: 312345, type: 'image/jpeg' }
 */
export async function compressPhoto(file: Blob, options: CompressOptions = {}): Promise<CompressedPhoto> {
  const { maxSide = MAX_SIDE, quality = JPEG_QUALITY, decode = decodeImage, encode = encodeJpeg } = options;
  const image = await decode(file);
  try {
    const size = fitWithin(image.width, image.height, maxSide);
    const blob = await encode(image, size, quality);
    return { blob, sha256: await sha256Hex(blob, options.subtle), ...size, bytes: blob.size, type: 'image/jpeg' };
  } finally {
    image.close?.();
  }
}

/** How much of the original is read for its EXIF: the APP1 segment comes first and is at most 64 KB. */
export const CAPTURE_HEAD_BYTES = 256 * 1024;

/**
 * When and where the original photo was taken, from its EXIF (read with the domain's
 * readPhotoCapture on its first {@link CAPTURE_HEAD_BYTES}), or null when it says neither. Read
 * before compressing: the re-encoded JPEG has no EXIF, and the record carries this instead.
 *
 * @example await readCaptureInfo(input.files[0]) // { capturedAt: '2024-05-01T02:30:00.000Z', latitude: 39.375, longitude: 117.0375 }
 */
export async function readCaptureInfo(file: Blob): Promise<StoredPhotoCapture | null> {
  try {
    const head = new Uint8Array(await file.slice(0, CAPTURE_HEAD_BYTES).arrayBuffer());
    const { capturedAt, latitude, longitude } = readPhotoCapture(head);
    if (capturedAt === null && latitude === null) return null;
    return { capturedAt: capturedAt?.toISOString() ?? null, latitude, longitude };
  } catch {
    // A file that cannot be read here cannot be compressed either; compressPhoto says why.
    return null;
  }
}

/** The record of a compressed photo as the outbox stores it (see `enqueue`), with the original's capture info. */
export function toStoredPhoto(photo: CompressedPhoto, now: number = Date.now(), capture: StoredPhotoCapture | null = null): StoredPhoto {
  return {
    sha256: photo.sha256,
    blob: photo.blob,
    type: photo.type,
    width: photo.width,
    height: photo.height,
    bytes: photo.bytes,
    createdAt: now,
    ...(capture ? { capture } : {}),
  };
}

/**
 * Turns a `data:` URL (the signature pad's `canvas.toDataURL('image/png')`) into a Blob.
 *
 * @example
 * dataUrlToBlob('data:text/plain;base64,aGk=') // Blob { size: 2, type: 'text/plain' }
 */
export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^,]*?),(.*)$/s.exec(dataUrl);
  if (!match) throw new TypeError('不是 data: URL');
  const parameters = match[1].split(';');
  const base64 = parameters.at(-1)?.toLowerCase() === 'base64';
  const type = (base64 ? parameters.slice(0, -1) : parameters).join(';') || 'text/plain;charset=us-ascii';
  if (!base64) return new Blob([decodeURIComponent(match[2])], { type });
  const binary = atob(match[2].replace(/\s/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** A Blob as a base64 `data:` URL (for the export file); without FileReader, so it runs anywhere. */
export async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // Chunks: String.fromCharCode(...bytes) of a whole photo would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(binary)}`;
}

async function decodeImage(file: Blob): Promise<DecodedImage> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { width: bitmap.width, height: bitmap.height, source: bitmap, close: () => bitmap.close() };
    } catch {
      // Older engines reject the 'from-image' value, some cannot decode a format here: try <img>,
      // which applies EXIF orientation by default in every current browser.
    }
  }
  return decodeWithImageElement(file);
}

function decodeWithImageElement(file: Blob): Promise<DecodedImage> {
  const url = URL.createObjectURL(file);
  const image = new Image();
  return new Promise<DecodedImage>((resolve, reject) => {
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight, source: image, close: () => URL.revokeObjectURL(url) });
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('无法读取这张照片，请换一张或改用相机拍摄'));
    };
    image.src = url;
  });
}

async function encodeJpeg(image: DecodedImage, size: { width: number; height: number }, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (context) {
      context.drawImage(image.source, 0, 0, size.width, size.height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('无法处理照片：浏览器不支持画布');
  context.drawImage(image.source, 0, 0, size.width, size.height);
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法压缩照片'))), 'image/jpeg', quality);
  });
}

/**
 * Why the server refused a photo, beyond the shared errors of common/errors.ts (400, 401, 403):
 * the HTTP status says which kind of retry can help, the code tells the PWA what to show.
 *
 * - 413 PAYLOAD_TOO_LARGE, TOO_MANY_PIXELS: the photo is too big; compress or resize, then retry.
 * - 415 UNSUPPORTED_MEDIA_TYPE, HEIC_NOT_SUPPORTED: not an accepted image type; retrying the same
 *   bytes never helps.
 * - 422 HASH_MISMATCH: the body is not what the URL names (a cut-off transfer, usually): upload
 *   again. UNREADABLE_IMAGE: the right magic bytes, but the image cannot be decoded.
 * - 503 SERVER_BUSY: too many photos are being decoded; retry later (Retry-After).
 */
export type UploadRejection =
  | { status: 413; code: 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_PIXELS' }
  | { status: 415; code: 'UNSUPPORTED_MEDIA_TYPE' | 'HEIC_NOT_SUPPORTED' }
  | { status: 422; code: 'HASH_MISMATCH' | 'UNREADABLE_IMAGE' }
  | { status: 503; code: 'SERVER_BUSY' };

export class UploadRejectedError extends Error {
  readonly status: UploadRejection['status'];
  readonly code: UploadRejection['code'];

  constructor(rejection: UploadRejection, message: string) {
    super(message);
    this.status = rejection.status;
    this.code = rejection.code;
  }
}

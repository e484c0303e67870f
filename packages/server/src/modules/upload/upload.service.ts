import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { BoundedQueue, QueueFullError } from '../common/bounded-queue.js';
import { ForbiddenError } from '../common/errors.js';
import { isUniqueViolation } from '../common/idempotency.js';
import { number, placeholders, queryRows, text } from '../common/sql.js';
import type { Viewer } from '../auth/auth.service.js';
import type { User } from '../user/user.entity.js';
import { detectImageType } from './image-type.js';
import { reencodePhoto } from './reencode-photo.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import { Upload } from './upload.entity.js';
import { UploadHolder } from './upload-holder.entity.js';
import { UploadRejectedError } from './upload.errors.js';
import type { UploadStore } from './upload-store.js';

/** How an upload is named in URLs and records: lowercase hex SHA-256. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** The JSON the API answers with for an upload. */
export interface UploadMetadata {
  sha256: string;
  /** Type of the uploaded file (the stored one is always JPEG). */
  mime: string;
  /** Size of the uploaded file. */
  bytes: number;
  /** Size of the stored JPEG: upright, longest side at most 4096. */
  width: number;
  height: number;
  /** ISO 8601 instant, from EXIF DateTimeOriginal. */
  capturedAt: string | null;
  /** Signed decimal degrees (WGS 84 as the phone wrote it; south and west negative). */
  latitude: number | null;
  longitude: number | null;
}

export function toUploadMetadata(upload: Upload): UploadMetadata {
  return {
    sha256: upload.sha256,
    mime: upload.mime,
    bytes: upload.bytes,
    width: upload.width,
    height: upload.height,
    capturedAt: upload.capturedAt ? upload.capturedAt.toISOString() : null,
    latitude: upload.latitude,
    longitude: upload.longitude,
  };
}

export interface SaveUploadInput {
  sha256: string;
  body: Buffer;
  uploadedBy: User;
  maxPixels: number;
  /** Bounds how many photos are decoded at once (AppConfig.decodeConcurrency); none in tests that need none. */
  decodes?: BoundedQueue;
}

/**
 * Stores a photo under the SHA-256 the device named it by. The hash is checked, the image
 * re-encoded and written to disk, then the row inserted; the primary key makes a repeated or
 * concurrent upload of the same photo a no-op (`created: false`) that answers with the stored row.
 * Files go to disk before the row exists, so a row always has its files; a crash in between leaves
 * a file without a row, which the next upload of the photo reuses.
 *
 * @example const { upload, created } = await saveUpload(em, store, { sha256, body, uploadedBy: viewer.user, maxPixels });
 */
export async function saveUpload(em: EntityManager, store: UploadStore, input: SaveUploadInput): Promise<{ upload: Upload; created: boolean }> {
  const actual = createHash('sha256').update(input.body).digest('hex');
  if (actual !== input.sha256) {
    throw new UploadRejectedError(
      { status: 422, code: 'HASH_MISMATCH' },
      `照片内容与地址中的 SHA-256 不一致（收到的内容为 ${actual}），可能传输不完整，请重新上传`,
    );
  }
  const stored = await em.findOne(Upload, { sha256: input.sha256 }, { populate: ['uploadedBy'] });
  // The file check lets a re-upload repair a store that lost a file (a restore from an old backup).
  if (stored && (await store.has(input.sha256))) {
    await holdUpload(em, stored, input.uploadedBy);
    return { upload: stored, created: false };
  }

  const type = detectImageType(input.body);
  if (!type) {
    throw new UploadRejectedError({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, '只能上传 JPEG、PNG 或 WebP 格式的照片，该文件不是受支持的图片');
  }
  const photo = await decode(input);
  await store.write(input.sha256, photo.jpeg, photo.thumb);
  if (stored) {
    await holdUpload(em, stored, input.uploadedBy);
    return { upload: stored, created: false };
  }

  const insert = em.fork();
  let upload!: Upload;
  try {
    await insert.transactional(async (tx) => {
      upload = tx.create(Upload, {
        sha256: input.sha256,
        mime: type,
        bytes: input.body.length,
        width: photo.width,
        height: photo.height,
        capturedAt: photo.capturedAt,
        latitude: photo.latitude,
        longitude: photo.longitude,
        uploadedBy: input.uploadedBy.id,
      });
      await tx.flush();
      await appendAuditEvent(tx, {
        actor: input.uploadedBy.username,
        action: 'create',
        entity: 'Upload',
        entityId: input.sha256,
        after: { mime: type, bytes: input.body.length, width: photo.width, height: photo.height },
      });
    });
    return { upload, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone else's upload of the same photo got in first: theirs is the row.
    return { upload: await em.fork().findOneOrFail(Upload, { sha256: input.sha256 }), created: false };
  }
}

/** Re-encodes the photo when a decoding slot is free (waiting for one), or refuses: the server is busy. */
async function decode(input: SaveUploadInput): Promise<Awaited<ReturnType<typeof reencodePhoto>>> {
  const type = detectImageType(input.body)!;
  if (!input.decodes) return reencodePhoto(input.body, type, input.maxPixels);
  try {
    return await input.decodes.run(() => reencodePhoto(input.body, type, input.maxPixels));
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    throw new UploadRejectedError({ status: 503, code: 'SERVER_BUSY' }, '服务器正在处理其他照片，请稍后重新上传（照片已保存在手机上，会自动重试）');
  }
}

/**
 * Someone uploaded a photo that is already stored: if another organization uploaded it, the
 * uploader's organization now holds it too (they sent the bytes).
 */
async function holdUpload(em: EntityManager, stored: Upload, uploader: User): Promise<void> {
  const organizationId = uploader.organization.id;
  if (stored.uploadedBy?.organization.id === organizationId) return;
  const fork = em.fork();
  if (await fork.findOne(UploadHolder, { sha256: stored.sha256, organization: organizationId })) return;
  try {
    await fork.transactional(async (tx) => {
      tx.create(UploadHolder, { sha256: stored.sha256, organization: organizationId });
      await tx.flush();
      await appendAuditEvent(tx, { actor: uploader.username, action: 'hold', entity: 'Upload', entityId: stored.sha256, after: { organizationId } });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * The hashes among `hashes` the viewer may name in a record, each once: uploaded by someone in the
 * viewer's scope, held by an organization in it (the same file uploaded again), or already named by
 * an inspection the viewer can see. Missing hashes and other organizations' photos are both left
 * out, so callers answer them alike (MISSING_UPLOAD) and nobody learns which photos exist.
 *
 * @example await usableUploads(em, viewer, [mine, foreign, missing]) // Set { mine }
 */
export async function usableUploads(em: EntityManager, viewer: Viewer, hashes: string[]): Promise<Set<string>> {
  const wanted = [...new Set(hashes)];
  const usable = new Set<string>();
  if (wanted.length === 0) return usable;
  if (viewer.scope.isEverything) {
    const missing = new Set(await missingUploads(em, wanted));
    for (const hash of wanted) if (!missing.has(hash)) usable.add(hash);
    return usable;
  }
  const orgIds = [...viewer.scope.ids];
  // Plain SQL: every submission asks this for its photos and signature.
  const uploaded =
    orgIds.length === 0
      ? []
      : await queryRows(
          em,
          `select u.sha256 from upload u join app_user au on au.id = u.uploaded_by_id
      where u.sha256 in (${placeholders(wanted.length)}) and au.organization_id in (${placeholders(orgIds.length)})`,
          [...wanted, ...orgIds],
          { sha256: text },
        );
  for (const upload of uploaded) usable.add(upload.sha256);
  const rest = wanted.filter((hash) => !usable.has(hash));
  if (rest.length === 0) return usable;
  const held = await em.find(UploadHolder, { sha256: { $in: rest }, organization: { $in: orgIds } }, { fields: ['sha256'], disableIdentityMap: true });
  for (const holder of held) usable.add(holder.sha256);
  for (const hash of rest) {
    if (usable.has(hash)) continue;
    if ((await missingUploads(em, [hash])).length === 0 && (await namedByVisibleInspection(em, viewer, hash))) usable.add(hash);
  }
  return usable;
}

/**
 * The upload, if the viewer may see it: its uploader's organization must be in the viewer's scope.
 * An unknown hash is refused the same way as someone else's photo, so nobody learns which photos
 * exist.
 */
export async function findViewableUpload(em: EntityManager, viewer: Viewer, sha256: string): Promise<Upload> {
  const upload = await em.findOne(Upload, { sha256 }, { populate: ['uploadedBy'] });
  if (!upload) throw new ForbiddenError();
  const organizationId = upload.uploadedBy?.organization.id;
  if (organizationId && viewer.scope.has(organizationId)) return upload;
  if (await em.findOne(UploadHolder, { sha256, organization: { $in: [...viewer.scope.ids] } }, { disableIdentityMap: true })) return upload;
  // The same photo may have been uploaded by another unit first: whoever may see an inspection
  // that names it may see it too.
  if (await namedByVisibleInspection(em, viewer, sha256)) return upload;
  throw new ForbiddenError();
}

async function namedByVisibleInspection(em: EntityManager, viewer: Viewer, sha256: string): Promise<boolean> {
  const orgIds = [...viewer.scope.ids];
  if (orgIds.length === 0) return false;
  const photos = em.getPlatform() instanceof PostgreSqlPlatform ? 'i.photos::text' : 'i.photos';
  const rows = await queryRows(
    em,
    `select 1 as found from inspection i join project p on p.id = i.project_id
     where p.organization_id in (${placeholders(orgIds.length)}) and (${photos} like ? or i.signature = ?) limit 1`,
    [...orgIds, `%${sha256}%`, sha256],
    { found: number },
  );
  return rows.length > 0;
}

/**
 * The hashes among `hashes` that have no upload yet, each once, in the order given: a record naming
 * them is refused with MISSING_UPLOAD, and the device uploads them again.
 *
 * @example await missingUploads(em, [a, b]) // [b] when only a was uploaded
 */
export async function missingUploads(em: EntityManager, hashes: string[]): Promise<string[]> {
  const wanted = [...new Set(hashes)];
  if (wanted.length === 0) return [];
  // Plain rows: every submission asks, and entities would cost more than the query.
  const found = await queryRows(em, `select sha256 from upload where sha256 in (${placeholders(wanted.length)})`, wanted, { sha256: text });
  const present = new Set(found.map((upload) => upload.sha256));
  return wanted.filter((hash) => !present.has(hash));
}

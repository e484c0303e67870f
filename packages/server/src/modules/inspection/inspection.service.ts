import { checkAcceptance, checkPhotoCapture, type PhotoCapture } from '@jixiao/domain';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Viewer } from '../auth/auth.service.js';
import { checkLength, ConflictError, ForbiddenError, MissingUploadError, NotFoundError, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { insertRows, queryRows, text } from '../common/sql.js';
import { firstDifference, isUniqueViolation } from '../common/idempotency.js';
import { inspectionEvidence, lockProjectEvidence, updateDerivedData } from '../evidence/evidence.service.js';
import { findVisibleEvidenceProject, findVisibleProject, type EvidenceProject } from '../project/project.service.js';
import { Site } from '../site/site.entity.js';
import { Upload } from '../upload/upload.entity.js';
import { usableUploads } from '../upload/upload.service.js';
import { Project } from '../project/project.entity.js';
import { Inspection, InspectionKind, ReviewStatus, type ChecklistLine } from './inspection.entity.js';

export interface InspectionInputData {
  clientId: string;
  projectId: string;
  kind: InspectionKind;
  siteId?: string | null;
  itemName: string;
  serialNumber?: string | null;
  checklist?: ChecklistLine[] | null;
  passed: boolean;
  note?: string | null;
  photos: string[];
  signature?: string | null;
  /** Capture info the phone read from the photos' EXIF before compressing them. */
  photoCaptures?: PhotoCaptureData[] | null;
  location?: { lat: number; lng: number; accuracy?: number | null } | null;
  capturedAt: Date;
}

export interface PhotoCaptureData {
  sha256: string;
  capturedAt?: Date | null;
  latitude?: number | null;
  longitude?: number | null;
}

const SHA256 = /^[0-9a-f]{64}$/;
/** The CONFLICT of a clientId that a record the submitter cannot see already uses. */
export const REUSED_CLIENT_ID = 'clientId 已被使用，请为这条记录生成新的 clientId 后重新提交';
/** Phones' clocks drift; a capture time further in the future than this is refused. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

function normalized(input: InspectionInputData) {
  return {
    projectId: input.projectId,
    kind: input.kind,
    siteId: input.siteId ?? null,
    itemName: input.itemName.trim(),
    serialNumber: input.serialNumber?.trim() || null,
    checklist: (input.checklist ?? []).map((line) => ({ label: line.label.trim(), passed: line.passed })),
    passed: input.passed,
    note: input.note?.trim() || null,
    photos: input.photos.map((hash) => hash.toLowerCase()),
    signature: input.signature?.toLowerCase() || null,
    location: input.location ? { lat: input.location.lat, lng: input.location.lng, accuracy: input.location.accuracy ?? null } : null,
    capturedAt: input.capturedAt.toISOString(),
  };
}

type Normalized = ReturnType<typeof normalized>;

/** The capture info of each photo, by hash; refuses a hash that is not one of the record's photos and implausible values. */
function photoCapturesOf(input: InspectionInputData, photos: readonly string[]): Map<string, PhotoCapture> {
  const captures = new Map<string, PhotoCapture>();
  const now = new Date();
  (input.photoCaptures ?? []).forEach((given, i) => {
    const field = `input.photoCaptures[${i}]`;
    const sha256 = given.sha256.toLowerCase();
    if (!photos.includes(sha256)) throw new ValidationError(`${field}.sha256`, '这张照片不在本条记录的照片中');
    if (captures.has(sha256)) throw new ValidationError(`${field}.sha256`, '同一张照片的拍摄信息给了两次');
    const capture = { capturedAt: given.capturedAt ?? null, latitude: given.latitude ?? null, longitude: given.longitude ?? null };
    // The same plausibility rule the phone's EXIF reader keeps to.
    const [problem] = checkPhotoCapture(capture, now);
    if (problem) throw new ValidationError(`${field}.${problem.field}`, problem.message);
    captures.set(sha256, capture);
  });
  return captures;
}

/** What can be checked of a record before its project is known: the form of ids, hashes, positions and times. */
function validateShape(input: Normalized & { clientId: string }): void {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.clientId)) throw new ValidationError('input.clientId', 'clientId 应为 8–64 位字母、数字、- 或 _（建议用 UUID）');
  // What an acceptance must hold is the domain's rule, the same the phone checks before queuing;
  // the signature, which depends on the project, is checked once the project is known.
  const [problem] = checkAcceptance({ ...input, signatureRequired: false });
  if (problem) throw new ValidationError(`input.${problem.field}`, problem.message);
  input.photos.forEach((hash, i) => {
    if (!SHA256.test(hash)) throw new ValidationError(`input.photos[${i}]`, `“${hash}”不是 SHA-256（64 位十六进制）`);
  });
  if (input.signature !== null && !SHA256.test(input.signature)) throw new ValidationError('input.signature', '签名应为图片的 SHA-256（64 位十六进制）');
  if (input.location) {
    const { lat, lng, accuracy } = input.location;
    if (!(lat >= -90 && lat <= 90)) throw new ValidationError('input.location.lat', `纬度应在 -90 到 90 之间，实际为 ${lat}`);
    if (!(lng >= -180 && lng <= 180)) throw new ValidationError('input.location.lng', `经度应在 -180 到 180 之间，实际为 ${lng}`);
    if (accuracy !== null && !(accuracy >= 0)) throw new ValidationError('input.location.accuracy', '精度不能为负数');
  }
  const capturedAt = Date.parse(input.capturedAt);
  if (Number.isNaN(capturedAt)) throw new ValidationError('input.capturedAt', '记录时间无效');
  if (capturedAt > Date.now() + CLOCK_SKEW_MS) throw new ValidationError('input.capturedAt', '记录时间晚于当前时间，请检查手机时间');
}

/** The rules that depend on the project: its acceptances are signed when it asks for it (Project.requireSignature). */
function validateForProject(input: Normalized, project: EvidenceProject): void {
  const [problem] = checkAcceptance({ ...input, signatureRequired: project.requireSignature });
  if (problem) throw new ValidationError(`input.${problem.field}`, problem.message);
}

/** Keeps the capture info the phone read on photos whose upload has none of its own (its EXIF was stripped on the phone). */
async function keepPhotoCaptures(em: SqlEntityManager, captures: Map<string, PhotoCapture>): Promise<void> {
  if (captures.size === 0) return;
  for (const upload of await em.find(Upload, { sha256: { $in: [...captures.keys()] } })) {
    const capture = captures.get(upload.sha256)!;
    if (upload.capturedAt === null && capture.capturedAt !== null) upload.capturedAt = capture.capturedAt;
    if (upload.latitude === null && upload.longitude === null && capture.latitude !== null && capture.longitude !== null) {
      upload.latitude = capture.latitude;
      upload.longitude = capture.longitude;
    }
  }
}

/** Loads an inspection the viewer may see; an unknown id and a foreign one look the same. */
export async function findVisibleInspection(em: SqlEntityManager, viewer: Viewer, id: string): Promise<Inspection> {
  const inspection = !isUuid(id)
    ? null
    : await em.findOne(Inspection, { id }, { populate: ['project', 'project.organization', 'site', 'site.organization', 'submittedBy', 'reviewedBy'] });
  if (inspection && viewer.scope.has(inspection.project.organization.id)) return inspection;
  if (!inspection && viewer.scope.isEverything) throw new NotFoundError(`验收记录 ${id} 不存在`);
  throw new ForbiddenError();
}

export class InspectionService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly viewer: Viewer,
  ) {}

  /**
   * Stores an inspection exactly once per clientId (a database unique constraint, not a check),
   * after its photos are uploaded, then recomputes the project's evidence-fed actuals in the same
   * transaction. The same record again returns the stored one; different content is a CONFLICT.
   */
  async submit(input: InspectionInputData): Promise<Inspection> {
    const data = normalized(input);
    validateShape({ ...data, clientId: input.clientId });
    const captures = photoCapturesOf(input, data.photos);
    const project = await findVisibleEvidenceProject(this.em, this.viewer, data.projectId);
    let site: Site | null = null;
    if (data.siteId) {
      site = isUuid(data.siteId) ? await this.em.findOne(Site, { id: data.siteId }, { populate: ['organization'] }) : null;
      if (!site || !this.viewer.scope.has(site.organization.id)) throw new ValidationError('input.siteId', '地点不存在或不在您的管辖范围内');
    }

    // A record sent again is answered by what is stored, whatever the project asks of new ones now.
    // (One indexed lookup first: a new record, the usual case, needs no entity loaded.)
    const [known] = await queryRows(this.em, 'select id from inspection where client_id = ?', [input.clientId], { id: text });
    const existing = known ? await this.findByClientId(input.clientId) : null;
    if (existing) return this.sameOrConflict(existing, data);
    validateForProject(data, project);

    // A photo the author's organizations cannot see answers as a missing one: the same code, the
    // same list, so a guessed or leaked hash neither attaches someone else's photo nor tells it exists.
    const named = [...new Set([...data.photos, ...(data.signature ? [data.signature] : [])])];
    const usable = await usableUploads(this.em, this.viewer, named);
    const missing = named.filter((hash) => !usable.has(hash));
    if (missing.length > 0) throw new MissingUploadError(missing);

    try {
      const stored = await this.em.transactional(
        async (tx) => {
          const inspection = tx.create(
            Inspection,
            {
              clientId: input.clientId,
              project: tx.getReference(Project, project.id),
              kind: data.kind,
              site,
              itemName: data.itemName,
              serialNumber: data.serialNumber,
              checklist: data.checklist,
              passed: data.passed,
              note: data.note,
              photos: data.photos,
              signature: data.signature,
              latitude: data.location?.lat ?? null,
              longitude: data.location?.lng ?? null,
              accuracy: data.location?.accuracy ?? null,
              capturedAt: input.capturedAt,
              submittedBy: this.viewer.user,
            },
            { persist: false },
          );
          // A plain insert: nothing needs tracking here, and the ORM's insert costs more than the statement.
          await insertRows(tx, 'inspection', [
            {
              id: inspection.id,
              client_id: inspection.clientId,
              project_id: project.id,
              kind: inspection.kind,
              site_id: site?.id ?? null,
              item_name: inspection.itemName,
              serial_number: inspection.serialNumber,
              checklist: JSON.stringify(inspection.checklist),
              passed: inspection.passed,
              note: inspection.note,
              photos: JSON.stringify(inspection.photos),
              signature: inspection.signature,
              latitude: inspection.latitude,
              longitude: inspection.longitude,
              accuracy: inspection.accuracy,
              captured_at: inspection.capturedAt,
              submitted_by_id: this.viewer.user.id,
              submitted_at: inspection.submittedAt,
              review_status: inspection.reviewStatus,
              review_reason: null,
              reviewed_by_id: null,
              reviewed_at: null,
            },
          ]);
          await keepPhotoCaptures(tx, captures);
          await tx.flush();
          await updateDerivedData(
            tx,
            project.id,
            { kind: 'inspection', before: null, after: inspectionEvidence(inspection) },
            {
              actor: this.viewer.user.username,
              audit: {
                actor: this.viewer.user.username,
                action: 'create',
                entity: 'Inspection',
                entityId: inspection.id,
                after: {
                  clientId: input.clientId,
                  ...data,
                  ...(captures.size > 0
                    ? {
                        photoCaptures: [...captures].map(([sha256, capture]) => ({
                          sha256,
                          ...capture,
                          capturedAt: capture.capturedAt?.toISOString() ?? null,
                        })),
                      }
                    : {}),
                },
              },
            },
          );
          return inspection;
          // A fork without the entities this request loaded: the commit's flush has nothing of theirs to compare.
        },
        { clear: true },
      );
      // What was inserted, with the project, site and submitter this request loaded: reading it back
      // would cost a query with five joins on every submission.
      return stored;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request stored the same clientId first.
      const stored = await this.findByClientId(input.clientId);
      if (!stored) throw error;
      return this.sameOrConflict(stored, data);
    }
  }

  /** Accepts or rejects an inspection; a rejected one stops counting toward the indicators. */
  async review(id: string, accept: boolean, reason: string | null): Promise<Inspection> {
    const inspection = await findVisibleInspection(this.em, this.viewer, id);
    // Four eyes: whoever submitted a record cannot be the one who accepts (or rejects) it.
    if (inspection.submittedBy?.id === this.viewer.user.id) throw new ForbiddenError('不能审核本人提交的验收记录，请由其他审核人通过或退回');
    const text = reason?.trim() || null;
    if (!accept && text === null) throw new ValidationError('reason', '退回时请说明原因');
    checkLength('reason', text, 2000);
    const before = { reviewStatus: inspection.reviewStatus, reviewReason: inspection.reviewReason };
    await this.em.transactional(async (tx) => {
      const managed = tx.merge(inspection);
      // What the tally counted is the review status as committed now, not as read before the transaction.
      await lockProjectEvidence(tx, inspection.project.id);
      await tx.refresh(managed);
      const was = inspectionEvidence(managed);
      managed.reviewStatus = accept ? ReviewStatus.ACCEPTED : ReviewStatus.REJECTED;
      managed.reviewReason = text;
      managed.reviewedBy = this.viewer.user;
      managed.reviewedAt = new Date();
      await tx.flush();
      await updateDerivedData(
        tx,
        inspection.project.id,
        { kind: 'inspection', before: was, after: inspectionEvidence(managed) },
        {
          actor: this.viewer.user.username,
          audit: {
            actor: this.viewer.user.username,
            action: 'review',
            entity: 'Inspection',
            entityId: inspection.id,
            before,
            after: { reviewStatus: managed.reviewStatus, reviewReason: text },
          },
        },
      );
    });
    return findVisibleInspection(this.em.fork(), this.viewer, id);
  }

  /** A project's inspections, newest first (at most 500). */
  async list(projectId: string, kind: InspectionKind | null, status: ReviewStatus | null): Promise<Inspection[]> {
    const project = await findVisibleProject(this.em, this.viewer, projectId);
    return this.em.find(
      Inspection,
      { project, ...(kind ? { kind } : {}), ...(status ? { reviewStatus: status } : {}) },
      { populate: ['site', 'site.organization', 'submittedBy', 'reviewedBy'], orderBy: { capturedAt: 'desc', id: 'asc' }, limit: 500 },
    );
  }

  private findByClientId(clientId: string): Promise<Inspection | null> {
    return this.em
      .fork()
      .findOne(Inspection, { clientId }, { populate: ['project', 'project.organization', 'site', 'site.organization', 'submittedBy', 'reviewedBy'] });
  }

  private sameOrConflict(stored: Inspection, submitted: Normalized): Inspection {
    // The clientId is unique across all organizations: a record the viewer cannot see answers with
    // this one message, naming no field, organization or content (docs/api.md, "clientId").
    if (!this.viewer.scope.has(stored.project.organization.id)) throw new ConflictError('input.clientId', REUSED_CLIENT_ID);
    const differs = firstDifference(
      {
        projectId: stored.project.id,
        kind: stored.kind,
        siteId: stored.site?.id ?? null,
        itemName: stored.itemName,
        serialNumber: stored.serialNumber,
        checklist: stored.checklist,
        passed: stored.passed,
        note: stored.note,
        photos: stored.photos,
        signature: stored.signature,
        location: stored.latitude !== null && stored.longitude !== null ? { lat: stored.latitude, lng: stored.longitude, accuracy: stored.accuracy } : null,
        capturedAt: stored.capturedAt.toISOString(),
      },
      submitted,
    );
    if (differs) throw new ConflictError(`input.${differs}`, `clientId ${stored.clientId} 已用于另一条验收记录，其 ${differs} 不同`);
    return stored;
  }
}

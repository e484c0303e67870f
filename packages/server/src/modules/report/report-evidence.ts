import { readFile } from 'node:fs/promises';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ProjectData } from '../read-model/project-data.js';
import { Actual } from '../actual/actual.entity.js';
import { evidenceInspectionIds, type DerivedFrom } from '../evidence/evidence.service.js';
import { IndicatorSource } from '../indicator/indicator.entity.js';
import { Inspection, type ChecklistLine, type InspectionKind, type ReviewStatus } from '../inspection/inspection.entity.js';
import { Survey } from '../survey/survey.entity.js';
import { Upload } from '../upload/upload.entity.js';
import type { UploadStore } from '../upload/upload-store.js';
import { nameOf } from '../user/user.entity.js';
import { actualText } from './self-evaluation-workbook.js';

/** A photo of an inspection as the printed appendix shows it. */
export interface EvidencePhoto {
  sha256: string;
  /** The thumbnail as a `data:image/jpeg;base64,…` URI; null when its file is not in the store. */
  thumbnail: string | null;
  /** From the photo's EXIF, kept at upload. */
  capturedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

/** An inspection (维修验收 / 设备验收) that an actual was derived from. */
export interface EvidenceInspection {
  id: string;
  kind: InspectionKind;
  itemName: string;
  serialNumber: string | null;
  passed: boolean;
  note: string | null;
  checklist: ChecklistLine[];
  capturedAt: Date;
  site: string | null;
  latitude: number | null;
  longitude: number | null;
  /** GPS accuracy, metres. */
  accuracy: number | null;
  /** Who submitted it: 真实姓名, else username. */
  inspector: string;
  reviewStatus: ReviewStatus;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  photos: EvidencePhoto[];
  signature: EvidencePhoto | null;
}

/** What an evidence-fed indicator's current actual rests on. */
export type EvidenceBasis =
  | { kind: 'inspections'; inspectionIds: string[] }
  | { kind: 'survey'; surveyTitle: string | null }
  | { kind: 'spending' }
  /** Entered by hand although the indicator could be fed by evidence. */
  | { kind: 'manual' }
  | { kind: 'none' };

export interface IndicatorEvidence {
  indicatorId: string;
  indicatorName: string;
  source: IndicatorSource;
  /** 实际完成值 as the table shows it ("6个", "达成"); null without one. */
  actual: string | null;
  /** When the current actual was recorded or derived; null without one. */
  recordedAt: Date | null;
  /** Who recorded it by hand (真实姓名, else username); null when derived or unknown. */
  recordedBy: string | null;
  basis: EvidenceBasis;
}

export interface ProjectEvidence {
  /** The indicators fed by evidence (or whose current actual was derived), in table order. */
  indicators: IndicatorEvidence[];
  /** Every inspection named by those indicators, by id. */
  inspections: Map<string, EvidenceInspection>;
}

const INSPECTION_SOURCES: ReadonlySet<IndicatorSource> = new Set([
  IndicatorSource.REPAIR_COUNT,
  IndicatorSource.EQUIPMENT_COUNT,
  IndicatorSource.PASS_RATE,
  IndicatorSource.COMPLETION_DATE,
]);

/** Rows per `in (…)` list: well below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
/** Thumbnails read at a time. */
const READ_CONCURRENCY = 16;

/**
 * The evidence behind the projects' current actuals (Actual.derivedFrom): for each indicator fed by
 * inspections, the inspections with site, inspector, review and their photos' thumbnails read from
 * the upload store (at most 320 px, so a report of many photos stays printable). A photo whose file
 * is missing, or all photos when no store is given, has no thumbnail.
 */
export async function loadProjectEvidence(em: SqlEntityManager, data: readonly ProjectData[], store: UploadStore | null): Promise<ProjectEvidence[]> {
  const perProject = data.map((project) =>
    project.indicators.flatMap((indicator) => {
      const current = project.current.get(indicator.id) ?? null;
      if (indicator.source === IndicatorSource.MANUAL && !current?.derivedFrom) return [];
      return [
        {
          indicatorId: indicator.id,
          indicatorName: indicator.name,
          source: indicator.source,
          actual: actualText(current),
          currentId: current?.id ?? null,
          recordedBy: current?.derivedFrom ? null : (current?.recordedByName ?? null),
          from: derivedFromOf(current),
        },
      ];
    }),
  );
  const derived = perProject.flat();

  // When the current actuals were recorded, read through the ORM: the raw rows of loadProjectData
  // carry PostgreSQL's timestamps as text, which its date() does not read.
  const recordedAt = new Map<string, Date>();
  const actualIds = derived.map(({ currentId }) => currentId).filter((id): id is string => id !== null);
  for (const ids of chunks(actualIds))
    for (const actual of await em.find(Actual, { id: { $in: ids } }, { fields: ['id', 'recordedAt'] })) recordedAt.set(actual.id, actual.recordedAt);

  // A count or rate derived from a tally stands on what the tally counts now (DerivedFrom.tally).
  for (const [p, indicators] of perProject.entries()) {
    const projectId = data[p].indicators[0]?.projectId;
    for (const indicator of indicators) {
      if (projectId && indicator.from?.tally)
        indicator.from = { ...indicator.from, ids: await evidenceInspectionIds(em, projectId, indicator.from), tally: undefined };
    }
  }
  const inspectionIds = unique(derived.flatMap(({ from }) => (from && INSPECTION_SOURCES.has(from.source) ? from.ids : [])));
  const inspections = new Map<string, Inspection>();
  for (const ids of chunks(inspectionIds)) {
    for (const inspection of await em.find(Inspection, { id: { $in: ids } }, { populate: ['site', 'submittedBy', 'reviewedBy'] }))
      inspections.set(inspection.id, inspection);
  }
  const hashes = unique([...inspections.values()].flatMap((inspection) => [...inspection.photos, ...(inspection.signature ? [inspection.signature] : [])]));
  const uploads = new Map<string, Upload>();
  for (const ids of chunks(hashes)) for (const upload of await em.find(Upload, { sha256: { $in: ids } })) uploads.set(upload.sha256, upload);
  const thumbnails = await readThumbnails(store, hashes);
  const photo = (sha256: string): EvidencePhoto => {
    const upload = uploads.get(sha256);
    return {
      sha256,
      thumbnail: thumbnails.get(sha256) ?? null,
      capturedAt: upload?.capturedAt ?? null,
      latitude: upload?.latitude ?? null,
      longitude: upload?.longitude ?? null,
    };
  };

  const surveyIds = unique(derived.flatMap(({ from }) => (from?.source === IndicatorSource.SURVEY && from.ids[0] ? [from.ids[0]] : [])));
  const surveyTitles = new Map<string, string>();
  for (const ids of chunks(surveyIds))
    for (const survey of await em.find(Survey, { id: { $in: ids } }, { fields: ['id', 'title'] })) surveyTitles.set(survey.id, survey.title);

  const basisOf = (from: DerivedFrom | null, hasActual: boolean): EvidenceBasis => {
    if (!from) return hasActual ? { kind: 'manual' } : { kind: 'none' };
    // In the order they were captured; inspections deleted since the actual was derived are left out.
    if (INSPECTION_SOURCES.has(from.source)) {
      const found = from.ids.filter((id) => inspections.has(id)).map((id) => inspections.get(id)!);
      found.sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime() || a.id.localeCompare(b.id));
      return { kind: 'inspections', inspectionIds: found.map((inspection) => inspection.id) };
    }
    if (from.source === IndicatorSource.SURVEY) return { kind: 'survey', surveyTitle: surveyTitles.get(from.ids[0]) ?? null };
    if (from.source === IndicatorSource.SPENDING) return { kind: 'spending' };
    return { kind: 'manual' };
  };

  return perProject.map((indicators) => {
    const used = new Map<string, EvidenceInspection>();
    const resolved = indicators.map(({ from, currentId, ...indicator }): IndicatorEvidence => {
      const basis = basisOf(from, currentId !== null);
      if (basis.kind === 'inspections') {
        for (const id of basis.inspectionIds) if (!used.has(id)) used.set(id, toEvidenceInspection(inspections.get(id)!, photo));
      }
      return { ...indicator, recordedAt: currentId ? (recordedAt.get(currentId) ?? null) : null, basis };
    });
    return { indicators: resolved, inspections: used };
  });
}

function derivedFromOf(current: { derivedFrom: string | null } | null): DerivedFrom | null {
  return current?.derivedFrom ? (JSON.parse(current.derivedFrom) as DerivedFrom) : null;
}

function toEvidenceInspection(inspection: Inspection, photo: (sha256: string) => EvidencePhoto): EvidenceInspection {
  return {
    id: inspection.id,
    kind: inspection.kind,
    itemName: inspection.itemName,
    serialNumber: inspection.serialNumber,
    passed: inspection.passed,
    note: inspection.note,
    checklist: inspection.checklist,
    capturedAt: inspection.capturedAt,
    site: inspection.site?.name ?? null,
    latitude: inspection.latitude,
    longitude: inspection.longitude,
    accuracy: inspection.accuracy,
    inspector: nameOf(inspection.submittedBy),
    reviewStatus: inspection.reviewStatus,
    reviewReason: inspection.reviewReason,
    reviewedBy: inspection.reviewedBy ? nameOf(inspection.reviewedBy) : null,
    reviewedAt: inspection.reviewedAt,
    photos: inspection.photos.map(photo),
    signature: inspection.signature ? photo(inspection.signature) : null,
  };
}

async function readThumbnails(store: UploadStore | null, hashes: readonly string[]): Promise<Map<string, string>> {
  const thumbnails = new Map<string, string>();
  if (!store) return thumbnails;
  for (let at = 0; at < hashes.length; at += READ_CONCURRENCY) {
    await Promise.all(
      hashes.slice(at, at + READ_CONCURRENCY).map(async (sha256) => {
        try {
          thumbnails.set(sha256, `data:image/jpeg;base64,${(await readFile(store.path(sha256, 'thumb'))).toString('base64')}`);
        } catch {
          // Missing on disk (restored database without photos, a record from before the upload):
          // the report says so instead of failing.
        }
      }),
    );
  }
  return thumbnails;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function chunks<T>(values: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let at = 0; at < values.length; at += CHUNK) result.push(values.slice(at, at + CHUNK));
  return result;
}

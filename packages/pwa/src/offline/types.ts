/**
 * The contract between the screens and the offline layer (docs/api.md "Field evidence and the sync protocol"). Screens put
 * records in the outbox; the sync engine sends them — photos first — and deletes each only after
 * the server confirmed it.
 */
import type { ApiError } from '../graphql/client';
import type { CreateSiteInput, RecordActualInput, RecordSpendingInput, SiteRef, SubmitInspectionInput, SubmitSurveyResponseInput } from '../graphql/queries';

/** An input as the outbox sends it: always with the record's clientId, which the server stores once. */
type Queued<Input extends { clientId?: unknown }> = Omit<Input, 'clientId'> & { clientId: string };

/** The GraphQL input each kind of record is sent as (its mutation's generated input type). */
export interface RecordPayloads {
  inspection: Queued<SubmitInspectionInput>;
  surveyResponse: Queued<SubmitSurveyResponseInput>;
  actual: Queued<RecordActualInput>;
  spending: Queued<RecordSpendingInput>;
  /**
   * A site added on the device (offline too): createSite's input with the device-made id, which is
   * also the record's clientId. It has no clientId field of its own; the id makes it idempotent.
   */
  site: CreateSiteInput & { id: string };
}

/** What a queued record becomes on the server. */
export type RecordKind = keyof RecordPayloads;

/**
 * waiting: queued, not sent yet (or to be retried at nextAttemptAt);
 * sending: being sent now (the form that made it is locked);
 * error: the server refused it (CONFLICT, BAD_USER_INPUT, FORBIDDEN …): shown with the server's
 *        message, retried only when the user asks.
 * A confirmed record leaves the outbox (it is deleted), so "sent" exists only in events.
 */
export type OutboxStatus = 'waiting' | 'sending' | 'error';

interface OutboxRecordFields {
  /** UUID v4 made when the form opened; the server stores each clientId once. */
  clientId: string;
  /** SHA-256 of the photos (and signature) the record names; uploaded before the record. */
  photoHashes: string[];
  /** Shown in the outbox list, e.g. "维修验收 · 大孟庄法庭屋面". */
  title: string;
  status: OutboxStatus;
  /**
   * The server's message for status error (or the last transient failure); `field` is the input
   * field a CONFLICT or BAD_USER_INPUT names, when the server said.
   */
  error: { code: string; message: string; field?: string } | null;
  attempts: number;
  /** Epoch ms: not retried before this (back-off after transient failures). */
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  /** Survey responses given through the public link are sent without a login. */
  anonymous?: boolean;
}

/** A queued record of one kind: its payload is the GraphQL input exactly as sent (clientId included). */
export type OutboxRecordOf<K extends RecordKind> = OutboxRecordFields & { kind: K; payload: RecordPayloads[K] };

export type OutboxRecord = { [K in RecordKind]: OutboxRecordOf<K> }[RecordKind];

/**
 * When and where the original photo was taken, read from its EXIF before compressing (the
 * compressed copy has none): capturedAt as an ISO string (IndexedDB and JSON keep it as it is).
 */
export interface StoredPhotoCapture {
  capturedAt: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A photo kept on the device until every record naming it is confirmed. */
export interface StoredPhoto {
  sha256: string;
  blob: Blob;
  type: string;
  width: number;
  height: number;
  bytes: number;
  createdAt: number;
  /** The original's EXIF capture info; absent when it had none (or for the signature). */
  capture?: StoredPhotoCapture;
}

/** What the server answered about a record, where the device needs more than "stored". */
export interface SubmitReceipt {
  /** createSite's answer: the site the server keeps, whose id may differ from the device's. */
  site?: SiteRef;
}

/** What the sync engine needs from the server; the real one talks HTTP, tests hand in fakes. */
export interface SyncApi {
  /** GET /healthz: true when the server answers (navigator.onLine is not trusted). */
  probe(): Promise<boolean>;
  /** PUT /uploads/<sha256>; idempotent. Throws ApiError (NETWORK, UNAUTHENTICATED, …). */
  uploadPhoto(sha256: string, blob: Blob): Promise<void>;
  /** Sends one record with its mutation; resolves when the server confirmed it. Throws ApiError. */
  submit(record: OutboxRecord): Promise<SubmitReceipt | void>;
  /**
   * Sends records of one batchable kind (see {@link BATCH_KINDS}), all signed in or all anonymous,
   * in one request (submitInspections, submitSurveyResponses): one result per record, in order —
   * null when the server stored it, else its error (an ApiError with the code, field and hashes a
   * single submission would have answered). Throws ApiError when the request as a whole failed.
   */
  submitBatch(records: OutboxRecord[]): Promise<Array<ApiError | null>>;
}

/** The kinds the server takes many of in one request. */
export const BATCH_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>(['inspection', 'surveyResponse']);

export type SyncPhase = 'idle' | 'probing' | 'offline' | 'uploading' | 'sending' | 'auth-required';

export interface SyncProgress {
  phase: SyncPhase;
  /** Records handled so far in this run and in all. */
  done: number;
  total: number;
  lastRunAt: number | null;
  lastError: string | null;
}

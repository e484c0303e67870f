/**
 * For tests only: a fresh database per test (fake-indexeddb), photos, and a fake server that keeps
 * the real server's sync rules (idempotent clientId, MISSING_UPLOAD, content-addressed photos).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ApiError } from '../graphql/client';
import { openJixiaoDb, type JixiaoDb } from './db';
import { enqueue } from './outbox';
import { sha256Hex } from './photos';
import type { SiteRef } from '../graphql/queries';
import type { OutboxRecord, RecordPayloads, StoredPhoto, SubmitReceipt, SyncApi } from './types';

let counter = 0;

/** A database of its own, in an IndexedDB of its own. */
export function freshDb(): JixiaoDb {
  counter += 1;
  return openJixiaoDb(`jixiao-test-${counter}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

export async function makePhoto(content: string, createdAt = 0): Promise<StoredPhoto> {
  const blob = new Blob([content], { type: 'image/jpeg' });
  return { sha256: await sha256Hex(blob), blob, type: 'image/jpeg', width: 4, height: 3, bytes: blob.size, createdAt };
}

/** A repair inspection's input as a screen hands it to the outbox (without clientId, which enqueue adds). */
export function repairInput(photos: StoredPhoto[] = [], overrides: Partial<RecordPayloads['inspection']> = {}): Omit<RecordPayloads['inspection'], 'clientId'> {
  return {
    projectId: 'p1',
    kind: 'REPAIR',
    itemName: '大孟庄法庭屋面',
    passed: true,
    photos: photos.map((photo) => photo.sha256),
    capturedAt: '2024-05-20T02:00:00.000Z',
    ...overrides,
  };
}

/** Queues a record of kind inspection naming `photos`, created at `createdAt`. */
export async function queueInspection(db: JixiaoDb, clientId: string, photos: StoredPhoto[], createdAt: number): Promise<OutboxRecord> {
  const payload = repairInput(photos, { itemName: `item ${clientId}` });
  const { record } = await enqueue(db, { clientId, kind: 'inspection', payload, photoHashes: payload.photos, title: `验收 ${clientId}` }, photos, createdAt);
  return record;
}

export const networkError = () => new ApiError('无法连接服务器：fetch failed', 'NETWORK');
export const httpError = (status: number) => new ApiError(`服务器出错（HTTP ${status}）`, `HTTP_${status}`, {}, status);
export const unauthenticated = () => new ApiError('请先登录', 'UNAUTHENTICATED', {}, 200);

/**
 * A fake server. `calls` logs every call in order; hooks may throw to simulate a failure before
 * (`beforeUpload`, `beforeSubmit`) or after (`afterStore`: the record is stored but the response
 * is lost) the server's work.
 */
export class FakeServer implements SyncApi {
  reachable = true;
  /** Photos the server has. */
  readonly photos = new Set<string>();
  /** Records the server stored, by clientId, with how many times each was submitted. */
  readonly records = new Map<string, { payload: string; submissions: number }>();
  readonly calls: string[] = [];
  /** Sites the server has, by unit and name (createSite returns the existing one of a name). */
  readonly sites = new Map<string, SiteRef>();
  /** The inspections' payloads as the server received them, by clientId. */
  readonly inspections = new Map<string, RecordPayloads['inspection']>();
  beforeUpload?: (sha256: string) => void | Promise<void>;
  /** Return false to store nothing (the upload "succeeds" but the server loses the file). */
  keepUpload?: (sha256: string) => boolean;
  beforeSubmit?: (record: OutboxRecord) => void | Promise<void>;
  afterStore?: (record: OutboxRecord) => void | Promise<void>;

  async probe(): Promise<boolean> {
    await tick();
    this.calls.push('probe');
    return this.reachable;
  }

  async uploadPhoto(sha256: string, blob: Blob): Promise<void> {
    await tick();
    this.calls.push(`upload ${sha256.slice(0, 6)}`);
    if (!this.reachable) throw networkError();
    await this.beforeUpload?.(sha256);
    if ((await sha256Hex(blob)) !== sha256) throw new ApiError('照片内容与地址中的 SHA-256 不符', 'HASH_MISMATCH', {}, 422);
    if (this.keepUpload?.(sha256) !== false) this.photos.add(sha256);
  }

  async submit(record: OutboxRecord, options: { afterStore: boolean } = { afterStore: true }): Promise<SubmitReceipt | void> {
    await tick();
    this.calls.push(`submit ${record.clientId}`);
    if (!this.reachable) throw networkError();
    await this.beforeSubmit?.(record);
    if (record.kind === 'site') {
      const { id, orgCode, name, kind, address } = record.payload;
      const key = `${orgCode}|${name}`;
      if (!this.sites.has(key)) this.sites.set(key, { id, orgCode, name, kind, address: address ?? null });
      return { site: this.sites.get(key)! };
    }
    if (record.kind === 'inspection') {
      const siteId = record.payload.siteId;
      if (siteId && ![...this.sites.values()].some((site) => site.id === siteId)) throw new ApiError('地点不存在', 'NOT_FOUND', { field: 'input.siteId' }, 200);
      this.inspections.set(record.clientId, record.payload);
    }
    const missing = record.photoHashes.filter((hash) => !this.photos.has(hash));
    if (missing.length > 0) throw new ApiError('缺少照片', 'MISSING_UPLOAD', { hashes: missing }, 200);
    const payload = JSON.stringify(record.payload);
    const stored = this.records.get(record.clientId);
    if (stored && stored.payload !== payload) throw new ApiError(`clientId ${record.clientId} 已用于另一条记录`, 'CONFLICT', { field: 'input.note' }, 200);
    if (stored) stored.submissions += 1;
    else this.records.set(record.clientId, { payload, submissions: 1 });
    if (options.afterStore) await this.afterStore?.(record);
  }

  /**
   * submitInspections / submitSurveyResponses: each record as submit() would take it, its refusal
   * as its result. `beforeBatch` may throw to fail the request as a whole; an `afterStore` that
   * throws loses the whole answer (every record before it was stored).
   */
  async submitBatch(records: OutboxRecord[]): Promise<Array<ApiError | null>> {
    await tick();
    this.calls.push(`batch ${records.length}`);
    if (!this.reachable) throw networkError();
    await this.beforeBatch?.(records);
    const results: Array<ApiError | null> = [];
    for (const record of records) {
      try {
        await this.submit(record, { afterStore: false });
        results.push(null);
      } catch (error) {
        // The request as a whole fails on the way, for the login, or for what the device put in it.
        if (!(error instanceof ApiError) || error.transient || error.code === 'UNAUTHENTICATED') throw error;
        results.push(error);
      }
      await this.afterStore?.(record);
    }
    return results;
  }

  beforeBatch?: (records: OutboxRecord[]) => void | Promise<void>;

  /** Calls of one kind ('upload' or 'submit'), in order. */
  log(kind: 'upload' | 'submit' | 'probe' | 'batch'): string[] {
    return this.calls.filter((call) => call.startsWith(kind)).map((call) => call.slice(kind.length + 1));
  }
}

/** A macrotask: lets other runs interleave, as real network calls would. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A site as a field worker adds it on the device (createSite's input with the device's id). */
export function newSite(id: string, name = '大孟庄法庭'): RecordPayloads['site'] {
  return { id, orgCode: '218101', name, kind: 'DISPATCHED_TRIBUNAL' };
}

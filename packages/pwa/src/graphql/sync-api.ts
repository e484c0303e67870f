/**
 * The sync engine's view of the server over HTTP: a reachability probe, photo uploads and one
 * mutation per record kind. Every failure becomes an ApiError the engine can act on.
 */
import type { OutboxRecord, OutboxRecordOf, SubmitReceipt, SyncApi } from '../offline/types';
import { ApiError, createGraphqlClient, type GraphqlClient } from './client';
import { CREATE_SITE, RECORD_ACTUAL, RECORD_SPENDING, SUBMIT_INSPECTION, SUBMIT_INSPECTIONS, SUBMIT_SURVEY_RESPONSE, SUBMIT_SURVEY_RESPONSES } from './queries';
import type { RecordErrorFieldsFragment } from './generated/graphql';

export interface SyncApiOptions {
  /** Base URL of the server; '' (default) for the same origin. */
  baseUrl?: string;
  /** The current login's token, or null. Not used for anonymous records (public survey link). */
  getToken: () => string | null;
  fetch?: typeof fetch;
  /** A server that takes longer than this to answer /healthz counts as unreachable. */
  probeTimeoutMs?: number;
  /** A hung request would block every later sync run; give up after this (then retried later). */
  uploadTimeoutMs?: number;
  submitTimeoutMs?: number;
}

/** Codes for upload failures whose body carried none. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

export function createSyncApi(options: SyncApiOptions): SyncApi {
  const base = options.baseUrl ?? '';
  const rawFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const { probeTimeoutMs = 4_000, uploadTimeoutMs = 120_000, submitTimeoutMs = 60_000 } = options;

  const signedIn = createGraphqlClient({ baseUrl: base, getToken: options.getToken, fetch: withTimeout(rawFetch, submitTimeoutMs) });
  const anonymous = createGraphqlClient({ baseUrl: base, getToken: () => null, fetch: withTimeout(rawFetch, submitTimeoutMs) });
  const uploadFetch = withTimeout(rawFetch, uploadTimeoutMs);

  return {
    async probe() {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), probeTimeoutMs);
      try {
        const response = await rawFetch(`${base}/healthz`, { cache: 'no-store', signal: controller.signal });
        if (!response.ok) return false;
        // The body too: a captive portal or a proxy's error page answers 200 with something else.
        const body = (await response.json()) as { status?: unknown } | null;
        return body?.status === 'ok';
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },

    async uploadPhoto(sha256, blob) {
      const token = options.getToken();
      let response: Response;
      try {
        response = await uploadFetch(`${base}/uploads/${sha256}`, {
          method: 'PUT',
          headers: { 'content-type': blob.type || 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: blob,
        });
      } catch (error) {
        throw new ApiError(`无法上传照片：${(error as Error).message}`, 'NETWORK');
      }
      if (response.ok) return;
      const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
      const code = typeof body?.error?.code === 'string' ? body.error.code : (CODE_OF_STATUS[response.status] ?? `HTTP_${response.status}`);
      const message = typeof body?.error?.message === 'string' ? body.error.message : `照片上传失败（HTTP ${response.status}）`;
      throw new ApiError(message, code, {}, response.status);
    },

    async submit(record: OutboxRecord) {
      return sendRecord(record.anonymous ? anonymous : signedIn, record);
    },

    async submitBatch(records: OutboxRecord[]) {
      if (records.length === 0) return [];
      const client = records[0].anonymous ? anonymous : signedIn;
      const kind = records[0].kind;
      if (records.some((record) => record.kind !== kind || Boolean(record.anonymous) !== Boolean(records[0].anonymous))) {
        throw new ApiError('一批记录应为同一类型、同一登录状态', 'BAD_USER_INPUT');
      }
      let errors: Array<RecordErrorFieldsFragment | null>;
      if (kind === 'inspection') {
        const data = await client.request(SUBMIT_INSPECTIONS, { inputs: records.map((record) => (record as OutboxRecordOf<'inspection'>).payload) });
        errors = data.submitInspections.map((result) => result.error ?? null);
      } else if (kind === 'surveyResponse') {
        const data = await client.request(SUBMIT_SURVEY_RESPONSES, { inputs: records.map((record) => (record as OutboxRecordOf<'surveyResponse'>).payload) });
        errors = data.submitSurveyResponses.map((result) => result.error ?? null);
      } else {
        throw new ApiError(`${kind} 不能批量提交`, 'BAD_USER_INPUT');
      }
      if (errors.length !== records.length) throw new ApiError(`服务器返回 ${errors.length} 个结果，应为 ${records.length} 个`, 'HTTP_502', {}, 502);
      return errors.map((error) => (error ? recordError(error) : null));
    },
  };
}

/**
 * One record's error in a batch as the ApiError a single submission would have thrown: an
 * unexpected server error or a rate limit is transient (retried after a back-off), like HTTP 5xx / 429.
 */
function recordError(error: RecordErrorFieldsFragment): ApiError {
  const extensions = {
    ...(error.field ? { field: error.field } : {}),
    ...(error.hashes ? { hashes: error.hashes } : {}),
    ...(error.retryAfterSeconds != null ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
  const status = error.code === 'INTERNAL_SERVER_ERROR' ? 500 : error.code === 'TOO_MANY_REQUESTS' ? 429 : 200;
  return new ApiError(error.message, error.code, extensions, status);
}

/**
 * Sends a record with its kind's mutation (./queries.ts; only ids are selected, the screens need no
 * more; a site, the site the server keeps). A kind this version does not know (a newer app's record) is refused.
 */
async function sendRecord(client: GraphqlClient, record: OutboxRecord): Promise<SubmitReceipt | void> {
  switch (record.kind) {
    case 'site': {
      const data = await client.request(CREATE_SITE, { input: record.payload });
      return { site: data.createSite };
    }
    case 'inspection':
      await client.request(SUBMIT_INSPECTION, { input: record.payload });
      return;
    case 'surveyResponse':
      await client.request(SUBMIT_SURVEY_RESPONSE, { input: record.payload });
      return;
    case 'actual':
      await client.request(RECORD_ACTUAL, { input: record.payload });
      return;
    case 'spending':
      await client.request(RECORD_SPENDING, { input: record.payload });
      return;
    default:
      throw new ApiError(`未知的记录类型：${String((record as { kind: unknown }).kind)}`, 'BAD_USER_INPUT');
  }
}

/** A fetch that aborts after `ms` (the abort rejects, which callers report as NETWORK). */
function withTimeout(doFetch: typeof fetch, ms: number): typeof fetch {
  return async (input, init = {}) => {
    const controller = new AbortController();
    const outer = init.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new DOMException(`${ms / 1000} 秒内没有响应`, 'TimeoutError')), ms);
    try {
      return await doFetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}

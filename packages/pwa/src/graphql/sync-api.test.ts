import { afterEach, describe, expect, it, vi } from 'vitest';
import { repairInput } from '../offline/test-support';
import type { OutboxRecord, OutboxRecordOf, RecordKind, RecordPayloads } from '../offline/types';
import { ApiError } from './client';
import { createSyncApi } from './sync-api';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch answering with `respond`, logging each call. */
function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const doFetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call);
  });
  return { calls, fetch: doFetch as unknown as typeof fetch };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch that never answers, but gives up when its signal aborts (as the browser's does). */
const hangingFetch = (async (_input: RequestInfo | URL, init: RequestInit = {}) =>
  new Promise<Response>((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  })) as typeof fetch;

/** One payload of each kind, as the screens queue them. */
const PAYLOADS: RecordPayloads = {
  inspection: { clientId: 'c1', ...repairInput() },
  surveyResponse: { clientId: 'c1', surveyId: 'sv1', answers: [{ questionId: 'q1', value: '满意' }], collectedAt: '2024-05-20T02:00:00.000Z' },
  actual: { clientId: 'c1', indicatorId: 'i1', value: '5个' },
  spending: { clientId: 'c1', projectId: 'p1', amount: 12.5, date: '2024-05-20', note: 'x' },
  site: { id: 'c1', orgCode: '218101', name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL' },
};

function record<K extends RecordKind>(kind: K, extra: Partial<OutboxRecordOf<K>> = {}): OutboxRecordOf<K> {
  return {
    clientId: 'c1',
    kind,
    payload: PAYLOADS[kind],
    photoHashes: [],
    title: 't',
    status: 'sending',
    error: null,
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('probe', () => {
  it('asks /healthz past every cache and is true when the server says ok', async () => {
    const server = fakeFetch(() => json({ status: 'ok' }));
    const api = createSyncApi({ baseUrl: 'https://jx.example', getToken: () => 't', fetch: server.fetch });
    expect(await api.probe()).toBe(true);
    expect(server.calls[0].url).toBe('https://jx.example/healthz');
    expect(server.calls[0].init).toMatchObject({ cache: 'no-store' });
    expect(server.calls[0].init.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['a 503', () => json({ status: 'ok' }, 503)],
    ['a captive portal page', () => new Response('<html>请登录 Wi-Fi</html>', { status: 200 })],
    ['another JSON', () => json({ status: 'starting' })],
    [
      'no network',
      () => {
        throw new TypeError('Failed to fetch');
      },
    ],
  ])('is false for %s', async (_case, respond) => {
    const api = createSyncApi({ getToken: () => null, fetch: fakeFetch(respond).fetch });
    expect(await api.probe()).toBe(false);
  });

  it('gives up after 4 s on a server that does not answer', async () => {
    vi.useFakeTimers();
    const api = createSyncApi({ getToken: () => null, fetch: hangingFetch });
    const probing = api.probe();
    await vi.advanceTimersByTimeAsync(3_999);
    let settled = false;
    void probing.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await probing).toBe(false);
  });
});

describe('uploadPhoto', () => {
  const hash = 'a'.repeat(64);
  const blob = new Blob(['jpeg'], { type: 'image/jpeg' });

  it('PUTs the bytes to /uploads/<sha256> with the token', async () => {
    const server = fakeFetch(() => json({ sha256: hash }, 201));
    const api = createSyncApi({ getToken: () => 'tok', fetch: server.fetch });
    await api.uploadPhoto(hash, blob);
    const [{ url, init }] = server.calls;
    expect(url).toBe(`/uploads/${hash}`);
    expect(init.method).toBe('PUT');
    expect(init.body).toBe(blob);
    expect(init.headers).toEqual({ 'content-type': 'image/jpeg', authorization: 'Bearer tok' });
  });

  it('takes 200 (already there) as success', async () => {
    const api = createSyncApi({ getToken: () => 'tok', fetch: fakeFetch(() => json({ sha256: hash }, 200)).fetch });
    await expect(api.uploadPhoto(hash, blob)).resolves.toBeUndefined();
  });

  it.each([
    [401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, 'UNAUTHENTICATED', '请先登录', false],
    [403, { error: { code: 'FORBIDDEN', message: '只读账号不能上传照片' } }, 'FORBIDDEN', '只读账号不能上传照片', false],
    [413, { error: { code: 'PAYLOAD_TOO_LARGE', message: '照片文件过大' } }, 'PAYLOAD_TOO_LARGE', '照片文件过大', false],
    [415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只接受 JPEG' } }, 'UNSUPPORTED_MEDIA_TYPE', '只接受 JPEG', false],
    [422, { error: { code: 'HASH_MISMATCH', message: '内容与 SHA-256 不符' } }, 'HASH_MISMATCH', '内容与 SHA-256 不符', false],
    [500, { error: { code: 'INTERNAL_SERVER_ERROR', message: '服务器内部错误' } }, 'INTERNAL_SERVER_ERROR', '服务器内部错误', true],
    [401, null, 'UNAUTHENTICATED', '照片上传失败（HTTP 401）', false],
    [502, null, 'HTTP_502', '照片上传失败（HTTP 502）', true],
    [429, null, 'TOO_MANY_REQUESTS', '照片上传失败（HTTP 429）', true],
  ])('maps HTTP %i %j to %s', async (status, body, code, message, transient) => {
    const respond = () => (body ? json(body, status) : new Response('<html>Bad Gateway</html>', { status }));
    const api = createSyncApi({ getToken: () => 'tok', fetch: fakeFetch(respond).fetch });
    const error = await caught(api.uploadPhoto(hash, blob));
    expect({ code: error.code, message: error.message, status: error.status, transient: error.transient }).toEqual({ code, message, status, transient });
  });

  it('reports no network as NETWORK, which is transient', async () => {
    const api = createSyncApi({
      getToken: () => 'tok',
      fetch: fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }).fetch,
    });
    const error = await caught(api.uploadPhoto(hash, blob));
    expect(error.code).toBe('NETWORK');
    expect(error.transient).toBe(true);
  });

  it('gives up on a hung upload (NETWORK, retried later) instead of blocking every later sync', async () => {
    vi.useFakeTimers();
    const api = createSyncApi({ getToken: () => 'tok', fetch: hangingFetch, uploadTimeoutMs: 1_000 });
    const uploading = caught(api.uploadPhoto(hash, blob));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await uploading).code).toBe('NETWORK');
  });
});

describe('submit', () => {
  it.each([
    ['inspection', 'submitInspection(input: $input)', 'mutation SubmitInspection($input: SubmitInspectionInput!)'],
    ['surveyResponse', 'submitSurveyResponse(input: $input)', 'mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!)'],
    ['actual', 'recordActual(input: $input)', 'mutation RecordActual($input: RecordActualInput!)'],
    ['spending', 'recordSpending(input: $input)', 'mutation RecordSpending($input: RecordSpendingInput!)'],
    ['site', 'createSite(input: $input)', 'mutation CreateSite($input: CreateSiteInput!)'],
  ] as const)('sends a %s with its mutation, the payload as input and the token', async (kind, selection, operation) => {
    const field = selection.slice(0, selection.indexOf('('));
    const server = fakeFetch(() => json({ data: { [field]: { id: '1', clientId: 'c1' } } }));
    const api = createSyncApi({ baseUrl: 'https://jx.example', getToken: () => 'tok', fetch: server.fetch });

    // kind ranges over all five here: each row's record is of its own kind.
    await api.submit(record(kind) as OutboxRecord);

    const [{ url, init }] = server.calls;
    expect(url).toBe('https://jx.example/graphql');
    const body = JSON.parse(String(init.body)) as { query: string; variables: unknown };
    expect(body.query).toContain(selection);
    expect(body.query).toContain(operation);
    expect(body.variables).toEqual({ input: PAYLOADS[kind] });
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok' });
  });

  it("answers a site with the site the server keeps (an existing one's id when the name was taken)", async () => {
    const kept = { id: 's-server', name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: null, orgCode: '218101' };
    const api = createSyncApi({ getToken: () => 'tok', fetch: fakeFetch(() => json({ data: { createSite: kept } })).fetch });
    expect(await api.submit(record('site'))).toEqual({ site: kept });
  });

  it('sends a public-link survey response without the token', async () => {
    const server = fakeFetch(() => json({ data: { submitSurveyResponse: { id: '1', clientId: 'c1' } } }));
    const api = createSyncApi({ getToken: () => 'tok', fetch: server.fetch });
    await api.submit(record('surveyResponse', { anonymous: true, payload: { ...PAYLOADS.surveyResponse, surveyId: null, token: 'public' } }));
    expect(server.calls[0].init.headers).not.toHaveProperty('authorization');
  });

  it.each([
    ['CONFLICT', { message: 'clientId 已用于另一条记录', extensions: { code: 'CONFLICT', field: 'input.note' } }, { field: 'input.note' }],
    ['MISSING_UPLOAD', { message: '缺少照片', extensions: { code: 'MISSING_UPLOAD', hashes: ['a'.repeat(64)] } }, { hashes: ['a'.repeat(64)] }],
    ['UNAUTHENTICATED', { message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }, {}],
  ])('passes a %s error on with its extensions', async (code, graphqlError, extensions) => {
    const api = createSyncApi({ getToken: () => 'tok', fetch: fakeFetch(() => json({ data: null, errors: [graphqlError] })).fetch });
    const error = await caught(api.submit(record('inspection')));
    expect(error.code).toBe(code);
    expect(error.message).toBe(graphqlError.message);
    expect(error.extensions).toEqual(extensions);
    expect(error.transient).toBe(false);
  });

  it('reports a 502 from a proxy as transient', async () => {
    const api = createSyncApi({ getToken: () => 'tok', fetch: fakeFetch(() => new Response('Bad Gateway', { status: 502 })).fetch });
    expect((await caught(api.submit(record('actual')))).transient).toBe(true);
  });
});

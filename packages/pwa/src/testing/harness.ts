/**
 * Test harness for screens: a fresh fake-indexeddb database, a fake server (GraphQL operations by
 * name), fixed clock and ids, and the app's plugins (Pinia, i18n, router on memory history).
 */
import 'fake-indexeddb/auto';
import { flushPromises, mount, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory, type Router } from 'vue-router';
import { ApiError, type GraphqlClient } from '../graphql/client';
import type { Operations } from '../graphql/generated/operations';
import type { PreviewIndicator, PreviewTable, ProjectRef, SessionUser, SiteRef, SurveyRef } from '../graphql/queries';
import { createAppI18n, type AppI18n, type AppLocale } from '../i18n';
import { openJixiaoDb, type JixiaoDb } from '../offline/db';
import { saveSession } from '../offline/local-data';
import type { StorageNavigatorLike } from '../offline/outbox';
import type { SyncApi } from '../offline/types';
import { emptyReference, saveReferenceData, type ReferenceData } from '../reference/reference-data';
import { createAppRouter } from '../router';
import { installServices, SERVICES, type AppServices } from '../stores/services';

export const NOW = Date.parse('2024-05-20T02:00:00Z');

/** Answers for the app's operations by name, each typed by its document: a handler may throw an ApiError. */
export type Handlers = {
  [Name in keyof Operations]?: (variables: Operations[Name]['variables']) => Operations[Name]['result'] | Promise<Operations[Name]['result']>;
};

/** A GraphQL client answering by operation name; an operation without a handler finds the server unreachable. */
export function fakeGraphql(handlers: Handlers = {}) {
  const calls: Array<{ operation: string; variables: Record<string, unknown> }> = [];
  const request = async (document: { toString(): string }, variables: Record<string, unknown> = {}): Promise<unknown> => {
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(document.toString())?.[1] ?? 'anonymous';
    calls.push({ operation, variables });
    const handler = handlers[operation as keyof Operations] as ((variables: Record<string, unknown>) => unknown) | undefined;
    if (!handler) throw new ApiError('无法连接服务器：offline', 'NETWORK');
    return handler(variables);
  };
  // The handlers are typed per operation; the client's generic signature cannot say that of one function.
  const client: GraphqlClient = { request: vi.fn(request) as unknown as GraphqlClient['request'] };
  return { client, calls, handlers };
}

/** A server the sync engine cannot reach, unless a test says otherwise. */
export function fakeSyncApi(overrides: Partial<SyncApi> = {}): SyncApi & { [K in keyof SyncApi]: ReturnType<typeof vi.fn> } {
  return {
    probe: vi.fn(async () => false),
    uploadPhoto: vi.fn(async () => undefined),
    submit: vi.fn(async () => undefined),
    ...overrides,
  } as never;
}

export interface Harness {
  db: JixiaoDb;
  services: AppServices;
  api: ReturnType<typeof fakeGraphql>;
  publicApi: ReturnType<typeof fakeGraphql>;
  syncApi: ReturnType<typeof fakeSyncApi>;
  pinia: Pinia;
  i18n: AppI18n;
  router: Router;
  ids: string[];
  download: ReturnType<typeof vi.fn>;
}

export interface HarnessOptions {
  api?: Handlers;
  publicApi?: Handlers;
  syncApi?: Partial<SyncApi>;
  locale?: AppLocale;
  navigator?: StorageNavigatorLike | null;
  geolocation?: Geolocation | null;
  now?: () => number;
  /** Another harness's database: the app started again on the same device. */
  db?: JixiaoDb;
  /** false: the app at a plain-http office address. Default true. */
  secureContext?: boolean;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  // jsdom has no scrolling; the router scrolls to the top after each navigation, screens to a field.
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  Element.prototype.scrollIntoView = vi.fn();
  const db = options.db ?? openJixiaoDb(`test-${crypto.randomUUID()}`);
  const api = fakeGraphql(options.api);
  const publicApi = fakeGraphql(options.publicApi);
  const syncApi = fakeSyncApi(options.syncApi);
  const ids: string[] = [];
  let counter = 0;
  const download = vi.fn();
  const services: AppServices = {
    db,
    api: api.client,
    publicApi: publicApi.client,
    fetch: vi.fn(async () => new Response(new Blob(['jpeg']), { status: 200 })) as unknown as typeof fetch,
    now: options.now ?? (() => NOW),
    newClientId: () => {
      counter += 1;
      const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
      ids.push(id);
      return id;
    },
    geolocation: options.geolocation ?? null,
    syncApi,
    env: {
      window: null,
      document: null,
      navigator: options.navigator ?? null,
      syncIntervalMs: 0,
      syncOnStart: false,
      download,
      secureContext: options.secureContext ?? true,
    },
  };
  const pinia = createPinia();
  setActivePinia(pinia);
  installServices(pinia, services);
  const i18n = createAppI18n(options.locale ?? 'zh-CN');
  const router = createAppRouter(pinia, createMemoryHistory());
  return { db, services, api, publicApi, syncApi, pinia, i18n, router, ids, download };
}

/** Mounts a component with the harness's plugins and services. */
export function mountWith<C extends Component>(
  harness: Harness,
  component: C,
  options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>,
): VueWrapper {
  return mount(component, {
    ...options,
    global: {
      ...(options.global ?? {}),
      plugins: [harness.pinia, harness.i18n, harness.router, ...(options.global?.plugins ?? [])],
      provide: { [SERVICES as symbol]: harness.services, ...(options.global?.provide ?? {}) },
    },
    attachTo: document.body,
  } as ComponentMountingOptions<C>) as unknown as VueWrapper;
}

/** Waits for IndexedDB work and the re-renders it causes. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const INSPECTOR: SessionUser = { id: 'u1', username: 'zhang', role: 'INSPECTOR', orgCode: '218101', orgName: '天津市武清区人民法院' };
export const MANAGER: SessionUser = { id: 'u2', username: 'li', role: 'MANAGER', orgCode: '218101', orgName: '天津市武清区人民法院' };

export async function logIn(harness: Harness, user: SessionUser = INSPECTOR): Promise<void> {
  await saveSession(harness.db, { token: 'token-1', user }, NOW);
}

export const SITE: SiteRef = { id: 's1', name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: null, orgCode: '218101' };

export const PROJECT: ProjectRef = {
  id: 'p1',
  name: '派出法庭维修改造项目',
  orgCode: '218101',
  orgName: '天津市武清区人民法院',
  year: 2023,
  tableNumber: 1,
  purpose: '维修派出法庭',
  goals: ['完成派出法庭维修'],
  budget: { total: 120, fiscal: 120, other: 0 },
  requireSignature: true,
  spent: 60,
  evaluation: { score: 72.5, grade: '中', executionRate: 0.5, executionScore: 5, missing: 1, complete: false },
  indicators: [
    {
      id: 'i1',
      level1: '产出指标',
      level2: '数量指标',
      name: '维修法庭和办公室数量',
      description: '',
      target: { raw: '≥6个', kind: 'QUANTITATIVE', comparator: '>=', value: '6', max: null, unit: '个', deadline: null, rule: null, tolerance: false },
      source: 'REPAIR_COUNT',
      notApplicable: false,
      deviationNote: null,
      weight: 10,
      actual: { value: '5个', tier: null, ratio: null, note: null, recordedAt: '2024-05-01T00:00:00Z', recordedBy: null },
      progress: { completionRate: 0.8333, score: 8.33, met: false, deviationNoteRequired: true },
    },
    {
      id: 'i2',
      level1: '效益指标',
      level2: '社会效益指标',
      name: '审判质效',
      description: '',
      target: {
        raw: '显著提升审判质效',
        kind: 'QUALITATIVE',
        comparator: null,
        value: null,
        max: null,
        unit: null,
        deadline: null,
        rule: null,
        tolerance: false,
      },
      source: 'MANUAL',
      notApplicable: false,
      deviationNote: null,
      weight: 15,
      actual: null,
      progress: { completionRate: null, score: null, met: null, deviationNoteRequired: false },
    },
  ],
};

export const SURVEY: SurveyRef = {
  id: 'sv1',
  projectId: 'p1',
  title: '干警满意度调查',
  audience: 'OFFICERS',
  questions: [
    { id: 'q1', kind: 'SATISFACTION', text: '您对法庭维修的总体满意程度', options: ['非常满意', '满意', '基本满意', '不满意', '非常不满意'], required: true },
    { id: 'q2', kind: 'SINGLE_CHOICE', text: '您所在的部门', options: ['审判庭', '办公室'], required: true },
    { id: 'q3', kind: 'TEXT', text: '其他意见', options: [], required: false },
  ],
  opensAt: '2024-01-01T00:00:00Z',
  closesAt: '2024-12-31T00:00:00Z',
  isOpen: true,
  indicator: { id: 'i3', name: '干警满意度' },
};

export async function seedReference(harness: Harness, data: Partial<ReferenceData> = {}, fetchedAt = NOW - 5 * 60_000): Promise<void> {
  await saveReferenceData(harness.db, { ...emptyReference(), projects: [PROJECT], sites: [SITE], surveys: [SURVEY], ...data }, fetchedAt);
}

export const VIEWER: SessionUser = { id: 'u3', username: 'wang', role: 'VIEWER', orgCode: '218101', orgName: '天津市武清区人民法院' };

const previewIndicator = (
  line: number,
  fields: Partial<PreviewIndicator> & Pick<PreviewIndicator, 'level1' | 'level2' | 'name' | 'scoring'>,
  target: Partial<PreviewIndicator['target']>,
): PreviewIndicator => ({
  description: '',
  line,
  cell: `F${line}`,
  actual: null,
  weight: null,
  warnings: [],
  ...fields,
  target: {
    raw: '',
    kind: 'quantitative',
    comparator: null,
    value: null,
    max: null,
    unit: null,
    deadline: null,
    start: null,
    note: null,
    tolerance: false,
    zeroBelow: null,
    ...target,
  },
});

const UNIT_GUESS = { table: 1, line: 12, cell: 'F12', sheet: null, message: '表1第12行 F12：指标值“≥4.5”未写单位，按比率或满意度指标推定为“%”' };
const COMPARATOR_GUESS = { table: 1, line: 10, cell: 'F10', sheet: null, message: '表1第10行 F10：指标值“85万元”未写比较符，按成本指标推定为“<=”' };

/** A table as previewTargetTables reads it from a Word document: two guesses, on rows 10 and 12. */
export const PREVIEW_TABLE: PreviewTable = {
  tableNumber: 1,
  title: '诉讼服务中心智能化改造项目-2023绩效目标表',
  kind: 'PROJECT',
  orgCode: '218101',
  orgName: '天津市武清区人民法院',
  name: '诉讼服务中心智能化改造项目',
  year: 2023,
  budget: { total: 85, fiscal: 85, other: 0, carryover: 0 },
  purpose: '改造诉讼服务中心窗口和自助设备',
  goals: ['完成诉讼服务中心改造'],
  leader: null,
  period: null,
  existingProjectId: null,
  warnings: [{ table: 1, line: null, cell: null, sheet: null, message: '表1：表中未写一级指标“成本指标”所属，已按二级指标推定' }, COMPARATOR_GUESS, UNIT_GUESS],
  indicators: [
    previewIndicator(
      8,
      { level1: '产出指标', level2: '数量指标', name: '改造服务窗口数量', scoring: '实际值≥6个得满分；未达到时得分 = 实际值 ÷ 6个 × 分值' },
      { raw: '≥6个', comparator: '>=', value: 6, unit: '个' },
    ),
    previewIndicator(
      10,
      {
        level1: '产出指标',
        level2: '成本指标',
        name: '改造成本',
        scoring: '实际值≤85万元得满分；超出时得分 = 85万元 ÷ 实际值 × 分值',
        warnings: [COMPARATOR_GUESS],
      },
      { raw: '85万元', comparator: '<=', value: 85, unit: '万元' },
    ),
    previewIndicator(
      11,
      { level1: '产出指标', level2: '时效指标', name: '完工时间', scoring: '2023-11-30 当日或之前完成得满分，逾期不得分（评价人可酌情给分）' },
      { raw: '2023年11月底前', kind: 'deadline', comparator: '<=', deadline: '2023-11-30' },
    ),
    previewIndicator(
      12,
      {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '当事人满意度评分',
        scoring: '实际值≥4.5%得满分；未达到时得分 = 实际值 ÷ 4.5% × 分值',
        warnings: [UNIT_GUESS],
      },
      { raw: '≥4.5', comparator: '>=', value: 4.5, unit: '%' },
    ),
    previewIndicator(
      13,
      { level1: '效益指标', level2: '社会效益指标', name: '诉讼服务效率', scoring: '定性指标：评价人选择达成（80–100%）、部分达成（60–80%）或未达成（0–60%）' },
      { raw: '明显提升', kind: 'qualitative' },
    ),
  ],
};

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../graphql/client';
import { enqueue, listOutbox, markError, markSending, scheduleRetry } from '../offline/outbox';
import type { StorageNavigatorLike } from '../offline/outbox';
import { addSiteOnDevice } from '../reference/reference-data';
import { createHarness, logIn, mountWith, NOW, settle, type Harness } from '../testing/harness';
import OutboxPage from './OutboxPage.vue';

const MB = 1024 * 1024;

function fakeNavigator(): StorageNavigatorLike & { granted: boolean } {
  const nav = {
    granted: false,
    storage: {
      estimate: async () => ({ usage: 3 * MB, quota: 100 * MB }),
      persisted: async () => nav.granted,
      persist: async () => (nav.granted = true),
    },
  };
  return nav;
}

async function queue(harness: Harness, clientId: string, title: string, at: number) {
  await enqueue(
    harness.db,
    { clientId, kind: 'surveyResponse', payload: { surveyId: 'sv1', answers: [], collectedAt: new Date(at).toISOString() }, photoHashes: [], title },
    [],
    at,
  );
}

async function seedStatuses(harness: Harness) {
  await queue(harness, 'c-waiting', '问卷 · 干警满意度调查', NOW - 3000);
  await queue(harness, 'c-sending', '问卷 · 设备使用满意度', NOW - 2000);
  await queue(harness, 'c-error', '问卷 · 受救助人满意度', NOW - 1000);
  await queue(harness, 'c-retry', '问卷 · 第四份', NOW - 500);
  await markSending(harness.db, 'c-sending', NOW);
  await markError(harness.db, 'c-error', { code: 'CONFLICT', message: '问卷码已被使用', field: 'input.code' }, NOW);
  await scheduleRetry(harness.db, 'c-retry', { code: 'HTTP_503', message: '服务器出错（HTTP 503）' }, NOW, () => 0.5);
}

describe('OutboxPage (待同步)', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  it('shows a site added on the phone as 新增地点 and its name', async () => {
    const harness = createHarness({ navigator: fakeNavigator() });
    await logIn(harness);
    await addSiteOnDevice(harness.db, { id: 'site-1', orgCode: '218101', name: '城关法庭', kind: 'DISPATCHED_TRIBUNAL' }, '新增地点 · 城关法庭', NOW);
    wrapper = mountWith(harness, OutboxPage);
    await settle();
    const [row] = wrapper.findAll('[data-testid="outbox-record"]');
    expect(row.text()).toContain('新增地点 · 城关法庭');
    expect(row.text()).toContain('地点 · ');
    expect(row.get('[data-testid="record-status"]').text()).toBe('等待中');
  });

  it('lists every queued record with its status and the server’s message', async () => {
    const harness = createHarness({ navigator: fakeNavigator() });
    await logIn(harness);
    await seedStatuses(harness);
    wrapper = mountWith(harness, OutboxPage);
    await settle();

    const rows = wrapper.findAll('[data-testid="outbox-record"]');
    expect(rows.map((r) => r.get('[data-testid="record-status"]').text())).toEqual(['等待中', '发送中', '出错', '等待中']);
    expect(rows[0].text()).toContain('问卷 · 干警满意度调查');
    expect(rows[2].get('[data-testid="record-error"]').text()).toContain('问卷码已被使用');
    expect(rows[3].get('[data-testid="record-detail"]').text()).toContain('服务器出错（HTTP 503）');
    expect(rows[3].text()).toContain('已尝试 1 次');
    // Only records that failed can be retried by hand.
    expect(rows.map((r) => r.find('[data-testid="retry"]').exists())).toEqual([false, false, true, true]);
    expect(wrapper.get('[data-testid="unsynced"]').text()).toBe('待同步 4 条');
  });

  it('retries a refused record at once', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedStatuses(harness);
    wrapper = mountWith(harness, OutboxPage);
    await settle();

    await wrapper.findAll('[data-testid="outbox-record"]')[2].get('[data-testid="retry"]').trigger('click');
    await settle();
    const record = (await listOutbox(harness.db)).find((r) => r.clientId === 'c-error');
    expect(record).toMatchObject({ status: 'waiting', error: null });
    await vi.waitFor(() => expect(harness.syncApi.probe).toHaveBeenCalled(), { timeout: 10_000 });
  });

  it('shows a record the server confirmed as 已发送', async () => {
    const harness = createHarness({ syncApi: { probe: vi.fn(async () => true) } });
    await logIn(harness);
    await queue(harness, 'c1', '问卷 · 干警满意度调查', NOW);
    wrapper = mountWith(harness, OutboxPage);
    await settle();
    expect(wrapper.get('[data-testid="record-status"]').text()).toBe('等待中');

    await wrapper.get('[data-testid="sync-now"]').trigger('click');
    await vi.waitFor(async () => expect(await listOutbox(harness.db)).toEqual([]), { timeout: 10_000 });
    await settle();
    expect(wrapper.get('[data-testid="record-status"]').text()).toBe('已发送');
    expect(wrapper.get('[data-testid="unsynced"]').text()).toBe('全部已同步');
  });

  it('takes a tap on 同步 while a run is still waiting for an absent server, and sends once it answers', async () => {
    let answerFirstProbe!: (reachable: boolean) => void;
    const probe = vi.fn(async () => true);
    probe.mockImplementationOnce(() => new Promise<boolean>((resolve) => (answerFirstProbe = resolve)));
    const harness = createHarness({ syncApi: { probe } });
    await logIn(harness);
    await queue(harness, 'c1', '问卷 · 干警满意度调查', NOW);
    wrapper = mountWith(harness, OutboxPage);
    await settle();

    await wrapper.get('[data-testid="sync-now"]').trigger('click');
    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    await settle();
    expect(wrapper.get('[data-testid="sync-bar"]').attributes('data-running')).toBe('true');
    // The server is back; the user taps again while the first probe has not given up yet.
    await wrapper.get('[data-testid="sync-now"]').trigger('click');
    answerFirstProbe(false);

    await vi.waitFor(async () => expect(await listOutbox(harness.db)).toEqual([]), { timeout: 10_000 });
    expect(probe).toHaveBeenCalledTimes(2);
    await settle();
    expect(wrapper.get('[data-testid="sync-bar"]').attributes()).toMatchObject({ 'data-running': 'false', 'data-phase': 'idle' });
    expect(wrapper.get('[data-testid="unsynced"]').text()).toBe('全部已同步');
  });

  it('says why a record was refused by the sync engine (error status with the server message)', async () => {
    const harness = createHarness({
      syncApi: {
        probe: vi.fn(async () => true),
        submit: vi.fn(async () => Promise.reject(new ApiError('“满意度”不是选项', 'BAD_USER_INPUT', { field: 'input.answers' }, 200))),
      },
    });
    await logIn(harness);
    await queue(harness, 'c1', '问卷 · 干警满意度调查', NOW);
    wrapper = mountWith(harness, OutboxPage);
    await settle();
    await wrapper.get('[data-testid="sync-now"]').trigger('click');
    await vi.waitFor(async () => expect((await listOutbox(harness.db))[0].status).toBe('error'), { timeout: 10_000 });
    await settle();
    expect(wrapper.get('[data-testid="record-status"]').text()).toBe('出错');
    expect(wrapper.get('[data-testid="record-error"]').text()).toContain('“满意度”不是选项');
  });

  it('exports unsynced records to a file, shows storage and asks for persistent storage', async () => {
    const nav = fakeNavigator();
    const harness = createHarness({ navigator: nav });
    await logIn(harness);
    await queue(harness, 'c1', '问卷 · 干警满意度调查', NOW);
    wrapper = mountWith(harness, OutboxPage);
    await settle();

    expect(wrapper.get('[data-testid="storage"]').text()).toContain('已用 3.0 MB，剩余 97.0 MB');
    expect(wrapper.get('[data-testid="persistence"]').text()).toContain('未开启');
    await wrapper.get('[data-testid="persist"]').trigger('click');
    await settle();
    expect(nav.granted).toBe(true);
    expect(wrapper.get('[data-testid="persistence"]').text()).toContain('已开启');

    await wrapper.get('[data-testid="export"]').trigger('click');
    await settle();
    expect(harness.download).toHaveBeenCalledTimes(1);
    const [blob, filename] = harness.download.mock.calls[0] as [Blob, string];
    expect(filename).toMatch(/^jixiao-unsynced-\d{8}-\d{4}\.json$/);
    const file = JSON.parse(await blob.text());
    expect(file.records.map((r: { clientId: string }) => r.clientId)).toEqual(['c1']);
    expect(wrapper.text()).toContain(`已导出：${filename}`);
  });
});

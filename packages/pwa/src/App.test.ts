import { showToast } from 'vant';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.vue';
import { enqueue } from './offline/outbox';
import { useSessionStore } from './stores/session';
import { createHarness, logIn, mountWith, NOW, PROJECT, seedReference, settle } from './testing/harness';

describe('App shell', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  it('opens logged in on the home screen from the device alone, with the tab bar and the unsynced badge', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    await enqueue(
      harness.db,
      { clientId: 'c1', kind: 'spending', payload: { projectId: 'p1', amount: 1, date: '2024-05-01' }, photoHashes: [], title: '支出' },
      [],
      NOW,
    );
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await settle(8);

    expect(harness.router.currentRoute.value.path).toBe('/');
    const tabs = wrapper.get('[data-testid="tabbar"]');
    expect(tabs.text()).toContain('首页');
    expect(tabs.text()).toContain('待同步');
    expect(tabs.text()).toContain('我的');
    expect(wrapper.get('[data-testid="tab-outbox"] .van-badge').text()).toBe('1');
    // Landmarks: the page in the one <main>, the tab bar in a named <nav>, the title as the one <h1>.
    expect(wrapper.findAll('main')).toHaveLength(1);
    expect(wrapper.get('nav').attributes('aria-label')).toBe('主导航');
    expect(wrapper.get('nav').find('[data-testid="tabbar"]').exists()).toBe(true);
    expect(wrapper.findAll('h1').map((h) => h.text())).toEqual(['绩效']);
    // Home, from the cache: the project and how far its indicators are recorded, and how fresh the
    // data is. An inspector records rather than reads results: no score (HomePage.test.ts).
    const card = wrapper.get('[data-testid="project-card"]');
    expect(card.text()).toContain(PROJECT.name);
    expect(card.text()).toContain('已录入 1/2 项指标');
    expect(card.find('[data-testid="grade"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="freshness"]').text()).toContain('数据更新于 5 分钟前');
    expect(wrapper.get('[data-testid="unsynced"]').text()).toBe('待同步 1 条');
    // The server could not be reached for fresh data: the cache stays, and says so.
    expect(wrapper.get('[data-testid="freshness"]').text()).toContain('离线');
  });

  it('shows toasts as status messages, not as unnamed dialogs', async () => {
    const harness = createHarness();
    await logIn(harness);
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await settle();
    showToast('可离线使用');
    await settle();
    const toast = document.querySelector<HTMLElement>('.van-toast')!;
    expect(toast.textContent).toContain('可离线使用');
    expect(toast.getAttribute('role')).toBe('status');
    expect(toast.getAttribute('aria-live')).toBe('polite');
  });

  it('asks to log in again when the login expired, without touching the queue', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await settle();
    expect(wrapper.find('[data-testid="reauth-bar"]').exists()).toBe(false);

    useSessionStore(harness.pinia).markExpired();
    await settle();
    await wrapper.get('[data-testid="reauth-bar"]').trigger('click');
    await settle();
    expect(harness.router.currentRoute.value.name).toBe('login');
    expect(harness.router.currentRoute.value.query).toMatchObject({ reauth: '1', redirect: '/' });
  });

  it('refreshes the cached data when the server answers', async () => {
    const harness = createHarness({
      api: {
        ReferenceProjects: () => ({
          sites: [],
          projects: { nodes: [{ ...PROJECT, name: '新名称', equipmentItems: [], surveys: [] }], pageInfo: { hasNextPage: false, endCursor: null } },
        }),
      },
    });
    await logIn(harness);
    await seedReference(harness);
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="project-card"]').text()).toContain('新名称'), { timeout: 10_000 });
    expect(wrapper.get('[data-testid="freshness"]').text()).toContain('数据更新于刚刚');
  });

  it("opens a fresh form when going from one project's acceptance straight to another's", async () => {
    // jsdom has no canvas: the signature pad draws nothing.
    HTMLCanvasElement.prototype.getContext = vi.fn(() => null) as never;
    const harness = createHarness();
    await logIn(harness);
    const other = { ...PROJECT, id: 'p2', name: '第二个项目' };
    await seedReference(harness, { projects: [PROJECT, other] });
    await harness.router.push(`/projects/${PROJECT.id}/inspect/repair`);
    wrapper = mountWith(harness, App);
    await settle(8);
    await wrapper.get('[data-testid="item-name"] input').setValue('东马圈法庭屋顶');
    await settle();

    await harness.router.push(`/projects/${other.id}/inspect/repair`);
    await settle(8);
    expect((wrapper.get('[data-testid="item-name"] input').element as HTMLInputElement).value).toBe('');
  });
});

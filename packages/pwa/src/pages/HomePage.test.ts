import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, INSPECTOR, logIn, MANAGER, mountWith, PROJECT, seedReference, settle, SURVEY } from '../testing/harness';
import HomePage from './HomePage.vue';

const SECOND = { ...PROJECT, id: 'p2', name: '科技法庭设备购置项目' };

describe('HomePage', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  async function open(user = INSPECTOR, projects = [PROJECT]) {
    const harness = createHarness();
    await logIn(harness, user);
    await seedReference(harness, { projects });
    await harness.router.push('/');
    wrapper = mountWith(harness, HomePage);
    await settle();
    return { harness, wrapper };
  }

  /** The order of the home screen's parts, top to bottom, as testids. */
  function order(w: NonNullable<typeof wrapper>): string[] {
    return w
      .findAll('[data-testid="capture-repair"], [data-testid="sync-bar"], [data-testid="project-card"], [data-testid="dashboard-link"]')
      .map((e) => e.attributes('data-testid')!);
  }

  it('puts 维修验收, 设备验收 and 满意度调查 first for an inspector, and the projects below without scores', async () => {
    const { wrapper } = await open(INSPECTOR);
    expect(order(wrapper)).toEqual(['capture-repair', 'sync-bar', 'project-card']);
    expect(wrapper.get('[data-testid="capture-repair"]').text()).toBe('维修验收');
    expect(wrapper.get('[data-testid="capture-equipment"]').text()).toBe('设备验收');
    expect(wrapper.get('[data-testid="capture-survey"]').text()).toContain('满意度调查');
    const card = wrapper.get('[data-testid="project-card"]');
    expect(card.find('[data-testid="grade"]').exists()).toBe(false);
    expect(card.text()).not.toContain('72.5');
    expect(wrapper.findAll('h1').map((h) => h.text())).toEqual(['绩效']);
  });

  it('keeps the overview with scores first for a manager, the capture buttons below the projects', async () => {
    const { wrapper } = await open(MANAGER);
    expect(order(wrapper)).toEqual(['sync-bar', 'dashboard-link', 'project-card', 'capture-repair']);
    expect(wrapper.get('[data-testid="project-card"]').text()).toContain('72.5');
    expect(wrapper.get('[data-testid="grade"]').text()).toBe('中');
    expect(wrapper.get('[data-testid="home-sites-link"]').text()).toContain('地点管理');
  });

  it('opens the only project’s form at once', async () => {
    const { harness, wrapper } = await open(INSPECTOR);
    await wrapper.get('[data-testid="capture-equipment"]').trigger('click');
    await vi.waitFor(() => expect(harness.router.currentRoute.value.path).toBe(`/projects/${PROJECT.id}/inspect/equipment`));
  });

  it('asks which project when there are several, in a named sheet', async () => {
    const { harness, wrapper } = await open(INSPECTOR, [PROJECT, SECOND]);
    await wrapper.get('[data-testid="capture-repair"]').trigger('click');
    await settle();
    const sheet = document.querySelector<HTMLElement>('.van-action-sheet')!;
    expect(sheet.getAttribute('role')).toBe('dialog');
    expect(sheet.getAttribute('aria-label')).toBe('维修验收 · 选择项目');
    const choices = [...sheet.querySelectorAll<HTMLButtonElement>('.choice-sheet__choice')];
    expect(choices.map((c) => c.querySelector('.van-action-sheet__name')?.textContent)).toEqual([PROJECT.name, SECOND.name]);
    choices[1].click();
    await vi.waitFor(() => expect(harness.router.currentRoute.value.path).toBe('/projects/p2/inspect/repair'));
  });

  it('opens the open survey’s kiosk from 满意度调查', async () => {
    const { harness, wrapper } = await open(INSPECTOR);
    expect(wrapper.get('[data-testid="capture-survey"]').text()).toContain('1 项进行中');
    await wrapper.get('[data-testid="capture-survey"]').trigger('click');
    await vi.waitFor(() => expect(harness.router.currentRoute.value.path).toBe(`/surveys/${SURVEY.id}/kiosk`));
  });

  it('says so when no survey is open, instead of doing nothing', async () => {
    const harness = createHarness();
    await logIn(harness, INSPECTOR);
    await seedReference(harness, { surveys: [] });
    wrapper = mountWith(harness, HomePage);
    await settle();
    await wrapper.get('[data-testid="capture-survey"]').trigger('click');
    await settle();
    expect(document.querySelector('.van-action-sheet')?.textContent).toContain('目前没有进行中的满意度调查');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { listOutbox } from '../offline/outbox';
import { createHarness, logIn, MANAGER, mountWith, NOW, PROJECT, seedReference, settle } from '../testing/harness';
import ManagePage from './ManagePage.vue';

/** Opens the indicator picker and confirms a choice, as a tap on 确认 does. */
async function pick(wrapper: ReturnType<typeof mountWith>, indicatorId: string) {
  await wrapper.get('[data-testid="indicator-picker"]').trigger('click');
  await settle();
  wrapper.findComponent({ name: 'van-picker' }).vm.$emit('confirm', { selectedValues: [indicatorId], selectedOptions: [], selectedIndexes: [0] });
  await settle();
}

describe('ManagePage', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  async function open() {
    const harness = createHarness();
    await logIn(harness, MANAGER);
    const manual = { ...PROJECT.indicators[0], id: 'm1', source: 'MANUAL' as const };
    await seedReference(harness, { projects: [{ ...PROJECT, indicators: [manual, PROJECT.indicators[1]] }] });
    wrapper = mountWith(harness, ManagePage, { props: { id: PROJECT.id } });
    await settle();
    return { harness, wrapper };
  }

  it('previews how an actual value is read and scored, then queues it', async () => {
    const { harness, wrapper } = await open();
    await pick(wrapper, 'm1');

    await wrapper.get('[data-testid="actual-value"] input').setValue('5个');
    expect(wrapper.get('[data-testid="preview"]').text()).toContain('解读为：5个');
    expect(wrapper.get('[data-testid="preview"]').text()).toContain('完成率 83.33% · 得分 8.33 / 10');

    await wrapper.get('[data-testid="actual-value"] input').setValue('≥5个');
    expect(wrapper.get('[data-testid="preview"]').text()).toContain('不应带比较符');

    await wrapper.get('[data-testid="actual-value"] input').setValue('6个');
    await wrapper.get('[data-testid="submit-actual"]').trigger('click');
    await settle();
    const [record] = await listOutbox(harness.db);
    expect(record).toMatchObject({ kind: 'actual', clientId: harness.ids[0], payload: { clientId: harness.ids[0], indicatorId: 'm1', value: '6个' } });
    expect(wrapper.text()).toContain('已保存，等待同步');
  });

  it('scores a qualitative indicator by tier and a ratio within the tier', async () => {
    const { harness, wrapper } = await open();
    await pick(wrapper, 'i2');
    await wrapper.get('[data-testid="tier-PARTIAL"]').trigger('click');
    expect(wrapper.get('[data-testid="preview"]').text()).toContain('部分达成 · 70%');
    expect(wrapper.get('[data-testid="preview"]').text()).toContain('得分 10.5 / 15');
    await wrapper.get('[data-testid="submit-actual"]').trigger('click');
    await settle();
    expect((await listOutbox(harness.db))[0].payload).toMatchObject({ indicatorId: 'i2', tier: 'PARTIAL', ratio: 0.7 });
  });

  it('links to the dashboard for the project’s unit, year and project', async () => {
    const { wrapper } = await open();
    expect(wrapper.get('[data-testid="manage-dashboard-link"]').attributes('href')).toBe(`/dashboard?org=218101&year=2023&project=${PROJECT.id}`);
  });

  it('queues spending in 万元 with its date', async () => {
    const { harness, wrapper } = await open();
    await wrapper
      .findAll('.van-tab')
      .find((tab) => tab.text() === '支出')!
      .trigger('click');
    await settle();
    await wrapper.get('[data-testid="submit-spending"]').trigger('click');
    expect(wrapper.text()).toContain('金额应为大于 0 的数');
    await wrapper.get('[data-testid="amount"] input').setValue('12.5');
    await wrapper.get('[data-testid="submit-spending"]').trigger('click');
    await settle();
    const [record] = await listOutbox(harness.db);
    expect(record).toMatchObject({
      kind: 'spending',
      title: `支出 · 12.5 万元 · ${PROJECT.name}`,
      payload: { projectId: PROJECT.id, amount: 12.5, date: new Date(NOW).toISOString().slice(0, 10) },
    });
  });
});

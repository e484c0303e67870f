import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../graphql/client';
import type { EquipmentItemRef } from '../graphql/queries';
import { listOutbox } from '../offline/outbox';
import { createHarness, logIn, MANAGER, mountWith, NOW, PROJECT, seedReference, settle, type Handlers } from '../testing/harness';
import ManagePage from './ManagePage.vue';

/** Opens the indicator sheet and taps the indicator of that name. */
async function pick(wrapper: ReturnType<typeof mountWith>, indicatorName: string) {
  await wrapper.get('[data-testid="indicator-picker"]').trigger('click');
  await settle();
  const sheet = document.querySelector<HTMLElement>('[data-testid="indicator-sheet"]')!;
  expect(sheet.getAttribute('aria-label')).toBe('选择手工录入的指标');
  const choice = [...sheet.querySelectorAll<HTMLButtonElement>('.choice-sheet__choice')].find(
    (c) => c.querySelector('.van-action-sheet__name')?.textContent === indicatorName,
  );
  choice!.click();
  await settle();
}

describe('ManagePage', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  async function open(api: Handlers = {}, equipment: EquipmentItemRef[] = []) {
    const harness = createHarness({ api });
    await logIn(harness, MANAGER);
    const manual = { ...PROJECT.indicators[0], id: 'm1', source: 'MANUAL' as const };
    await seedReference(harness, { projects: [{ ...PROJECT, indicators: [manual, PROJECT.indicators[1]] }], equipment });
    wrapper = mountWith(harness, ManagePage, { props: { id: PROJECT.id } });
    await settle();
    return { harness, wrapper };
  }

  it('previews how an actual value is read and scored, then queues it', async () => {
    const { harness, wrapper } = await open();
    await pick(wrapper, '维修法庭和办公室数量');

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
    await pick(wrapper, '审判质效');
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

  const RECORDER: EquipmentItemRef = { id: 'e1', projectId: PROJECT.id, name: '庭审录音录像系统', model: 'TS-200', serialNumber: 'SN001', assetTag: null };

  async function equipmentTab(wrapper: ReturnType<typeof mountWith>) {
    await wrapper
      .findAll('.van-tab')
      .find((tab) => tab.text() === '设备')!
      .trigger('click');
    await settle();
  }

  it('turns 验收须签名 off for the project through the server', async () => {
    const { harness, wrapper } = await open({
      ManageProject: () => ({ project: { id: PROJECT.id, requireSignature: true, equipmentItems: [] } }),
      UpdateProjectSettings: ({ input }) => ({ updateProjectSettings: { id: input.projectId, requireSignature: input.requireSignature! } }),
    });
    const toggle = wrapper.get('[data-testid="require-signature"]');
    expect(toggle.attributes('aria-checked')).toBe('true');
    expect(toggle.attributes('aria-label')).toBe('验收须签名');
    await toggle.trigger('click');
    await settle();
    expect(harness.api.calls.find((c) => c.operation === 'UpdateProjectSettings')!.variables).toEqual({
      input: { projectId: PROJECT.id, requireSignature: false },
    });
    expect(wrapper.get('[data-testid="require-signature"]').attributes('aria-checked')).toBe('false');
  });

  it('keeps the setting and says why when the server refuses it', async () => {
    const { wrapper } = await open({
      ManageProject: () => ({ project: { id: PROJECT.id, requireSignature: true, equipmentItems: [] } }),
      UpdateProjectSettings: () => {
        throw new ApiError('无权访问，或对象不存在', 'FORBIDDEN');
      },
    });
    await wrapper.get('[data-testid="require-signature"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="require-signature"]').attributes('aria-checked')).toBe('true');
    expect(wrapper.get('[data-testid="settings-error"]').text()).toBe('设置未修改：无权访问，或对象不存在');
  });

  it('lists the project’s equipment and registers a new item, its name required', async () => {
    const created: EquipmentItemRef = { id: 'e2', projectId: PROJECT.id, name: '自助立案终端', model: null, serialNumber: 'SN9', assetTag: 'ZC-01' };
    const { harness, wrapper } = await open({
      ManageProject: () => ({ project: { id: PROJECT.id, requireSignature: true, equipmentItems: [RECORDER] } }),
      CreateEquipmentItem: () => ({ createEquipmentItem: created }),
    });
    await equipmentTab(wrapper);
    expect(wrapper.findAll('[data-testid="equipment-item"]').map((c) => c.text())).toEqual(['庭审录音录像系统TS-200 · 序列号 SN001']);

    await wrapper.get('[data-testid="equipment-create"]').trigger('click');
    await settle();
    const form = wrapper.get('[data-testid="equipment-form"]');
    await form.trigger('submit');
    await settle();
    expect(form.get('[data-field="name"]').text()).toContain('请填写设备名称');
    expect(document.activeElement).toBe(form.get('[data-field="name"] input').element);
    expect(harness.api.calls.some((c) => c.operation === 'CreateEquipmentItem')).toBe(false);

    await form.get('[data-testid="equipment-name"] input').setValue('自助立案终端');
    await form.get('[data-testid="equipment-serial"] input').setValue('SN9');
    await form.get('[data-testid="equipment-asset"] input').setValue('ZC-01');
    await form.trigger('submit');
    await settle();
    expect(harness.api.calls.find((c) => c.operation === 'CreateEquipmentItem')!.variables).toEqual({
      input: { projectId: PROJECT.id, name: '自助立案终端', model: '', serialNumber: 'SN9', assetTag: 'ZC-01' },
    });
    expect(wrapper.findAll('[data-testid="equipment-item"]').map((c) => c.text())).toEqual([
      '庭审录音录像系统TS-200 · 序列号 SN001',
      '自助立案终端序列号 SN9 · 资产编号 ZC-01',
    ]);
  });

  it('edits an item and shows the server’s refusal on the field it names', async () => {
    const { harness, wrapper } = await open({
      ManageProject: () => ({ project: { id: PROJECT.id, requireSignature: true, equipmentItems: [RECORDER] } }),
      UpdateEquipmentItem: () => {
        throw new ApiError('序列号最长 200 个字符', 'BAD_USER_INPUT', { field: 'input.serialNumber' });
      },
    });
    await equipmentTab(wrapper);
    await wrapper.get('[data-testid="equipment-item"]').trigger('click');
    await settle();
    const form = wrapper.get('[data-testid="equipment-form"]');
    expect((form.get('[data-testid="equipment-model"] input').element as HTMLInputElement).value).toBe('TS-200');
    await form.get('[data-testid="equipment-serial"] input').setValue('x'.repeat(201));
    await form.trigger('submit');
    await settle();
    expect(harness.api.calls.find((c) => c.operation === 'UpdateEquipmentItem')!.variables).toMatchObject({ input: { id: 'e1', name: '庭审录音录像系统' } });
    expect(form.get('[data-field="serialNumber"]').text()).toContain('序列号最长 200 个字符');
  });

  it('offline: says the setting and equipment need a connection, lists the device’s equipment read-only', async () => {
    const { wrapper } = await open({}, [RECORDER]);
    expect(wrapper.get('[data-testid="manage-offline"]').text()).toContain('需要联网');
    expect(wrapper.get('[data-testid="require-signature"]').classes()).toContain('van-switch--disabled');
    await equipmentTab(wrapper);
    expect(wrapper.findAll('[data-testid="equipment-item"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="equipment-create"]').attributes('disabled')).toBeDefined();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { listOutbox } from '../offline/outbox';
import { createHarness, logIn, mountWith, NOW, seedReference, settle, SURVEY, type Harness } from '../testing/harness';
import SurveyKioskPage from './SurveyKioskPage.vue';

async function openKiosk(harness: Harness, props: { thanksMs?: number } = {}) {
  await logIn(harness);
  await seedReference(harness);
  const wrapper = mountWith(harness, SurveyKioskPage, { props: { id: SURVEY.id, ...props } });
  await settle();
  return wrapper;
}

type Wrapper = Awaited<ReturnType<typeof openKiosk>>;

async function answerAll(wrapper: Wrapper, level: string, option: string, text: string) {
  await wrapper
    .findAll('[data-testid="choice"]')
    .find((b) => b.text() === level)!
    .trigger('click');
  await wrapper
    .findAll('[data-testid="choice"]')
    .find((b) => b.text() === option)!
    .trigger('click');
  await wrapper.get('[data-testid="text-answer"] textarea').setValue(text);
  await wrapper.get('[data-testid="submit"]').trigger('click');
  await settle();
}

describe('SurveyKioskPage', () => {
  let wrapper: Wrapper | undefined;
  afterEach(() => wrapper?.unmount());

  it('shows one question per screen with five big satisfaction buttons, and moves on when one is tapped', async () => {
    const harness = createHarness();
    wrapper = await openKiosk(harness);

    expect(wrapper.findAll('[data-testid="question"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="question"]').text()).toContain('您对法庭维修的总体满意程度');
    expect(wrapper.get('[data-testid="position"]').text()).toBe('第 1 题 / 共 3 题');
    const levels = wrapper.findAll('[data-testid="choice"]');
    expect(levels.map((b) => b.text())).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(levels.every((b) => b.element.tagName === 'BUTTON' && b.classes('runner__choice'))).toBe(true);
    // A required question: no skipping ahead before it is answered.
    expect(wrapper.get('[data-testid="next"]').attributes('disabled')).toBeDefined();

    await levels[1].trigger('click');
    expect(wrapper.get('[data-testid="question"]').text()).toContain('您所在的部门');
    expect(wrapper.findAll('[data-testid="choice"]').map((b) => b.text())).toEqual(['审判庭', '办公室']);

    await wrapper.get('[data-testid="prev"]').trigger('click');
    const chosen = wrapper.findAll('[data-testid="choice"]').find((b) => b.attributes('aria-pressed') === 'true');
    expect(chosen?.text()).toBe('满意');
  });

  it('queues each response in the outbox, thanks the respondent, then starts afresh with a new clientId', async () => {
    const harness = createHarness();
    wrapper = await openKiosk(harness);
    const firstId = harness.ids[0];

    await answerAll(wrapper, '非常满意', '办公室', '  空调很好  ');
    expect(wrapper.find('[data-testid="thanks"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('谢谢');
    expect(wrapper.get('[data-testid="collected"]').text()).toContain('1');

    const [record] = await listOutbox(harness.db);
    expect(record).toMatchObject({
      clientId: firstId,
      kind: 'surveyResponse',
      status: 'waiting',
      photoHashes: [],
      payload: {
        clientId: firstId,
        surveyId: SURVEY.id,
        collectedAt: new Date(NOW).toISOString(),
        answers: [
          { questionId: 'q1', value: '非常满意' },
          { questionId: 'q2', value: '办公室' },
          { questionId: 'q3', value: '空调很好' },
        ],
      },
    });
    // Queued, then a sync is attempted at once.
    expect(harness.syncApi.probe).toHaveBeenCalled();

    await wrapper.get('[data-testid="next-respondent"]').trigger('click');
    expect(wrapper.find('[data-testid="thanks"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="position"]').text()).toBe('第 1 题 / 共 3 题');
    expect(wrapper.findAll('[data-testid="choice"]').some((b) => b.attributes('aria-pressed') === 'true')).toBe(false);

    await wrapper.findAll('[data-testid="choice"]')[3].trigger('click');
    await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    const records = await listOutbox(harness.db);
    expect(records).toHaveLength(2);
    const second = records.find((r) => r.clientId !== firstId)!;
    expect(second.clientId).toBe(harness.ids[1]);
    expect(second).toMatchObject({
      kind: 'surveyResponse',
      payload: {
        answers: [
          { questionId: 'q1', value: '不满意' },
          { questionId: 'q2', value: '审判庭' },
        ],
      },
    });
  });

  it('gets ready for the next respondent by itself after the thank-you screen', async () => {
    const harness = createHarness();
    // Long enough that a busy machine still sees the thank-you screen before it goes.
    wrapper = await openKiosk(harness, { thanksMs: 1_000 });
    await answerAll(wrapper, '满意', '审判庭', '');
    expect(wrapper.find('[data-testid="thanks"]').exists()).toBe(true);
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="thanks"]').exists()).toBe(false), { timeout: 10_000 });
    expect(wrapper.findAll('[data-testid="question"]')).toHaveLength(1);
    expect((wrapper.vm as unknown as { clientId: string }).clientId).toBe(harness.ids[1]);
  });

  it('says 等待同步 only while the response is on the phone, and 已发送 once the server has it', async () => {
    let online = false;
    const harness = createHarness({ syncApi: { probe: vi.fn(async () => online) } });
    wrapper = await openKiosk(harness);
    await answerAll(wrapper, '满意', '审判庭', '');
    await settle();
    expect(wrapper.get('[data-testid="thanks-status"]').text()).toBe('答卷已保存在本机，等待同步');
    expect(wrapper.get('[data-testid="kiosk-status"]').text()).toBe('本次已收 1 份 · 1 份等待同步');

    await wrapper.get('[data-testid="next-respondent"]').trigger('click');
    online = true;
    await answerAll(wrapper, '非常满意', '办公室', '');
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="thanks-status"]').text()).toBe('答卷已发送到服务器'));
    expect(harness.syncApi.submit).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-testid="kiosk-status"]').text()).toBe('本次已收 2 份 · 均已发送');
    expect(await listOutbox(harness.db)).toEqual([]);
  });

  it('does not collect outside the survey period', async () => {
    const harness = createHarness({ now: () => Date.parse('2025-02-01T00:00:00Z') });
    wrapper = await openKiosk(harness);
    expect(wrapper.find('[data-testid="kiosk-closed"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="question"]').exists()).toBe(false);
  });
});

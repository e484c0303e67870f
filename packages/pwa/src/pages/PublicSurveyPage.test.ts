import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../graphql/client';
import type { PublicSurvey } from '../graphql/queries';
import { listOutbox } from '../offline/outbox';
import { createHarness, mountWith, settle, SURVEY } from '../testing/harness';
import PublicSurveyPage from './PublicSurveyPage.vue';

const survey: PublicSurvey = {
  title: SURVEY.title,
  audience: 'OFFICERS',
  questions: [SURVEY.questions[0]],
  opensAt: SURVEY.opensAt,
  closesAt: SURVEY.closesAt,
  isOpen: true,
  requireCode: true,
};

describe('PublicSurveyPage (/s/:token)', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  it('asks for the code, then submits directly without a login', async () => {
    const submitted: unknown[] = [];
    const harness = createHarness({
      publicApi: {
        PublicSurvey: () => ({ publicSurvey: survey }),
        SubmitSurveyResponse: ({ input }) => {
          submitted.push(input);
          return { submitSurveyResponse: { id: 'r1' } };
        },
      },
    });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok' } });
    await settle();
    await wrapper.get('[data-testid="code"] input').setValue('ABCD2345');
    await wrapper.get('[data-testid="code-next"]').trigger('click');
    await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    expect(submitted).toEqual([
      { clientId: harness.ids[0], token: 'tok', code: 'ABCD2345', answers: [{ questionId: 'q1', value: '非常满意' }], collectedAt: expect.any(String) },
    ]);
    expect(wrapper.get('[data-testid="public-done"]').text()).toContain('您的答卷已提交');
    expect(await listOutbox(harness.db)).toEqual([]);
  });

  it('keeps the answer in the outbox, sent without a login, when the server cannot be reached', async () => {
    const harness = createHarness({ publicApi: { PublicSurvey: () => ({ publicSurvey: { ...survey, requireCode: false } }) } });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok' } });
    await settle();
    await wrapper.findAll('[data-testid="choice"]')[1].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    const [record] = await listOutbox(harness.db);
    expect(record).toMatchObject({ kind: 'surveyResponse', anonymous: true, payload: { token: 'tok', answers: [{ questionId: 'q1', value: '满意' }] } });
    expect(wrapper.get('[data-testid="public-done"]').text()).toContain('联网后会自动发送');
  });

  it('asks for another code when the server says it was used', async () => {
    const harness = createHarness({
      publicApi: {
        PublicSurvey: () => ({ publicSurvey: survey }),
        SubmitSurveyResponse: () => {
          throw new ApiError('问卷码已被使用', 'CONFLICT', { field: 'input.code' }, 200);
        },
      },
    });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok' } });
    await settle();
    await wrapper.get('[data-testid="code"] input').setValue('USED2345');
    await wrapper.get('[data-testid="code-next"]').trigger('click');
    await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="code"]').isVisible()).toBe(true);
    expect(wrapper.text()).toContain('问卷码已被使用');
  });

  it('says the link is invalid', async () => {
    const harness = createHarness({
      publicApi: {
        PublicSurvey: () => {
          throw new ApiError('问卷链接无效', 'FORBIDDEN', {}, 200);
        },
      },
    });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'bad' } });
    await settle();
    expect(wrapper.get('[data-testid="public-error"]').text()).toContain('问卷链接无效或已失效');
  });
});

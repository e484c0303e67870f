import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../graphql/client';
import type { PublicSurvey } from '../graphql/queries';
import { readReference } from '../offline/local-data';
import { listOutbox } from '../offline/outbox';
import { createHarness, mountWith, settle, SURVEY } from '../testing/harness';
import PublicSurveyPage from './PublicSurveyPage.vue';

/** A browser with Background Sync and the worker in control (Chromium), and one without (Safari). */
const BACKGROUND_SYNC = { window: { SyncManager: class {} }, serviceWorker: { controller: {} } };
const NO_BACKGROUND_SYNC = { window: {}, serviceWorker: null };
const FRESH = `jxdev1.${'F'.repeat(22)}.${'f'.repeat(43)}`;
const KEPT = `jxdev1.${'K'.repeat(22)}.${'k'.repeat(43)}`;

const survey: PublicSurvey = {
  title: SURVEY.title,
  audience: 'OFFICERS',
  questions: [SURVEY.questions[0]],
  opensAt: SURVEY.opensAt,
  closesAt: SURVEY.closesAt,
  isOpen: true,
  requireCode: true,
  maxResponsesPerDevice: 1,
  deviceToken: FRESH,
};

/** Fake cookie and localStorage, so that each test starts as a new device (jsdom's would carry over). */
function deviceStores() {
  const local = new Map<string, string>();
  const cookies = { cookie: '' };
  return {
    cookies,
    local: { getItem: (key: string) => local.get(key) ?? null, setItem: (key: string, value: string) => void local.set(key, value) },
    secure: false,
    items: local,
  };
}

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
          return { submitSurveyResponse: { id: 'r1', clientId: input.clientId } };
        },
      },
    });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: deviceStores() } });
    // The first test opens IndexedDB cold: on a loaded machine that takes more than settle()'s rounds.
    await vi.waitFor(() => wrapper!.get('[data-testid="code"] input'));
    await wrapper.get('[data-testid="code"] input').setValue('ABCD2345');
    await wrapper.get('[data-testid="code-next"]').trigger('click');
    await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    expect(submitted).toEqual([
      {
        clientId: harness.ids[0],
        token: 'tok',
        code: 'ABCD2345',
        deviceToken: FRESH,
        answers: [{ questionId: 'q1', value: '非常满意' }],
        collectedAt: expect.any(String),
      },
    ]);
    expect(wrapper.get('[data-testid="public-done"]').text()).toContain('您的答卷已提交');
    expect(await listOutbox(harness.db)).toEqual([]);
  });

  it('keeps the answer in the outbox, sent without a login, when the server cannot be reached', async () => {
    const harness = createHarness({ publicApi: { PublicSurvey: () => ({ publicSurvey: { ...survey, requireCode: false } }) } });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: deviceStores(), syncEnvironment: BACKGROUND_SYNC } });
    await settle();
    await wrapper.findAll('[data-testid="choice"]')[1].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    const [record] = await listOutbox(harness.db);
    expect(record).toMatchObject({ kind: 'surveyResponse', anonymous: true, payload: { token: 'tok', answers: [{ questionId: 'q1', value: '满意' }] } });
    // Background Sync: the service worker sends it even with the page closed.
    expect(wrapper.get('[data-testid="public-done-detail"]').text()).toBe('已保存在本机，联网后会自动发送（可以关闭页面）');
  });

  it('says the answer goes at the next visit where there is no Background Sync, and then on reload shows it waiting, not the questions', async () => {
    const stores = deviceStores();
    let reachable = false;
    const harness = createHarness({
      publicApi: { PublicSurvey: () => ({ publicSurvey: { ...survey, requireCode: false } }) },
      syncApi: { probe: vi.fn(async () => reachable) },
    });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: stores, syncEnvironment: NO_BACKGROUND_SYNC } });
    await settle();
    await wrapper.findAll('[data-testid="choice"]')[1].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="public-done-detail"]').text()).toBe('已保存在本机，下次打开本页时发送');
    const [record] = await listOutbox(harness.db);
    wrapper.unmount();

    // The next visit, online again: the page sends the kept answer instead of asking a second time.
    reachable = true;
    const again = createHarness({ db: harness.db, publicApi: harness.publicApi.handlers, syncApi: { probe: vi.fn(async () => true) } });
    wrapper = mountWith(again, PublicSurveyPage, { props: { token: 'tok', deviceStores: stores, syncEnvironment: NO_BACKGROUND_SYNC } });
    await settle();
    expect(wrapper.findAll('[data-testid="choice"]')).toHaveLength(0);
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="public-done-detail"]').text()).toBe('您的答卷已提交'));
    expect(again.syncApi.submit).toHaveBeenCalledWith(expect.objectContaining({ clientId: record.clientId, anonymous: true }));
    expect(await listOutbox(harness.db)).toEqual([]);
    wrapper.unmount();

    // And the visit after that: this device has answered.
    wrapper = mountWith(createHarness({ db: harness.db, publicApi: harness.publicApi.handlers }), PublicSurveyPage, {
      props: { token: 'tok', deviceStores: stores },
    });
    await settle();
    expect(wrapper.get('[data-testid="public-repeat"]').text()).toContain('您已提交过本问卷');
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
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: deviceStores() } });
    await settle();
    await wrapper.get('[data-testid="code"] input').setValue('USED2345');
    await wrapper.get('[data-testid="code-next"]').trigger('click');
    await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="code"]').isVisible()).toBe(true);
    expect(wrapper.text()).toContain('这个问卷码已经用过了');
    expect(wrapper.text()).not.toContain('input.code');
  });

  it('says the link is invalid', async () => {
    const harness = createHarness({
      publicApi: {
        PublicSurvey: () => {
          throw new ApiError('问卷链接无效', 'FORBIDDEN', {}, 200);
        },
      },
    });
    wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'bad', deviceStores: deviceStores() } });
    await settle();
    expect(wrapper.get('[data-testid="public-error"]').text()).toContain('问卷链接无效或已失效');
  });

  describe('one answer per device', () => {
    const open = { ...survey, requireCode: false };

    it('keeps the server’s device token in the cookie, localStorage and IndexedDB, and sends the kept one later', async () => {
      const submitted: Array<{ deviceToken?: string }> = [];
      const stores = deviceStores();
      const harness = createHarness({
        publicApi: {
          PublicSurvey: () => ({ publicSurvey: open }),
          SubmitSurveyResponse: ({ input }) => {
            submitted.push(input as { deviceToken?: string });
            return { submitSurveyResponse: { id: 'r1', clientId: input.clientId } };
          },
        },
      });
      wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: stores } });
      await settle();
      expect(stores.cookies.cookie).toContain(`jx_device=${FRESH}`);
      expect(stores.items.get('jx_device')).toBe(FRESH);
      expect((await readReference(harness.db, 'deviceToken'))?.data).toBe(FRESH);
      wrapper.unmount();

      // Another visit: the server hands out a new token, the page keeps sending the device's own.
      const again = deviceStores();
      again.items.set('jx_device', KEPT);
      const harness2 = createHarness({ db: harness.db, publicApi: harness.publicApi.handlers });
      wrapper = mountWith(harness2, PublicSurveyPage, { props: { token: 'other', deviceStores: again } });
      await settle();
      expect(again.cookies.cookie).toContain(`jx_device=${KEPT}`);
      await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
      await wrapper.get('[data-testid="submit"]').trigger('click');
      await settle();
      expect(submitted.map((input) => input.deviceToken)).toEqual([KEPT]);
    });

    it('says “您已提交过本问卷” when the device answered before, and again on reload without asking', async () => {
      const stores = deviceStores();
      const handlers = {
        PublicSurvey: () => ({ publicSurvey: open }),
        SubmitSurveyResponse: () => {
          throw new ApiError('您已提交过本问卷，每台设备只能提交一份答卷', 'CONFLICT', { field: 'input.deviceToken' }, 200);
        },
      };
      const harness = createHarness({ publicApi: handlers });
      wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: stores } });
      await settle();
      await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
      await wrapper.get('[data-testid="submit"]').trigger('click');
      await settle();
      expect(wrapper.get('[data-testid="public-repeat"]').text()).toContain('您已提交过本问卷');
      expect(await listOutbox(harness.db)).toEqual([]);
      wrapper.unmount();

      wrapper = mountWith(createHarness({ db: harness.db, publicApi: handlers }), PublicSurveyPage, { props: { token: 'tok', deviceStores: stores } });
      await settle();
      expect(wrapper.get('[data-testid="public-repeat"]').text()).toContain('您已提交过本问卷');
      expect(wrapper.findAll('[data-testid="choice"]')).toHaveLength(0);
    });

    it('refuses a second answer after a reload before the respondent answers again', async () => {
      const stores = deviceStores();
      const handlers = {
        PublicSurvey: () => ({ publicSurvey: open }),
        SubmitSurveyResponse: ({ input }: { input: { clientId: string } }) => ({ submitSurveyResponse: { id: 'r1', clientId: input.clientId } }),
      };
      const harness = createHarness({ publicApi: handlers });
      wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: stores } });
      await settle();
      await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
      await wrapper.get('[data-testid="submit"]').trigger('click');
      await settle();
      expect(wrapper.get('[data-testid="public-done"]').text()).toContain('您的答卷已提交');
      wrapper.unmount();

      wrapper = mountWith(createHarness({ db: harness.db, publicApi: handlers }), PublicSurveyPage, { props: { token: 'tok', deviceStores: stores } });
      await settle();
      expect(wrapper.get('[data-testid="public-repeat"]').text()).toBe('您已提交过本问卷每台手机只能提交一份答卷，感谢您的参与');
      expect(wrapper.findAll('[data-testid="choice"]')).toHaveLength(0);
    });

    it('explains a refused burst in plain words, keeps the answers and queues nothing', async () => {
      const harness = createHarness({
        publicApi: {
          PublicSurvey: () => ({ publicSurvey: open }),
          SubmitSurveyResponse: () => {
            throw new ApiError('此网络提交答卷过于频繁（每分钟至多 5 份），请 12 秒后再试', 'TOO_MANY_REQUESTS', { retryAfterSeconds: 12 }, 200);
          },
        },
      });
      wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: deviceStores() } });
      await settle();
      await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
      await wrapper.get('[data-testid="submit"]').trigger('click');
      await settle();
      expect(wrapper.get('[role="alert"]').text()).toBe('此刻提交的人较多，请 12 秒后再点“提交”，您的回答已保留');
      expect(wrapper.findAll('[data-testid="choice"]').length).toBeGreaterThan(0);
      expect(await listOutbox(harness.db)).toEqual([]);
    });

    it('replaces a kept token the server does not accept with the fresh one, once', async () => {
      const sent: Array<string | undefined> = [];
      const stores = deviceStores();
      stores.items.set('jx_device', KEPT);
      const harness = createHarness({
        publicApi: {
          PublicSurvey: () => ({ publicSurvey: open }),
          SubmitSurveyResponse: ({ input }) => {
            const { deviceToken } = input as { deviceToken?: string };
            sent.push(deviceToken);
            if (deviceToken !== FRESH) throw new ApiError('input.deviceToken 缺少或无效的设备标识', 'BAD_USER_INPUT', { field: 'input.deviceToken' }, 200);
            return { submitSurveyResponse: { id: 'r1', clientId: input.clientId } };
          },
        },
      });
      wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: stores } });
      await settle();
      await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
      await wrapper.get('[data-testid="submit"]').trigger('click');
      await settle();
      expect(sent).toEqual([KEPT, FRESH]);
      expect(stores.items.get('jx_device')).toBe(FRESH);
      expect(wrapper.get('[data-testid="public-done"]').text()).toContain('您的答卷已提交');
    });

    it('shows other refusals without the field name the server puts in front', async () => {
      const harness = createHarness({
        publicApi: {
          PublicSurvey: () => ({ publicSurvey: open }),
          SubmitSurveyResponse: () => {
            throw new ApiError('input.answers 缺少必答题 q1“总体满意度”的回答', 'BAD_USER_INPUT', { field: 'input.answers' }, 200);
          },
        },
      });
      wrapper = mountWith(harness, PublicSurveyPage, { props: { token: 'tok', deviceStores: deviceStores() } });
      await settle();
      await wrapper.findAll('[data-testid="choice"]')[0].trigger('click');
      await wrapper.get('[data-testid="submit"]').trigger('click');
      await settle();
      expect(wrapper.get('[role="alert"]').text()).toBe('提交未成功：缺少必答题 q1“总体满意度”的回答');
    });
  });
});

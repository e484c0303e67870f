import { afterEach, describe, expect, it } from 'vitest';
import { offlineState } from '../composables/useAppUpdate';
import App from '../App.vue';
import InAppBrowserBanner from './InAppBrowserBanner.vue';
import { createHarness, logIn, mountWith, seedReference, settle } from '../testing/harness';

const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const DINGTALK_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 15_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/6.5.40) com.laiwang.DingTalk/25936393 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

describe('InAppBrowserBanner', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => {
    wrapper?.unmount();
    offlineState.value = 'unknown';
  });

  it('tells an Android WeChat user to open the link in the browser', async () => {
    wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: WECHAT_ANDROID }, offline: 'ready' } });
    await settle();
    expect(wrapper.get('[data-testid="in-app-guidance"]').text()).toBe(
      '当前在微信内打开，不能安装到手机，也不能保证断网时打开。 请点右上角 ⋯ → 在浏览器打开。',
    );
    // Android WeChat runs service workers: no word about offline reloads.
    expect(wrapper.find('[data-testid="no-offline-reload"]').exists()).toBe(false);
  });

  it('tells an iOS DingTalk user to open it in Safari and add it to the home screen, and that it cannot reopen offline', async () => {
    wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: DINGTALK_IOS }, offline: 'unsupported' } });
    await settle();
    expect(wrapper.get('[data-testid="in-app-guidance"]').text()).toContain('当前在钉钉内打开');
    expect(wrapper.get('[data-testid="in-app-guidance"]').text()).toContain('请点右上角 ⋯ → 在 Safari 中打开，再点分享 → 添加到主屏幕。');
    expect(wrapper.get('[data-testid="no-offline-reload"]').text()).toContain('页面开着时照常录入，记录保存在本手机，联网后发送');
  });

  it.each([['unsupported'], ['failed']] as const)(
    'in a real browser whose service worker is %s, says only that the app cannot reopen offline',
    async (offline) => {
      wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: SAFARI }, offline } });
      await settle();
      expect(wrapper.find('[data-testid="in-app-guidance"]').exists()).toBe(false);
      expect(wrapper.get('[data-testid="no-offline-reload"]').text()).toContain('关闭页面后断网无法再打开');
    },
  );

  it.each([['ready'], ['installing'], ['unknown'], ['insecure']] as const)('says nothing in a real browser when offline is %s', async (offline) => {
    wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: SAFARI }, offline } });
    await settle();
    expect(wrapper.find('[data-testid="in-app-banner"]').exists()).toBe(false);
  });

  it('says nothing in the app opened from the iOS home screen, whose agent has no Safari/ either', async () => {
    const homeScreen = 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
    wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: homeScreen, standalone: true }, offline: 'ready' } });
    await settle();
    expect(wrapper.find('[data-testid="in-app-banner"]').exists()).toBe(false);
    wrapper.unmount();
    wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: homeScreen }, offline: 'ready' } });
    await settle();
    expect(wrapper.find('[data-testid="in-app-guidance"]').exists()).toBe(true);
  });

  it('closes when asked, with a named 44 px button', async () => {
    wrapper = mountWith(createHarness(), InAppBrowserBanner, { props: { browserNavigator: { userAgent: WECHAT_ANDROID } } });
    await settle();
    const close = wrapper.get('[data-testid="in-app-close"]');
    expect(close.attributes('aria-label')).toBe('关闭提示');
    await close.trigger('click');
    expect(wrapper.find('[data-testid="in-app-banner"]').exists()).toBe(false);
  });

  it('follows the service worker state main.ts keeps, on every screen of the app', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await settle();
    expect(wrapper.find('[data-testid="no-offline-reload"]').exists()).toBe(false);
    offlineState.value = 'failed';
    for (const path of ['/', '/outbox', '/me']) {
      await harness.router.push(path);
      await settle();
      expect(wrapper.find('[data-testid="no-offline-reload"]').exists(), path).toBe(true);
    }
  });
});

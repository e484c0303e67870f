import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../App.vue';
import InsecureOriginBanner from './InsecureOriginBanner.vue';
import { createHarness, logIn, mountWith, seedReference, settle } from '../testing/harness';

describe('InsecureOriginBanner', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => {
    wrapper?.unmount();
    vi.unstubAllGlobals();
  });

  it('tells, on every screen over plain http, that the app cannot work offline, and links to /setup', async () => {
    const harness = createHarness({ secureContext: false });
    await logIn(harness);
    await seedReference(harness);
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await settle();
    for (const path of ['/', '/outbox', '/me', '/login']) {
      await harness.router.push(path);
      await settle();
      const banner = wrapper.get('[data-testid="insecure-banner"]');
      expect(banner.text(), path).toContain('当前为不安全连接（http），无法离线使用和安装；请改用 https 地址');
      expect(banner.get('a').attributes('href')).toBe('/setup');
    }
  });

  it('speaks English when the app does', async () => {
    const harness = createHarness({ secureContext: false, locale: 'en' });
    wrapper = mountWith(harness, InsecureOriginBanner);
    await settle();
    expect(wrapper.get('[data-testid="insecure-banner"]').text()).toContain('This connection is not secure (http)');
    expect(wrapper.get('[data-testid="insecure-setup-link"]').text()).toBe('How to switch to https');
  });

  it('is not shown over https (or 127.0.0.1)', async () => {
    const harness = createHarness({ secureContext: true });
    await logIn(harness);
    await seedReference(harness);
    await harness.router.push('/');
    wrapper = mountWith(harness, App);
    await settle();
    expect(wrapper.find('[data-testid="insecure-banner"]').exists()).toBe(false);
  });

  it("asks the browser's window.isSecureContext when the services do not say", async () => {
    const harness = createHarness();
    delete harness.services.env!.secureContext;
    vi.stubGlobal('isSecureContext', false);
    wrapper = mountWith(harness, InsecureOriginBanner);
    await settle();
    expect(wrapper.find('[data-testid="insecure-banner"]').exists()).toBe(true);
    wrapper.unmount();
    vi.stubGlobal('isSecureContext', true);
    wrapper = mountWith(harness, InsecureOriginBanner);
    await settle();
    expect(wrapper.find('[data-testid="insecure-banner"]').exists()).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../graphql/client';
import { readSession } from '../offline/local-data';
import { useSessionStore } from '../stores/session';
import { createHarness, INSPECTOR, logIn, mountWith, NOW, settle } from '../testing/harness';
import { offlineState } from '../composables/useAppUpdate';
import MePage from './MePage.vue';

type Wrapper = ReturnType<typeof mountWith>;

async function submitPasswords(wrapper: Wrapper, old: string, next: string, repeat = next) {
  await wrapper.get('[data-testid="old-password"] input').setValue(old);
  await wrapper.get('[data-testid="new-password"] input').setValue(next);
  await wrapper.get('[data-testid="repeat-password"] input').setValue(repeat);
  await wrapper.get('[data-testid="change-password"]').trigger('submit');
  await settle();
}

describe('MePage: changing the password', () => {
  let wrapper: Wrapper | undefined;
  afterEach(() => wrapper?.unmount());

  async function open() {
    const harness = createHarness({
      api: {
        ChangePassword: ({ oldPassword }) => {
          if (oldPassword !== 'old-secret') throw new ApiError('原密码不正确', 'BAD_USER_INPUT', { field: 'oldPassword' });
          return { changePassword: { token: 'token-new', user: INSPECTOR } };
        },
      },
    });
    await logIn(harness);
    await useSessionStore(harness.pinia).restore();
    wrapper = mountWith(harness, MePage);
    await settle();
    return harness;
  }

  it('keeps this device logged in with the new token the server returns', async () => {
    const harness = await open();
    await submitPasswords(wrapper!, 'old-secret', 'new-secret-1');
    expect(harness.api.calls.at(-1)).toEqual({ operation: 'ChangePassword', variables: { oldPassword: 'old-secret', newPassword: 'new-secret-1' } });
    expect(useSessionStore(harness.pinia).token).toBe('token-new');
    expect(await readSession(harness.db)).toEqual({ token: 'token-new', user: INSPECTOR, savedAt: NOW });
    expect(wrapper!.get('[data-testid="password-changed"]').text()).toBe('密码已修改，其他设备需重新登录');
    expect((wrapper!.get('[data-testid="old-password"] input').element as HTMLInputElement).value).toBe('');
  });

  it('checks length and repetition before asking the server, and shows the server’s refusal', async () => {
    const harness = await open();
    await submitPasswords(wrapper!, 'old-secret', 'short');
    expect(wrapper!.get('[data-testid="password-error"]').text()).toBe('新密码至少 8 位');
    await submitPasswords(wrapper!, 'old-secret', 'new-secret-1', 'new-secret-2');
    expect(wrapper!.get('[data-testid="password-error"]').text()).toBe('两次输入的新密码不一致');
    expect(harness.api.calls).toEqual([]);

    await submitPasswords(wrapper!, 'wrong-old', 'new-secret-1');
    expect(wrapper!.get('[data-testid="password-error"]').text()).toBe('原密码不正确');
    expect(useSessionStore(harness.pinia).token).toBe('token-1');
  });
});

describe('MePage: offline use', () => {
  let wrapper: Wrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    offlineState.value = 'unknown';
  });

  it('says 可离线使用 only once the service worker controls the page, and follows it there', async () => {
    const harness = createHarness();
    await logIn(harness);
    offlineState.value = 'installing';
    wrapper = mountWith(harness, MePage);
    await settle();
    expect(wrapper.get('[data-testid="offline-state"]').text()).toContain('正在下载离线所需文件…');
    expect(wrapper.text()).not.toContain('可离线使用');
    offlineState.value = 'ready';
    await settle();
    expect(wrapper.get('[data-testid="offline-state"]').text()).toBe('离线使用可离线使用');
    offlineState.value = 'unsupported';
    await settle();
    expect(wrapper.get('[data-testid="offline-state"]').text()).toContain('此浏览器不能离线打开');
  });

  it('shows no line where nothing was tried (a development build)', async () => {
    const harness = createHarness();
    await logIn(harness);
    wrapper = mountWith(harness, MePage);
    await settle();
    expect(wrapper.find('[data-testid="offline-state"]').exists()).toBe(false);
  });
});

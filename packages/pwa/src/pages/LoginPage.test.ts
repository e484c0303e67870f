import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../graphql/client';
import { readSession } from '../offline/local-data';
import { enqueue, listOutbox } from '../offline/outbox';
import { useSessionStore } from '../stores/session';
import { createHarness, INSPECTOR, logIn, mountWith, NOW, settle, type Harness } from '../testing/harness';
import LoginPage from './LoginPage.vue';

type Wrapper = ReturnType<typeof mountWith>;

async function fillAndSubmit(wrapper: Wrapper, username: string, password: string) {
  await wrapper.get('[data-testid="username"] input').setValue(username);
  await wrapper.get('[data-testid="password"] input').setValue(password);
  await wrapper.get('form').trigger('submit');
  await settle();
}

function loginHandler(harness: Harness) {
  harness.publicApi.handlers.Login = ({ username, password }) => {
    if (username !== 'zhang' || password !== 'secret-123') throw new ApiError('用户名或密码错误', 'UNAUTHENTICATED');
    return { login: { token: 'token-abc', user: INSPECTOR } };
  };
}

describe('LoginPage', () => {
  let wrapper: Wrapper | undefined;
  afterEach(() => wrapper?.unmount());

  it('stores the session so that the app opens logged in, offline too', async () => {
    const harness = createHarness();
    loginHandler(harness);
    await harness.router.push('/login');
    wrapper = mountWith(harness, LoginPage);
    await fillAndSubmit(wrapper, ' zhang ', 'secret-123');

    expect(harness.publicApi.calls.at(-1)).toMatchObject({ operation: 'Login', variables: { username: 'zhang', password: 'secret-123' } });
    expect(await readSession(harness.db)).toEqual({ token: 'token-abc', user: INSPECTOR, savedAt: NOW });
    expect(harness.router.currentRoute.value.path).toBe('/');

    // A new start of the app (new stores, no network): the session comes from the device.
    const restarted = createHarness({ db: harness.db });
    await restarted.router.push('/outbox');
    expect(restarted.router.currentRoute.value.path).toBe('/outbox');
    expect(useSessionStore(restarted.pinia).token).toBe('token-abc');
  });

  it('sends a user without a session to the login screen', async () => {
    const harness = createHarness();
    await harness.router.push('/projects/p1');
    expect(harness.router.currentRoute.value.name).toBe('login');
    expect(harness.router.currentRoute.value.query.redirect).toBe('/projects/p1');
  });

  it('shows the server’s refusal and stores nothing', async () => {
    const harness = createHarness();
    loginHandler(harness);
    wrapper = mountWith(harness, LoginPage);
    await fillAndSubmit(wrapper, 'zhang', 'wrong-password');
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('用户名或密码错误');
    expect(await readSession(harness.db)).toBeUndefined();
  });

  it('says that logging in needs a connection when the server cannot be reached', async () => {
    const harness = createHarness();
    wrapper = mountWith(harness, LoginPage);
    await fillAndSubmit(wrapper, 'zhang', 'secret-123');
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('登录需要联网');
  });

  it('asks to log in again when the login expired, keeping the queue', async () => {
    const harness = createHarness();
    loginHandler(harness);
    await logIn(harness);
    await enqueue(
      harness.db,
      { clientId: 'c1', kind: 'spending', payload: { projectId: 'p1', amount: 1, date: '2024-05-01' }, photoHashes: [], title: '支出' },
      [],
      NOW,
    );
    const session = useSessionStore(harness.pinia);
    await session.restore();
    session.markExpired();

    wrapper = mountWith(harness, LoginPage);
    await settle();
    expect(wrapper.get('[data-testid="reauth"]').text()).toContain('1 条记录会保留');
    await fillAndSubmit(wrapper, 'zhang', 'secret-123');

    expect(session.expired).toBe(false);
    expect((await readSession(harness.db))?.token).toBe('token-abc');
    expect((await listOutbox(harness.db)).map((r) => r.clientId)).toEqual(['c1']);
    // Logged in again: the queue is sent at once.
    await vi.waitFor(() => expect(harness.syncApi.probe).toHaveBeenCalled(), { timeout: 10_000 });
  });
});

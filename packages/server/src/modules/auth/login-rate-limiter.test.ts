import { expect, it } from 'vitest';
import { describeEachApi, PASSWORD, type GraphqlResponse, type TestApi } from '../../test/api.js';
import { Organization } from '../organization/organization.entity.js';
import { UserRole } from '../user/user.entity.js';
import { createUser } from './auth.service.js';
import { DEFAULT_LOGIN_LIMITS, LoginRateLimiter } from './login-rate-limiter.js';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username } } }';
const CHANGE = 'mutation($old: String!, $new: String!) { changePassword(oldPassword: $old, newPassword: $new) { token } }';
const WRONG = 'wrong-password';

interface Answer {
  body: GraphqlResponse;
  retryAfter: string | undefined;
}

/** A login over HTTP from `address` (the socket's address, as request.ip sees it without a proxy). */
async function login(api: TestApi, username: string, password: string, address: string, token?: string): Promise<Answer> {
  const response = await api.app.server.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress: address,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify(
      token ? { query: CHANGE, variables: { old: password, new: 'another-password-1' } } : { query: LOGIN, variables: { u: username, p: password } },
    ),
  });
  const retryAfter = response.headers['retry-after'];
  return { body: JSON.parse(response.body) as GraphqlResponse, retryAfter: retryAfter === undefined ? undefined : String(retryAfter) };
}

function codeOf(answer: Answer): unknown {
  return answer.body.errors?.[0]?.extensions?.code ?? (answer.body.data ? 'OK' : 'NONE');
}

/** Each test uses its own usernames and addresses: the table is shared by the suite. */
describeEachApi(
  'login rate limit',
  (getApi) => {
    it('delays a username from one address after 5 failures, even with the right password, and says how long', async () => {
      const api = getApi();
      for (let i = 0; i < 5; i++) {
        const answer = await login(api, 'locked', WRONG, '10.0.0.1');
        expect(answer.body.errors?.[0], `attempt ${i + 1}`).toMatchObject({ message: '用户名或密码错误', extensions: { code: 'UNAUTHENTICATED' } });
        expect(answer.retryAfter).toBeUndefined();
      }
      const sixth = await login(api, 'locked', PASSWORD, '10.0.0.1');
      expect(sixth.body.data).toBeNull();
      expect(sixth.body.errors?.[0]).toMatchObject({
        message: '登录失败次数过多，请 30 秒后再试',
        extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 30 },
      });
      expect(sixth.retryAfter).toBe('30');
      // The owner, from another address, is not locked out; nor is another account from this one.
      expect(codeOf(await login(api, 'locked', PASSWORD, '10.0.0.2'))).toBe('OK');
      expect(codeOf(await login(api, 'bystander', PASSWORD, '10.0.0.1'))).toBe('OK');
    });

    it('forgets the failures of a username and address after a right password', async () => {
      const api = getApi();
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++) expect(codeOf(await login(api, 'resetting', WRONG, '10.0.1.1'))).toBe('UNAUTHENTICATED');
        expect(codeOf(await login(api, 'resetting', PASSWORD, '10.0.1.1'))).toBe('OK');
      }
    });

    it('checks at most 5 passwords of 40 simultaneous attempts', async () => {
      const api = getApi();
      const answers = await Promise.all(Array.from({ length: 40 }, () => login(api, 'hammered', WRONG, '10.0.2.1')));
      const codes = answers.map(codeOf);
      expect(
        codes.filter((code) => code === 'UNAUTHENTICATED'),
        JSON.stringify(answers.filter((answer) => codeOf(answer) !== 'TOO_MANY_REQUESTS').map((answer) => answer.body.errors)),
      ).toHaveLength(5);
      expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(35);
    });

    it('delays an address after 30 failures across usernames, not other addresses', async () => {
      const api = getApi();
      for (let i = 0; i < 30; i++) expect(codeOf(await login(api, `guess-${i}`, WRONG, '10.0.3.1')), `guess ${i}`).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(api, 'bystander', PASSWORD, '10.0.3.1'))).toBe('TOO_MANY_REQUESTS');
      expect(codeOf(await login(api, 'bystander', PASSWORD, '10.0.3.2'))).toBe('OK');
    });

    it('refuses a 4.8 MB username before any work, and never stores it', async () => {
      const api = getApi();
      const answer = await login(api, 'x'.repeat(4_800_000), WRONG, '10.0.4.1');
      expect(answer.body.errors?.[0]).toMatchObject({ message: '用户名最长 64 个字符', extensions: { code: 'BAD_USER_INPUT', field: 'username' } });
      const password = await login(api, 'bystander', 'p'.repeat(10_000), '10.0.4.1');
      expect(password.body.errors?.[0]).toMatchObject({ message: '密码最长 128 位', extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
      const rows = await api.db.em
        .getConnection()
        .execute<Array<{ n: number | string }>>(`select count(*) as n from login_throttle where subject like '%10.0.4.1%'`);
      expect(Number(rows[0].n)).toBe(0);
    });

    it('counts wrong old passwords of changePassword against the same limit', async () => {
      const api = getApi();
      const token = await api.login('changer');
      for (let i = 0; i < 5; i++) expect(codeOf(await login(api, 'changer', WRONG, '10.0.5.1', token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await login(api, 'changer', PASSWORD, '10.0.5.1', token))).toBe('TOO_MANY_REQUESTS');
    });

    it('does not refuse a free attempt whose clock reading is older (it waited, or another server is behind)', async () => {
      const em = getApi().db.em.fork();
      const now = Date.now();
      await new LoginRateLimiter(DEFAULT_LOGIN_LIMITS, () => now).claim(em, 'skewed', '10.0.7.1');
      await new LoginRateLimiter(DEFAULT_LOGIN_LIMITS, () => now - 2_000).claim(em, 'skewed', '10.0.7.1');
    });

    it('doubles the delay with each further failure, up to 15 minutes, and forgets after a quiet day', async () => {
      const em = getApi().db.em.fork();
      let now = Date.now();
      const limiter = new LoginRateLimiter(DEFAULT_LOGIN_LIMITS, () => now);
      const waitAfterFailing = async (): Promise<number> => {
        await limiter.claim(em, 'clocked', '10.0.6.1');
        try {
          await limiter.claim(em, 'clocked', '10.0.6.1');
        } catch (error) {
          return (error as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds;
        }
        throw new Error('not delayed');
      };
      for (let i = 0; i < 4; i++) await limiter.claim(em, 'clocked', '10.0.6.1');
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) {
        const wait = await waitAfterFailing();
        waits.push(wait);
        now += wait * 1000;
      }
      expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
      now += DEFAULT_LOGIN_LIMITS.forgetAfterMs + 1;
      for (let i = 0; i < 4; i++) await limiter.claim(em, 'clocked', '10.0.6.1');
      expect(await waitAfterFailing()).toBe(30);
    });
  },
  async (api) => {
    const em = api.db.em.fork();
    em.create(Organization, { code: '555001', name: '限流测试单位' });
    await em.flush();
    for (const username of ['locked', 'resetting', 'bystander', 'hammered', 'changer']) {
      await createUser(em.fork(), { username, password: PASSWORD, role: UserRole.VIEWER, orgCode: '555001' }, 'test');
    }
  },
);

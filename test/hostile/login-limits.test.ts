import { request } from 'node:http';
import { beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, describeEachServer, healthDuring, type ProductServer } from './support.js';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

interface Answer {
  code: string;
  message: string;
  retryAfter: string | undefined;
  retryAfterSeconds: unknown;
  ms: number;
}

/**
 * A login sent from `localAddress` (any 127.0.0.x works on Linux loopback): the server sees another
 * client address without trusting any proxy header.
 */
function login(server: ProductServer, username: string, password: string, localAddress = '127.0.0.1'): Promise<Answer> {
  const body = JSON.stringify({ query: LOGIN, variables: { u: username, p: password } });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.base}/graphql`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const parsed = JSON.parse(text) as { data?: { login?: unknown } | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
          const error = parsed.errors?.[0];
          resolve({
            code: error ? String(error.extensions?.code) : parsed.data?.login ? 'OK' : 'NONE',
            message: error?.message ?? '',
            retryAfter: response.headers['retry-after'],
            retryAfterSeconds: error?.extensions?.retryAfterSeconds,
            ms: performance.now() - started,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// 100 wrong passwords at once against the admin from one address: at most the 5 free attempts are
// checked (each checked one answers 用户名或密码错误, each refused one TOO_MANY_REQUESTS before any
// check), the admin still logs in from another address, and the limit survives a restart.
describeEachServer('login limits', (start) => {
  let server: ProductServer;
  beforeAll(async () => {
    server = await start();
  });

  it('checks at most 5 of 100 simultaneous wrong passwords, and says when to retry', async () => {
    const { result: answers, slowestHealthMs } = await healthDuring(server.base, () =>
      Promise.all(Array.from({ length: 100 }, () => login(server, 'admin', 'wrong-password'))),
    );
    const checked = answers.filter((answer) => answer.code === 'UNAUTHENTICATED');
    const refused = answers.filter((answer) => answer.code === 'TOO_MANY_REQUESTS');
    expect(checked.length + refused.length).toBe(100);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    for (const answer of checked) expect(answer.message).toBe('用户名或密码错误');
    for (const answer of refused) {
      expect(answer.message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(Number(answer.retryAfter)).toBe(answer.retryAfterSeconds);
    }
    expect(slowestHealthMs).toBeLessThan(1_000);

    // The right password from the hammered address waits too …
    expect((await login(server, 'admin', ADMIN_PASSWORD)).code).toBe('TOO_MANY_REQUESTS');
    // … but the admin elsewhere is not locked out.
    expect((await login(server, 'admin', ADMIN_PASSWORD, '127.0.0.2')).code).toBe('OK');
  });

  it('refuses a 4.8 MB username at once, naming the field, while /healthz answers', async () => {
    const { result: answer, slowestHealthMs } = await healthDuring(server.base, () => login(server, 'x'.repeat(4_800_000), 'wrong-password', '127.0.0.3'));
    expect(answer).toMatchObject({ code: 'BAD_USER_INPUT', message: '用户名最长 64 个字符' });
    expect(answer.ms).toBeLessThan(1_000);
    expect(slowestHealthMs).toBeLessThan(1_000);
    // Nothing was counted for it: the right password from that address goes through.
    expect((await login(server, 'admin', ADMIN_PASSWORD, '127.0.0.3')).code).toBe('OK');
  });

  it('keeps the limit across a restart', async () => {
    await server.stop();
    await server.start();
    const answer = await login(server, 'admin', ADMIN_PASSWORD);
    expect(answer.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect((await login(server, 'admin', ADMIN_PASSWORD, '127.0.0.2')).code).toBe('OK');
  });
});

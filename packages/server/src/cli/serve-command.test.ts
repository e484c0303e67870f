import { createServer, type Server } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../main.js';
import { runCli as run } from '../test/cli.js';
import { createCertificateAuthority, issueServerCertificate } from '../tls/certificates.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-serve-'));
const db = join(dir, 'serve.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

function occupy(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('jixiao serve refuses to start, saying why', () => {
  const ca = createCertificateAuthority('test');
  const one = issueServerCertificate(ca, ['localhost']);
  const other = issueServerCertificate(ca, ['localhost']);
  let cert: string;
  let key: string;
  let taken: { server: Server; port: number };

  beforeAll(async () => {
    cert = file('server.crt', one.certPem);
    key = file('server.key', one.keyPem);
    taken = await occupy();
    process.env.JIXIAO_SECRET = 'serve-test-secret';
  });
  afterAll(async () => {
    delete process.env.JIXIAO_SECRET;
    await new Promise((resolve) => taken.server.close(resolve));
  });

  it('exits 1 when the port is taken, naming the port and --port', async () => {
    const { code, out, err } = await run('serve', '--demo', '--port', String(taken.port), '--data-dir', dir, '--db', db);
    expect(code).toBe(1);
    expect(err).toBe(
      `jixiao serve：端口 ${taken.port} 已被占用（--port）：另一个程序（也许是另一个 jixiao serve）正在使用它；请停止它，或用 --port 换一个端口\n`,
    );
    expect(out).not.toContain('Jixiao 已启动');
  });

  it('exits 1 when the --redirect-http port is taken, and leaves the https port free again', async () => {
    const { port: httpsPort, server: probe } = await occupy();
    await new Promise((resolve) => probe.close(resolve));
    const { code, err } = await run(
      'serve',
      '--demo',
      '--port',
      String(httpsPort),
      '--data-dir',
      dir,
      '--db',
      db,
      '--tls-cert',
      cert,
      '--tls-key',
      key,
      '--redirect-http',
      String(taken.port),
    );
    expect(code).toBe(1);
    expect(err).toContain(`端口 ${taken.port} 已被占用（--redirect-http）`);
    expect(await isFree(httpsPort)).toBe(true);
  });

  it.each([
    ['a missing certificate', () => ['--tls-cert', join(dir, 'nope.crt'), '--tls-key', key], () => `--tls-cert：文件 ${join(dir, 'nope.crt')} 不存在`],
    ['a missing key', () => ['--tls-cert', cert, '--tls-key', join(dir, 'nope.key')], () => `--tls-key：文件 ${join(dir, 'nope.key')} 不存在`],
    ['a directory for the key', () => ['--tls-cert', cert, '--tls-key', dirOf('keys')], () => `--tls-key：${join(dir, 'keys')} 是目录，应为 PEM 文件`],
    [
      'a certificate that is not PEM',
      () => ['--tls-cert', file('junk.crt', 'not a certificate'), '--tls-key', key],
      () => `--tls-cert：${join(dir, 'junk.crt')} 不是 PEM 格式的证书`,
    ],
    [
      'a key that is not PEM',
      () => ['--tls-cert', cert, '--tls-key', file('junk.key', 'not a key')],
      () => `--tls-key：${join(dir, 'junk.key')} 不是 PEM 格式的私钥（或已加密）`,
    ],
    [
      'a key of another certificate',
      () => ['--tls-cert', cert, '--tls-key', file('other.key', other.keyPem)],
      () => `--tls-key：${join(dir, 'other.key')} 与证书 ${join(dir, 'server.crt')} 不匹配`,
    ],
    ['a certificate without its key', () => ['--tls-cert', cert], () => '--tls-cert 需要与 --tls-key（私钥文件）一起使用'],
    ['--redirect-http without https', () => ['--redirect-http', '8080'], () => '--redirect-http 需要 --tls-cert 和 --tls-key：没有 https 可转去'],
  ])('exits 1 on %s', async (_case, args, message) => {
    const { code, out, err } = await run('serve', '--port', '0', '--data-dir', dir, '--db', join(dir, 'untouched.sqlite'), ...args());
    expect(err).toBe(`jixiao serve：${message()}\n`);
    expect(code).toBe(1);
    expect(out).toBe('');
    // Checked before the database is opened.
    expect(existsSync(join(dir, 'untouched.sqlite'))).toBe(false);
  });
});

function dirOf(name: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  return join(dir, name);
}

describe('jixiao serve modes', () => {
  const introspect = async (url: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    return (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { stacktrace?: unknown } }> };
  };

  beforeAll(() => {
    process.env.JIXIAO_SECRET = 'serve-test-secret';
  });
  afterAll(() => {
    delete process.env.JIXIAO_SECRET;
  });

  it('runs in production mode unless --dev: no introspection, no field suggestions, no stack traces', async () => {
    let out = '';
    const production = await serve({ port: 0, host: '127.0.0.1', db: join(dir, 'modes.sqlite'), dataDir: dir, demo: true, out: (text) => (out += text) });
    try {
      expect(out).toMatch(/^Jixiao 已启动：http:\/\/127\.0\.0\.1:\d+\/ /m);
      const body = await introspect(production.url);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].message).toMatch(/introspection/i);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|Did you mean/);
    } finally {
      await production.stop();
    }
    const dev = await serve({ port: 0, host: '127.0.0.1', db: join(dir, 'modes.sqlite'), dataDir: dir, dev: true, out: () => {} });
    try {
      expect((await introspect(dev.url)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await dev.stop();
    }
  });
});

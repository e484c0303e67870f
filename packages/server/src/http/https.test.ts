import { connect, type IncomingHttpHeaders } from 'node:http2';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRedirectServer } from '../startup.js';
import { openTestApi, type TestApi } from '../test/api.js';
import { createCertificateAuthority, issueServerCertificate, type CertificatePair } from '../tls/certificates.js';

const ca: CertificatePair = createCertificateAuthority('test');
const server: CertificatePair = issueServerCertificate(ca, ['jixiao.office.test', 'localhost', '127.0.0.1']);

/** An HTTP/1.1 request over TLS that trusts only the test CA. */
function https1(port: number, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string; alpn: string | false }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', servername: 'localhost', port, path, ca: ca.certPem, ALPNProtocols: ['http/1.1'], agent: false }, (res) => {
      const alpn = (res.socket as TLSSocket).alpnProtocol;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, alpn }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/2 request that trusts only the test CA. */
function https2(port: number, path: string): Promise<{ headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const session = connect(`https://localhost:${port}`, { ca: ca.certPem });
    session.on('error', reject);
    const stream = session.request({ ':path': path });
    let headers: IncomingHttpHeaders = {};
    let body = '';
    stream.setEncoding('utf8');
    stream.on('response', (h) => (headers = h));
    stream.on('data', (chunk: string) => (body += chunk));
    stream.on('end', () => {
      session.close();
      resolve({ headers, body });
    });
    stream.on('error', reject);
    stream.end();
  });
}

describe('serving https', () => {
  let api: TestApi;
  let port: number;

  beforeAll(async () => {
    api = await openTestApi('sqlite', { tls: { cert: server.certPem, key: server.keyPem }, caCertPem: ca.certPem });
    await api.app.server.listen({ host: '127.0.0.1', port: 0 });
    const address = api.app.server.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await api.db.close();
  });

  it('answers HTTP/2 and HTTP/1.1 with a certificate the CA verifies, with HSTS', async () => {
    const h2 = await https2(port, '/healthz');
    expect(h2.headers[':status']).toBe(200);
    expect(JSON.parse(h2.body)).toEqual({ status: 'ok', database: 'sqlite' });
    expect(h2.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(h2.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(h2.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const h1 = await https1(port, '/healthz');
    expect(h1.alpn).toBe('http/1.1');
    expect(h1.status).toBe(200);
    expect(h1.headers['strict-transport-security']).toBe('max-age=15552000');
  });

  it('offers the CA at /ca.crt and says on /setup how to trust it, with the https address', async () => {
    const cert = await https2(port, '/ca.crt');
    expect(cert.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(cert.body).toBe(ca.certPem);
    const setup = await https2(port, '/setup');
    expect(setup.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(setup.body).toContain('<a href="/ca.crt" download="jixiao-ca.crt">');
    expect(setup.body).toContain('设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书');
    expect(setup.body).toContain('设置 → 已下载描述文件 → 安装');
    expect(setup.body).toContain('设置 → 通用 → 关于本机 → 证书信任设置');
    expect(setup.body).toContain('“Jixiao 本地证书颁发机构（test）”');
    expect(setup.body).toContain(`<a href="https://localhost:${port}/">`);
  });
});

describe('--redirect-http', () => {
  let redirect: Awaited<ReturnType<typeof buildRedirectServer>>;
  beforeAll(async () => {
    redirect = await buildRedirectServer({ httpsPort: 3443, caCertPem: ca.certPem, production: true });
  });
  afterAll(async () => {
    await redirect.close();
  });

  it.each([
    ['GET', 'jixiao.office.test:3000', '/projects/3?tab=inspections', 'https://jixiao.office.test:3443/projects/3?tab=inspections'],
    ['POST', '192.168.1.23:3000', '/graphql', 'https://192.168.1.23:3443/graphql'],
    ['GET', '[fd00::5]:3000', '/', 'https://[fd00::5]:3443/'],
    ['GET', 'jixiao.office.test', '/sw.js', 'https://jixiao.office.test:3443/sw.js'],
  ])('%s http://%s%s goes to %s with 308', async (method, host, url, location) => {
    const response = await redirect.inject({ method: method as 'GET' | 'POST', url, headers: { host } });
    expect(response.statusCode).toBe(308);
    expect(response.headers.location).toBe(location);
  });

  it.each(['office.lan@evil.example', 'evil.example/x', 'a b'])('refuses Host "%s" instead of redirecting to another site', async (host) => {
    const response = await redirect.inject({ method: 'GET', url: '/', headers: { host } });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it('leaves out the port for https on 443', async () => {
    const onDefault = await buildRedirectServer({ httpsPort: 443, caCertPem: null, production: true });
    const response = await onDefault.inject({ method: 'GET', url: '/x', headers: { host: 'jixiao.office.test:80' } });
    expect(response.headers.location).toBe('https://jixiao.office.test/x');
    await onDefault.close();
  });

  it('serves /setup and /ca.crt itself: a phone needs them before it trusts the https address', async () => {
    const setup = await redirect.inject({ method: 'GET', url: '/setup', headers: { host: 'jixiao.office.test:3000' } });
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('<a href="https://jixiao.office.test:3443/">https://jixiao.office.test:3443/</a>');
    expect(setup.body).toContain('href="/ca.crt"');
    expect(setup.headers['strict-transport-security']).toBeUndefined();
    const cert = await redirect.inject({ method: 'GET', url: '/ca.crt', headers: { host: 'jixiao.office.test:3000' } });
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(cert.body).toBe(ca.certPem);
  });
});

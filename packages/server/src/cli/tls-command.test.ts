import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (dataDir: string, name: string) => readFileSync(join(dataDir, 'tls', name), 'utf8');
const DAY = 24 * 60 * 60 * 1000;

describe('jixiao tls init', () => {
  const dataDir = join(dir, 'data');

  it('makes a local CA and a server certificate for the office addresses, localhost and 127.0.0.1', async () => {
    const { code, out, err } = await run('tls', 'init', '--host', 'jixiao.office.test', '192.168.1.23', '--data-dir', dataDir);
    expect(err).toBe('');
    expect(code).toBe(0);
    const ca = new X509Certificate(read(dataDir, 'ca.crt'));
    const server = new X509Certificate(read(dataDir, 'server.crt'));

    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.subjectAltName).toBe('DNS:jixiao.office.test, IP Address:192.168.1.23, DNS:localhost, IP Address:127.0.0.1');
    expect(server.checkHost('jixiao.office.test')).toBe('jixiao.office.test');
    expect(server.checkIP('192.168.1.23')).toBe('192.168.1.23');
    expect(server.checkIP('192.168.1.24')).toBeUndefined();
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    // The chain: signed by the CA, and the keys on disk belong to the certificates.
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkPrivateKey(createPrivateKey(read(dataDir, 'server.key')))).toBe(true);
    expect(ca.checkPrivateKey(createPrivateKey(read(dataDir, 'ca.key')))).toBe(true);
    // Apple refuses server certificates valid for more than 825 days.
    expect(new Date(server.validTo).getTime() - Date.now()).toBeLessThanOrEqual(825 * DAY);
    expect(new Date(ca.validTo).getTime() - Date.now()).toBeGreaterThan(5 * 365 * DAY);
    expect(ca.subject).toContain('CN=Jixiao 本地证书颁发机构');

    expect(statSync(join(dataDir, 'tls', 'ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'tls', 'server.key')).mode & 0o777).toBe(0o600);
    expect(out).toContain(`已生成本地 CA 证书：${join(dataDir, 'tls', 'ca.crt')}`);
    expect(out).toContain(
      `pnpm jixiao serve --data-dir ${dataDir} --host 0.0.0.0 --port 3443 --tls-cert ${join(dataDir, 'tls', 'server.crt')} --tls-key ${join(dataDir, 'tls', 'server.key')} --redirect-http 3000`,
    );
    expect(out).toContain('http://jixiao.office.test:3000/setup');
  });

  it('keeps the CA when run again, so phones that trust it keep working, and re-issues the server certificate', async () => {
    const caBefore = read(dataDir, 'ca.crt');
    const caKeyBefore = read(dataDir, 'ca.key');
    const serverBefore = read(dataDir, 'server.crt');
    const { code, out } = await run('tls', 'init', '--host', '10.0.0.8', '--host', 'jixiao.office.test', '--data-dir', dataDir);
    expect(code).toBe(0);
    expect(out).toContain(`沿用已有的本地 CA 证书：${join(dataDir, 'tls', 'ca.crt')}`);
    expect(read(dataDir, 'ca.crt')).toBe(caBefore);
    expect(read(dataDir, 'ca.key')).toBe(caKeyBefore);
    expect(read(dataDir, 'server.crt')).not.toBe(serverBefore);
    const server = new X509Certificate(read(dataDir, 'server.crt'));
    expect(server.subjectAltName).toBe('IP Address:10.0.0.8, DNS:jixiao.office.test, DNS:localhost, IP Address:127.0.0.1');
    expect(server.verify(new X509Certificate(caBefore).publicKey)).toBe(true);
  });

  it.each([['https://192.168.1.23'], ['192.168.1.23:3000'], ['办公室'], ['-x.example']])('refuses --host %s and writes nothing', async (host) => {
    const target = join(dir, 'bad-host');
    const { code, err } = await run('tls', 'init', '--host', host, '--data-dir', target);
    expect(code).toBe(2);
    expect(err).toBe(`--host 应为 IP 地址或主机名（不带 http:// 和端口），实际是“${host}”\n`);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a CA certificate without its key, and a CA that is not one', async () => {
    const half = join(dir, 'half');
    mkdirSync(join(half, 'tls'), { recursive: true });
    writeFileSync(join(half, 'tls', 'ca.crt'), read(dataDir, 'ca.crt'));
    const missing = await run('tls', 'init', '--host', 'jixiao.office.test', '--data-dir', half);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`${join(half, 'tls', 'ca.key')} 不存在`);
    expect(existsSync(join(half, 'tls', 'server.crt'))).toBe(false);

    writeFileSync(join(half, 'tls', 'ca.key'), read(dataDir, 'server.key'));
    const mismatched = await run('tls', 'init', '--host', 'jixiao.office.test', '--data-dir', half);
    expect(mismatched.code).toBe(1);
    expect(mismatched.err).toContain('CA 私钥与 CA 证书不匹配');
    expect(existsSync(join(half, 'tls', 'server.crt'))).toBe(false);
  });

  it('needs at least one --host', async () => {
    const { code, err } = await run('tls', 'init', '--data-dir', join(dir, 'none'));
    expect(code).toBe(2);
    expect(err).toContain('--host');
  });
});

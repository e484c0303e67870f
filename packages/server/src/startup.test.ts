import { X509Certificate } from 'node:crypto';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeListenError, lanAddresses, startupAddresses, urlOf } from './startup.js';
import { createCertificateAuthority, issueServerCertificate } from './tls/certificates.js';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('describeListenError', () => {
  it.each([
    ['EADDRINUSE', 3000, '--port', '端口 3000 已被占用（--port）'],
    ['EADDRINUSE', 80, '--redirect-http', '端口 80 已被占用（--redirect-http）'],
    ['EACCES', 443, '--port', '没有权限监听端口 443（--port）：1024 以下的端口需要 root 或 CAP_NET_BIND_SERVICE'],
    ['EADDRNOTAVAIL', 3000, '--port', '--host 192.0.2.99 不是本机的地址'],
    ['ENOTFOUND', 3000, '--port', '--host 192.0.2.99 无法解析为本机地址'],
  ])('%s on %i (%s) says %s', (code, port, option, message) => {
    expect(describeListenError(errno(code), '192.0.2.99', port, option)).toContain(message);
  });
});

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;

describe('start-up addresses', () => {
  it('lists the non-internal IPv4 addresses', () => {
    const interfaces = {
      lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
      eth0: [iface('192.168.1.23', 'IPv4'), iface('fe80::1', 'IPv6')],
      wlan0: [iface('10.0.0.8', 'IPv4')],
    };
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.23', '10.0.0.8']);
  });

  it.each([
    ['https', '192.168.1.23', 3443, 'https://192.168.1.23:3443/'],
    ['https', '192.168.1.23', 443, 'https://192.168.1.23/'],
    ['http', 'fd00::5', 80, 'http://[fd00::5]/'],
  ] as const)('%s on %s:%i is %s', (scheme, host, port, url) => {
    expect(urlOf(scheme, host, port)).toBe(url);
  });

  it('prints every LAN address, marks those the certificate lacks, and a QR code for the first it covers', () => {
    const ca = createCertificateAuthority('test');
    const cert = new X509Certificate(issueServerCertificate(ca, ['jixiao.office.test', '10.0.0.8', 'localhost', '127.0.0.1']).certPem);
    const text = startupAddresses({ scheme: 'https', host: '0.0.0.0', port: 3443, cert, redirectPort: 3000, hasCa: true, lan: ['192.168.1.23', '10.0.0.8'] });
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '局域网地址（手机与本机连在同一网络时打开）：',
      '  https://192.168.1.23:3443/  （证书不含此地址，手机会提示不安全；用 jixiao tls init --host 加上它）',
      '  https://10.0.0.8:3443/',
      '  https://jixiao.office.test:3443/',
    ]);
    expect(lines[4]).toBe('手机扫码打开 https://10.0.0.8:3443/');
    // The QR code: rows of block characters.
    expect(lines.slice(5, 15).every((line) => /^[█▀▄ ]{20,}$/.test(line))).toBe(true);
    expect(text).toContain('每台手机第一次使用前，先打开 http://10.0.0.8:3000/setup 安装并信任 CA 证书');
  });

  it('over plain http says that phones need https to work offline', () => {
    const text = startupAddresses({ scheme: 'http', host: '0.0.0.0', port: 3000, cert: null, redirectPort: null, hasCa: false, lan: ['192.168.1.23'] });
    expect(text).toContain('  http://192.168.1.23:3000/\n手机扫码打开 http://192.168.1.23:3000/\n');
    expect(text).toContain('提示：手机用 http 地址只能在线使用，无法离线和安装到主屏幕');
  });

  it('prints nothing more on 127.0.0.1', () => {
    expect(startupAddresses({ scheme: 'https', host: '127.0.0.1', port: 3443, cert: null, redirectPort: null, hasCa: false, lan: ['192.168.1.23'] })).toBe('');
  });
});

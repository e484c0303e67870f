import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import qrcode from 'qrcode-terminal';
import { dataPaths } from './config.js';
import { registerResponseHeaders } from './http/response-headers.js';
import { setupRoutes } from './http/setup-routes.js';

/** Why `jixiao serve` cannot start, in Chinese, naming the option to fix; the CLI prints it and exits 1. */
export class StartupError extends Error {}

function readOption(option: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StartupError(`${option}：文件 ${resolve(file)} 不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new StartupError(`${option}：没有权限读取 ${resolve(file)}`);
    if (code === 'EISDIR') throw new StartupError(`${option}：${resolve(file)} 是目录，应为 PEM 文件`);
    throw new StartupError(`${option}：无法读取 ${resolve(file)}（${code ?? '未知错误'}）`);
  }
}

/**
 * The certificate and key for https, checked before anything starts: both given, readable, PEM,
 * matching, and not expired.
 */
export function readTlsFiles(options: { tlsCert?: string; tlsKey?: string }, now = new Date()): { cert: string; key: string; x509: X509Certificate } | null {
  if (!options.tlsCert && !options.tlsKey) return null;
  if (!options.tlsCert) throw new StartupError('--tls-key 需要与 --tls-cert（证书文件）一起使用');
  if (!options.tlsKey) throw new StartupError('--tls-cert 需要与 --tls-key（私钥文件）一起使用');
  const cert = readOption('--tls-cert', options.tlsCert);
  const key = readOption('--tls-key', options.tlsKey);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new StartupError(`--tls-cert：${resolve(options.tlsCert)} 不是 PEM 格式的证书`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new StartupError(`--tls-key：${resolve(options.tlsKey)} 不是 PEM 格式的私钥（或已加密）`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new StartupError(`--tls-key：${resolve(options.tlsKey)} 与证书 ${resolve(options.tlsCert)} 不匹配`);
  }
  if (new Date(x509.validTo).getTime() <= now.getTime()) {
    throw new StartupError(
      `--tls-cert：证书 ${resolve(options.tlsCert)} 已于 ${new Date(x509.validTo).toISOString().slice(0, 10)} 过期；用 jixiao tls init 重新签发`,
    );
  }
  return { cert, key, x509 };
}

/**
 * The CA certificate to offer at /ca.crt: `--tls-ca`, else `<data-dir>/tls/ca.crt`, else a ca.crt
 * beside the server certificate (where `jixiao tls init` puts it); null when there is none.
 */
export function findCaCertificate(options: { tlsCa?: string; tlsCert?: string; dataDir?: string }): string | null {
  if (options.tlsCa) {
    const pem = readOption('--tls-ca', options.tlsCa);
    try {
      new X509Certificate(pem);
    } catch {
      throw new StartupError(`--tls-ca：${resolve(options.tlsCa)} 不是 PEM 格式的证书`);
    }
    return pem;
  }
  const candidates = [join(dataPaths(options.dataDir).tls, 'ca.crt'), ...(options.tlsCert ? [join(dirname(options.tlsCert), 'ca.crt')] : [])];
  const found = candidates.find((file) => existsSync(file));
  return found ? readOption('--tls-ca', found) : null;
}

/** A listen failure as the user can act on it; `option` is the one that chose the port. */
export function describeListenError(error: NodeJS.ErrnoException, host: string, port: number, option: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `端口 ${port} 已被占用（${option}）：另一个程序（也许是另一个 jixiao serve）正在使用它；请停止它，或用 ${option} 换一个端口`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限监听端口 ${port}（${option}）：1024 以下的端口需要 root 或 CAP_NET_BIND_SERVICE；请换用 1024 以上的端口（如 3443），或在前面放一个反向代理（见 docs/https.md）`;
    case 'EADDRNOTAVAIL':
      return `--host ${host} 不是本机的地址：请用本机的局域网 IP，或 0.0.0.0 监听所有地址`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `--host ${host} 无法解析为本机地址：请用 IP 地址，如 0.0.0.0 或 127.0.0.1`;
    default:
      return `无法在 ${host}:${port} 上启动（${option}；${error.code ?? '未知错误'}）`;
  }
}

/** server.listen, with a failure turned into a StartupError. */
export async function listenOrExplain(server: FastifyInstance, host: string, port: number, option: string): Promise<number> {
  try {
    await server.listen({ host, port });
  } catch (error) {
    throw new StartupError(describeListenError(error as NodeJS.ErrnoException, host, port, option));
  }
  const address = server.server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** The machine's LAN IPv4 addresses, as phones in the office reach it. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  return Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal)
    .map((info) => info.address);
}

export function urlOf(scheme: 'http' | 'https', host: string, port: number): string {
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${isIP(host) === 6 ? `[${host}]` : host}${port === defaultPort ? '' : `:${port}`}/`;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK = /^(127\.|::1$|localhost$)/;

export interface StartupReport {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** The certificate, for telling which addresses it covers. */
  cert: X509Certificate | null;
  /** The plain-http port that redirects to https, if any. */
  redirectPort: number | null;
  hasCa: boolean;
  lan?: string[];
}

/**
 * What start-up prints after "Jixiao 已启动：…": every LAN address when listening on all of them,
 * whether the certificate covers it, a QR code for phones and where phones install the CA.
 */
export function startupAddresses(report: StartupReport): string {
  const { scheme, host, port, cert } = report;
  if (LOOPBACK.test(host)) return '';
  const hosts = WILDCARD_HOSTS.has(host) ? (report.lan ?? lanAddresses()) : [host];
  const covers = (address: string) => !cert || (isIP(address) ? cert.checkIP(address) !== undefined : cert.checkHost(address) !== undefined);
  // Names in the certificate (e.g. jixiao.office.lan) also reach it where the office DNS knows them.
  const names = (cert?.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:') && entry !== 'DNS:localhost')
    .map((entry) => entry.slice(4));
  const urls = [...hosts, ...names].map((address) => ({ url: urlOf(scheme, address, port), covered: covers(address) }));
  let text = '';
  if (urls.length === 0) {
    text += '未找到局域网地址：本机没有连接网络？\n';
  } else {
    text += '局域网地址（手机与本机连在同一网络时打开）：\n';
    for (const { url, covered } of urls) text += `  ${url}${covered ? '' : '  （证书不含此地址，手机会提示不安全；用 jixiao tls init --host 加上它）'}\n`;
  }
  const first = urls.find((entry) => entry.covered);
  if (first) {
    text += `手机扫码打开 ${first.url}\n`;
    qrcode.generate(first.url, { small: true }, (code) => (text += `${code}\n`));
  }
  if (scheme === 'http') {
    text += '提示：手机用 http 地址只能在线使用，无法离线和安装到主屏幕；启用 https 见 jixiao tls init 和 docs/https.md\n';
  } else if (report.hasCa && first) {
    const origin = new URL(first.url);
    const setup = report.redirectPort !== null ? urlOf('http', origin.hostname.replace(/^\[|\]$/g, ''), report.redirectPort) : first.url;
    text += `每台手机第一次使用前，先打开 ${setup}setup 安装并信任 CA 证书\n`;
  }
  return text;
}

/**
 * `--redirect-http PORT`: plain http that sends every request to the https address on the same
 * host name with 308 (method and body kept), except /setup and /ca.crt, which a phone needs before
 * it trusts the certificate of the https address.
 */
export async function buildRedirectServer(options: { httpsPort: number; caCertPem: string | null; production: boolean }): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  await registerResponseHeaders(server, { production: options.production });
  // Only a plain host name or IP (no user info, no path): `Host: office.lan@evil.example` must not
  // turn the redirect into a link to another site.
  const hostOf = (header: string | undefined) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d+)?$/i.exec(header ?? '')?.[1] ?? null;
  const httpsBase = (name: string) => urlOf('https', name.replace(/^\[|\]$/g, ''), options.httpsPort).slice(0, -1);
  await server.register(setupRoutes, {
    caCertPem: options.caCertPem,
    httpsUrl: (request) => {
      const name = hostOf(request.headers.host);
      return name ? `${httpsBase(name)}/` : null;
    },
  });
  server.setNotFoundHandler((request, reply) => {
    const name = hostOf(request.headers.host);
    if (!name) return reply.code(400).send({ error: '请求的 Host 头缺失或无效' });
    return reply.redirect(`${httpsBase(name)}${request.url}`, 308);
  });
  return server;
}

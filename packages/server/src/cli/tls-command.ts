import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { CertificateAuthorityError, createCertificateAuthority, isCertificateHost, issueServerCertificate, LOCAL_HOSTS } from '../tls/certificates.js';
import { dataPaths } from '../config.js';
import type { CliIo } from './main.js';

export interface TlsInitOptions {
  host: string[];
  dataDir?: string;
}

/** The files `jixiao tls init` writes into `<data-dir>/tls/` (see docs/https.md). */
export function tlsFiles(dataDir?: string): { dir: string; caCert: string; caKey: string; serverCert: string; serverKey: string } {
  const dir = dataPaths(dataDir).tls;
  return { dir, caCert: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), serverCert: join(dir, 'server.crt'), serverKey: join(dir, 'server.key') };
}

function writeFile(path: string, text: string, mode: number): void {
  writeFileSync(path, text, { mode });
  // writeFileSync applies the mode only to a new file.
  chmodSync(path, mode);
}

/**
 * `jixiao tls init --host <addr>…`: a local CA (kept when it exists, so phones that trust it keep
 * working) and a new server certificate for the given addresses plus localhost and 127.0.0.1.
 */
export function tlsInitCommand(options: TlsInitOptions, io: CliIo): number {
  const bad = options.host.find((host) => !isCertificateHost(host));
  if (bad !== undefined) {
    io.err(`--host 应为 IP 地址或主机名（不带 http:// 和端口），实际是“${bad}”\n`);
    return 2;
  }
  const hosts = [...new Set([...options.host.map((host) => host.toLowerCase()), ...LOCAL_HOSTS])];
  const files = tlsFiles(options.dataDir);
  const hasCert = existsSync(files.caCert);
  const hasKey = existsSync(files.caKey);
  if (hasCert !== hasKey) {
    io.err(
      `${resolve(hasCert ? files.caKey : files.caCert)} 不存在，而 ${resolve(hasCert ? files.caCert : files.caKey)} 存在：CA 证书和私钥须成对；请找回缺少的文件，或删除 ${resolve(files.dir)} 后重新运行（手机须重新安装 CA 证书）\n`,
    );
    return 1;
  }

  let ca;
  try {
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    ca = hasCert ? { certPem: readFileSync(files.caCert, 'utf8'), keyPem: readFileSync(files.caKey, 'utf8') } : createCertificateAuthority(hostname());
    const server = issueServerCertificate(ca, hosts);
    if (!hasCert) {
      writeFile(files.caKey, ca.keyPem, 0o600);
      writeFile(files.caCert, ca.certPem, 0o644);
    }
    writeFile(files.serverKey, server.keyPem, 0o600);
    writeFile(files.serverCert, server.certPem, 0o644);
    const validTo = new Date(new X509Certificate(server.certPem).validTo).toISOString().slice(0, 10);
    io.out(
      hasCert
        ? `沿用已有的本地 CA 证书：${resolve(files.caCert)}（已信任它的手机无需重新安装）\n`
        : `已生成本地 CA 证书：${resolve(files.caCert)}\n  每台手机安装并信任它一次（见 /setup 页面）；私钥 ${resolve(files.caKey)} 请妥善保管、不要外传\n`,
    );
    io.out(`已签发服务器证书：${resolve(files.serverCert)}（有效期至 ${validTo}）\n  地址：${hosts.join('、')}\n`);
  } catch (error) {
    if (error instanceof CertificateAuthorityError) {
      io.err(`${resolve(files.caCert)}、${resolve(files.caKey)}：${error.message}；请删除 ${resolve(files.dir)} 后重新运行（手机须重新安装 CA 证书）\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EISDIR') {
      io.err(`--data-dir：无法写入 ${resolve(files.dir)}（${code === 'EACCES' || code === 'EPERM' ? '没有权限' : '路径不是目录'}）\n`);
      return 1;
    }
    throw error;
  }

  const serve = `pnpm jixiao serve${options.dataDir ? ` --data-dir ${options.dataDir}` : ''} --host 0.0.0.0 --port 3443 --tls-cert ${files.serverCert} --tls-key ${files.serverKey} --redirect-http 3000`;
  io.out(`启动 https 服务：\n  ${serve}\n`);
  io.out(`手机先打开 http://${hostForUrl(options.host[0])}:3000/setup 下载并信任 CA 证书，再使用 https://${hostForUrl(options.host[0])}:3443/\n`);
  return 0;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

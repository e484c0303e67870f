import { X509Certificate } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface SetupRoutesOptions {
  /** The local CA certificate (PEM) phones install, or null (a real certificate behind a proxy). */
  caCertPem: string | null;
  /** The https address of the app as this request reaches it, or null when there is none. */
  httpsUrl: (request: FastifyRequest) => string | null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CA's name as phones list it, and its fingerprint, for checking that the right file arrived. */
function describeCa(pem: string): { name: string; fingerprint: string } {
  const cert = new X509Certificate(pem);
  const name = /^CN=(.*)$/m.exec(cert.subject)?.[1] ?? cert.subject;
  return { name, fingerprint: cert.fingerprint256 };
}

/** The /setup page: self-contained (no script, no external file), so it works on plain http too. */
export function setupPage(ca: { name: string; fingerprint: string } | null, httpsUrl: string | null): string {
  const open = httpsUrl
    ? `<p class="go">然后用浏览器打开 <a href="${escapeHtml(httpsUrl)}">${escapeHtml(httpsUrl)}</a>，即可离线使用，并可“添加到主屏幕”。</p>`
    : '<p class="go">本服务目前没有 https 地址：请管理员用 <code>jixiao tls init</code> 生成证书并以 <code>--tls-cert</code>、<code>--tls-key</code> 启动（见 docs/https.md）。</p>';
  const body = ca
    ? `<p>本服务的 https 证书由本单位自建的证书颁发机构（CA）“${escapeHtml(ca.name)}”签发。每台手机安装并信任一次这个 CA 证书，之后浏览器才会把 https 地址当作安全连接，才能离线使用和安装。</p>
<p class="download"><a href="/ca.crt" download="jixiao-ca.crt">下载 CA 证书（ca.crt）</a></p>
<p class="small">SHA-256 指纹：<code>${escapeHtml(ca.fingerprint)}</code><br>可在手机的证书详情里核对。</p>
<h2>Android</h2>
<ol>
<li>点上面的链接下载 ca.crt；</li>
<li>打开 设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书（各品牌名称略有不同，可在设置里搜索“CA 证书”），选择“仍然安装”；</li>
<li>选中刚下载的 ca.crt，按提示验证锁屏密码。</li>
</ol>
<h2>iPhone / iPad</h2>
<ol>
<li>用 Safari 打开本页，点上面的链接，选择“允许”下载描述文件；</li>
<li>打开 设置 → 已下载描述文件 → 安装（输入锁屏密码）；</li>
<li>打开 设置 → 通用 → 关于本机 → 证书信任设置，为“${escapeHtml(ca.name)}”打开完全信任。</li>
</ol>`
    : '<p>本服务没有配置自建 CA 证书（例如在使用正式证书的反向代理之后）：手机无需安装任何证书，直接打开 https 地址即可。</p>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>绩效 · 在手机上安装证书</title>
<style>
body { font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 40em; padding: 16px; color: #323233; background: #f7f8fa; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 24px; }
a { color: #1864c2; } code { word-break: break-all; font-size: 13px; }
.download a { display: inline-block; padding: 12px 20px; border-radius: 8px; background: #1864c2; color: #fff; text-decoration: none; }
.small { font-size: 13px; color: #646566; } .go { margin-top: 24px; font-weight: 600; }
</style>
</head>
<body>
<h1>在手机上安装证书</h1>
${body}
${open}
</body>
</html>
`;
}

/** `GET /setup` (how to trust the CA) and `GET /ca.crt` (the CA certificate itself, when there is one). */
export async function setupRoutes(server: FastifyInstance, options: SetupRoutesOptions): Promise<void> {
  const ca = options.caCertPem ? describeCa(options.caCertPem) : null;
  server.get('/setup', async (request, reply) => {
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(setupPage(ca, options.httpsUrl(request)));
  });
  if (options.caCertPem) {
    const pem = options.caCertPem;
    server.get('/ca.crt', async (_request, reply) => {
      return reply
        .type('application/x-x509-ca-cert')
        .header('content-disposition', 'attachment; filename="jixiao-ca.crt"')
        .header('cache-control', 'no-cache')
        .send(pem);
    });
  }
}

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Plugin } from 'vite';

/** Vant's icon font falls back to a WOFF on a public CDN after the WOFF2 it inlines. */
const CDN_FALLBACK = /,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\(["']woff["']\)/g;
/** The WOFF2 itself, inlined as base64 in Vant's CSS. */
const INLINE_WOFF2 = /url\(["']?data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)["']?\)/;

/**
 * Vant's icon font as Vant ships it is a 43 KB base64 data URL inside its CSS: every page's first
 * stylesheet — render-blocking — carried it, icons or not. Here it becomes a file of its own
 * (hashed, cached for a year, precached by the app's worker), which the browser fetches only when
 * an icon is drawn, after the page has painted. And its fallback on a public CDN is dropped: every
 * browser the app supports reads WOFF2, the app must work on an office network with no internet,
 * and the server's Content-Security-Policy (font-src 'self' data:) would refuse the CDN anyway.
 */
export function vantIconFontWithoutCdn(): Plugin {
  let cacheDir = '';
  return {
    name: 'jixiao:vant-icon-font',
    enforce: 'pre',
    configResolved(config) {
      cacheDir = config.cacheDir;
    },
    transform(code, id) {
      const path = id.split('?')[0];
      if (!/[\\/]vant[\\/](es|lib)[\\/](icon[\\/])?index\.css$/.test(path)) return null;
      let out = code.replace(CDN_FALLBACK, '');
      const inline = INLINE_WOFF2.exec(out);
      if (inline) {
        const font = Buffer.from(inline[1], 'base64');
        const file = join(cacheDir, 'jixiao', `vant-icon-${createHash('sha256').update(font).digest('hex').slice(0, 8)}.woff2`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, font);
        const url = relative(dirname(path), file).split('\\').join('/');
        out = out.replace(inline[0], `url("${url.startsWith('.') ? url : `./${url}`}")`);
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}

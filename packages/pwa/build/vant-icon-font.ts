import type { Plugin } from 'vite';

/** Vant's icon font falls back to a WOFF on a public CDN after the WOFF2 it inlines. */
const CDN_FALLBACK = /,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\(["']woff["']\)/g;

/**
 * Drops that fallback: every browser the app supports reads the inlined WOFF2, the app must work
 * on an office network with no internet, and the server's Content-Security-Policy (font-src 'self'
 * data:) would refuse the CDN anyway — Chromium reports the refusal in the console on every page.
 */
export function vantIconFontWithoutCdn(): Plugin {
  return {
    name: 'jixiao:vant-icon-font-without-cdn',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/](es|lib)[\\/](icon[\\/])?index\.css$/.test(id.split('?')[0])) return null;
      const stripped = code.replace(CDN_FALLBACK, '');
      return stripped === code ? null : { code: stripped, map: null };
    },
  };
}

import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

/**
 * index.html's script (src/boot.ts) starts the app in steps, one library after another with a
 * pause between them, so that no single task runs all of the app's code at once. Fetching them one
 * step after another would wait a round trip per step: this writes into index.html, after the
 * launch screen, a `<link rel="modulepreload" fetchpriority="low">` for every script the steps
 * import (statically; not the pages fetched later), so that the browser fetches and compiles them
 * all at once while the launch screen is painted, and runs none of them. Low priority: they do not
 * hold up that first paint (a high-priority script counts as render-blocking in Lighthouse's
 * estimate), and the parser inserts them, so boot.ts spends no task of its own adding them.
 */
export function preloadApp(): Plugin {
  return {
    name: 'jixiao:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const { bundle, chunk: boot } = ctx;
        if (!bundle || !boot || !ctx.path.endsWith('/index.html')) return [];
        const files = new Set<string>();
        const visit = (name: string) => {
          const chunk = bundle[name];
          if (chunk?.type !== 'chunk' || files.has(name)) return;
          files.add(name);
          for (const next of (chunk as OutputChunk).imports) visit(next);
        };
        for (const name of boot.dynamicImports) visit(name);
        files.delete(boot.fileName);
        for (const name of boot.imports) files.delete(name);
        return [...files].map(
          (file): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}`, fetchpriority: 'low' },
            injectTo: 'body',
          }),
        );
      },
    },
  };
}

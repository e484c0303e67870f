import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

/** The id of the list in index.html that src/boot.ts reads. */
export const APP_SCRIPTS_ID = 'app-scripts';

/**
 * index.html's script (src/boot.ts) starts the app in steps, one library after another with a
 * pause between them, so that no single task runs all of the app's code at once. Fetching them one
 * step after another would wait a round trip per step: this writes into index.html the list of
 * every script the steps import (statically; not the pages fetched later), and boot.ts, once the
 * launch screen is painted, asks for them all (`<link rel="modulepreload">`: fetched and compiled,
 * not run) a few per task. Not modulepreload links in the HTML itself: fetched while the launch
 * screen is painted, they would compete with it, and Lighthouse's estimate of the largest paint
 * counts every request started before it as holding it up.
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
        const tag: HtmlTagDescriptor = {
          tag: 'script',
          attrs: { type: 'application/json', id: APP_SCRIPTS_ID },
          children: JSON.stringify([...files].map((file) => `/${file}`)),
          injectTo: 'body',
        };
        return [tag];
      },
    },
  };
}

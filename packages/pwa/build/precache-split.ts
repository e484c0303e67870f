import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

function chunksOf(bundle: OutputBundle): OutputChunk[] {
  return Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
}

/** A chunk's files and every file it imports, statically and (unless `stop` says no) dynamically. */
function closure(bundle: OutputBundle, roots: OutputChunk[], stop: (chunk: OutputChunk) => boolean): Set<string> {
  const files = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const chunk = pending.pop()!;
    if (files.has(chunk.fileName)) continue;
    files.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const name of [...chunk.imports, ...chunk.dynamicImports]) {
      const next = bundle[name];
      if (next?.type === 'chunk' && !files.has(name) && !stop(next)) pending.push(next);
    }
  }
  return files;
}

/**
 * Finds what the app's service worker (sw.js) leaves out of its precache: the pages of
 * `managerPages` (by component file name, e.g. 'DashboardPage') and whatever only those import
 * (ECharts). Everything else of the app — the shell and every page a field worker opens — is
 * precached; the left-out files are runtime-cached when a manager opens them. `managerOnly` is
 * filled when the bundle is generated, before the worker is written.
 */
export function precacheSplit(managerPages: readonly string[], managerOnly: Set<string>): Plugin {
  const isManagerPage = (chunk: OutputChunk) =>
    chunk.isDynamicEntry && managerPages.some((page) => chunk.facadeModuleId?.endsWith(`/pages/${page}.vue`) === true);
  return {
    name: 'jixiao:precache-split',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = chunksOf(bundle);
      const entry = (html: string) => chunks.filter((chunk) => chunk.isEntry && chunk.facadeModuleId?.endsWith(html) === true);
      const app = entry('/index.html');
      if (app.length !== 1) throw new Error('precache-split: expected index.html as the entry');
      const fieldWork = closure(bundle, app, isManagerPage);
      if (!chunks.some(isManagerPage)) throw new Error(`precache-split: none of ${managerPages.join(', ')} is a page chunk`);
      managerOnly.clear();
      for (const file of closure(bundle, app, () => false)) if (!fieldWork.has(file)) managerOnly.add(file);
    },
  };
}

/**
 * The app's first script, on purpose tiny: index.html paints its launch screen (the login screen's
 * header) with no stylesheet or script to wait for; the app itself (main.ts, its libraries and
 * styles, its first screen) is run after that first frame, so that a phone on a slow network sees
 * the page at once instead of after all of it has downloaded and run. A frame may never come in a
 * hidden tab (no requestAnimationFrame there): the timer starts the app anyway.
 *
 * The app's scripts are all asked for at once after that first frame (the list in index.html,
 * build/preload-app.ts), a few per task, but run in steps — Vue, Dexie, vue-i18n, the app's modules, then startApp() — each in a task of
 * its own, so that the phone stays responsive while the app starts: no single long task (which
 * Lighthouse counts as blocking time beyond 50 ms).
 */
let started = false;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/** Links per task: adding a modulepreload link starts its fetch there and then, a few ms each on a slow phone. */
const LINKS_PER_TASK = 4;

/** Fetches (and compiles, without running) every script of the steps below, the first ones first. */
async function preloadScripts(): Promise<void> {
  const list = document.getElementById('app-scripts')?.textContent;
  if (!list) return; // The dev server: no build, no list.
  const scripts = JSON.parse(list) as string[];
  for (let i = 0; i < scripts.length; i += LINKS_PER_TASK) {
    if (i > 0) await nextTask();
    for (const href of scripts.slice(i, i + LINKS_PER_TASK)) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.appendChild(link);
    }
  }
}

async function start(): Promise<void> {
  if (started) return;
  started = true;
  await preloadScripts();
  await nextTask();
  await import('./startup/vue');
  await nextTask();
  await import('./startup/dexie');
  await nextTask();
  await import('./startup/i18n');
  await nextTask();
  const { startApp } = await import('./main');
  await nextTask();
  await startApp();
}
requestAnimationFrame(() => setTimeout(() => void start()));
setTimeout(() => void start(), 50);

/**
 * The app's first script, on purpose tiny: index.html paints its launch screen (the login screen's
 * header) with no stylesheet or script to wait for; the app itself (main.ts, its libraries and
 * styles, its first screen) is fetched and run after that first frame, so that a phone on a slow
 * network sees the page at once instead of after all of it has downloaded and run. A frame may
 * never come in a hidden tab (no requestAnimationFrame there): the timer starts the app anyway.
 */
let started = false;
function start(): void {
  if (started) return;
  started = true;
  void import('./main');
}
requestAnimationFrame(() => setTimeout(start));
setTimeout(start, 50);

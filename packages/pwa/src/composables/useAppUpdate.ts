import { ref } from 'vue';

/**
 * A new version of the app is waiting (the service worker found one). It is applied only when the
 * user taps "刷新", so an open form is never reloaded from under them.
 */
export const updateAvailable = ref(false);
let applyUpdate: (() => Promise<void>) | null = null;

/** Called by main.ts once the service worker is registered. */
export function offerUpdate(apply: () => Promise<void>): void {
  applyUpdate = apply;
  updateAvailable.value = true;
}

export async function reloadToUpdate(): Promise<void> {
  updateAvailable.value = false;
  await applyUpdate?.();
}

/**
 * Whether this page can be reopened with no network:
 * - `unknown`: nothing was tried (a development build, tests);
 * - `insecure`: plain http at an office address, where browsers give no service worker (InsecureOriginBanner);
 * - `unsupported`: the browser offers no service worker (iOS in-app browsers);
 * - `failed`: it has one, but registering ours failed or was refused;
 * - `installing`: ours is downloading the app's files;
 * - `ready`: ours is active — it precached every screen before it activated — and controls this page.
 */
export type OfflineState = 'unknown' | 'insecure' | 'unsupported' | 'failed' | 'installing' | 'ready';

export const offlineState = ref<OfflineState>('unknown');

/** The part of navigator.serviceWorker that tells whether a worker controls the page. */
export interface ServiceWorkerContainerLike {
  readonly controller: unknown;
  readonly ready: Promise<unknown>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

/**
 * Follows the service worker from registration to control of this page. A worker is active only
 * once its install step finished, and workbox's install step is the whole precache: active and in
 * control means every screen's code and styles are on the phone. The worker claims open pages when
 * it first activates (vite.config.ts, clientsClaim), so that happens without a reload.
 *
 * @example trackOffline(navigator.serviceWorker) // then registerSW(…); offlineState turns 'ready'
 */
export function trackOffline(container: ServiceWorkerContainerLike, state = offlineState): void {
  state.value = 'installing';
  const settle = () => {
    if (container.controller && state.value !== 'failed') state.value = 'ready';
  };
  container.addEventListener('controllerchange', settle);
  void container.ready.then(settle);
}

/** Registration failed, or returned no registration (a browser or policy that blocks service workers). */
export function offlineUnavailable(state = offlineState): void {
  state.value = 'failed';
}

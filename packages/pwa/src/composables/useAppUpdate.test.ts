import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { offlineUnavailable, trackOffline, type OfflineState } from './useAppUpdate';

/** navigator.serviceWorker as far as trackOffline reads it, driven by the test. */
function fakeContainer() {
  let resolveReady!: () => void;
  const listeners: Array<() => void> = [];
  const container = {
    controller: null as object | null,
    ready: new Promise<unknown>((resolve) => (resolveReady = () => resolve({}))),
    addEventListener: (_type: 'controllerchange', listener: () => void) => void listeners.push(listener),
  };
  return {
    container,
    activate: async () => {
      resolveReady();
      await container.ready;
    },
    claim: () => {
      container.controller = {};
      for (const listener of listeners) listener();
    },
  };
}

describe('trackOffline', () => {
  it('is installing until the active worker claims the page (first install, no reload)', async () => {
    const state = ref<OfflineState>('unknown');
    const sw = fakeContainer();
    trackOffline(sw.container, state);
    expect(state.value).toBe('installing');
    // Active but not yet in control: the page's requests still bypass the precache.
    await sw.activate();
    expect(state.value).toBe('installing');
    sw.claim();
    expect(state.value).toBe('ready');
  });

  it('is ready at once when a worker already controls the page (a later visit)', async () => {
    const state = ref<OfflineState>('unknown');
    const sw = fakeContainer();
    sw.container.controller = {};
    trackOffline(sw.container, state);
    await sw.activate();
    expect(state.value).toBe('ready');
  });

  it('stays failed when registration was refused', async () => {
    const state = ref<OfflineState>('unknown');
    const sw = fakeContainer();
    trackOffline(sw.container, state);
    offlineUnavailable(state);
    sw.claim();
    expect(state.value).toBe('failed');
  });
});

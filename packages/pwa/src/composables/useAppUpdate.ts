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

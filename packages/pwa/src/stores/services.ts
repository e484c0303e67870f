import { getActivePinia, type Pinia } from 'pinia';
import { hasInjectionContext, inject, type App, type InjectionKey } from 'vue';
import type { GraphqlClient } from '../graphql/client';
import type { DocumentLike, EventTargetLike } from '../composables/useSync';
import type { JixiaoDb } from '../offline/db';
import type { StorageNavigatorLike } from '../offline/outbox';
import type { SyncApi } from '../offline/types';

/**
 * What the screens need from the outside world, made once in main.ts and provided to the app, so
 * that tests can hand in a fake server, a fresh database, a fixed clock and fake geolocation.
 */
export interface AppServices {
  db: JixiaoDb;
  /** Sends the session's token. */
  api: GraphqlClient;
  /** Sends no token: login and the public survey link. */
  publicApi: GraphqlClient;
  /** For GET /uploads/<sha256> with the Authorization header (evidence thumbnails). */
  fetch: typeof fetch;
  now: () => number;
  /** A UUID v4 for a new record's clientId. */
  newClientId: () => string;
  geolocation: Geolocation | null;
  /** The server as the sync engine sees it (createSyncApi). */
  syncApi: SyncApi;
  /**
   * Where sync listens and storage is asked; left out in the app (the real window, document and
   * navigator), null or fakes in tests.
   */
  env?: {
    window?: EventTargetLike | null;
    document?: DocumentLike | null;
    navigator?: StorageNavigatorLike | null;
    /** Sync timer period; 0 turns it off. */
    syncIntervalMs?: number;
    /** Sync once when the sync store is first used. */
    syncOnStart?: boolean;
    download?: (blob: Blob, filename: string) => void;
    /** window.isSecureContext: false over plain http at an office address (no service worker, no crypto.subtle). */
    secureContext?: boolean;
  };
}

export const SERVICES: InjectionKey<AppServices> = Symbol('services');

const servicesOfPinia = new WeakMap<Pinia, AppServices>();

/**
 * Makes the services reachable from components (provide) and from stores, which may be created
 * outside any component (the router guard), through their Pinia.
 */
export function installServices(pinia: Pinia, services: AppServices, app?: App): void {
  servicesOfPinia.set(pinia, services);
  app?.provide(SERVICES, services);
}

export function useServices(): AppServices {
  const provided = hasInjectionContext() ? inject(SERVICES, null) : null;
  if (provided) return provided;
  const pinia = getActivePinia();
  const services = pinia ? servicesOfPinia.get(pinia) : undefined;
  if (!services) throw new Error('AppServices not installed (installServices in main.ts, or the test harness)');
  return services;
}

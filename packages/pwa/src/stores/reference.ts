import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '../graphql/client';
import type { ProjectRef, SiteRef } from '../graphql/queries';
import {
  addSiteOnDevice,
  clearReferenceData,
  emptyReference,
  fetchReferenceData,
  loadReferenceData,
  saveReferenceData,
  withQueuedSites,
  type NewSite,
  type ReferenceData,
} from '../reference/reference-data';
import { useServices } from './services';
import { useSessionStore } from './session';

/** The cached reference data the screens read (offline), and its refresh from the server. */
export const useReferenceStore = defineStore('reference', () => {
  const { db, api, now } = useServices();
  const session = useSessionStore();

  const data = shallowRef<ReferenceData>(emptyReference());
  const fetchedAt = ref<number | null>(null);
  const loaded = ref(false);
  const refreshing = ref(false);
  /** Why the last refresh failed (the cached data is shown meanwhile); null after a success. */
  const refreshError = ref<string | null>(null);
  let loading: Promise<void> | null = null;
  let inflight: Promise<boolean> | null = null;

  /** Reads the cache once; later calls wait for the same read. */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const cached = await loadReferenceData(db);
        // A refresh that finished first has newer data.
        if (fetchedAt.value === null) {
          data.value = cached.data;
          fetchedAt.value = cached.fetchedAt;
        }
      } finally {
        loaded.value = true;
      }
    })();
    return loading;
  }

  /** Fetches everything again; true when it worked. Failures keep the cache and say why. */
  function refresh(): Promise<boolean> {
    if (!session.loggedIn) return Promise.resolve(false);
    inflight ??= (async () => {
      refreshing.value = true;
      try {
        const fetched = await fetchReferenceData(api.request, now());
        const fresh = { ...fetched, sites: await withQueuedSites(db, fetched.sites) };
        const at = now();
        await saveReferenceData(db, fresh, at);
        data.value = fresh;
        fetchedAt.value = at;
        refreshError.value = null;
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') session.markExpired();
        refreshError.value = (error as Error).message;
        return false;
      } finally {
        refreshing.value = false;
        inflight = null;
      }
    })();
    return inflight;
  }

  /** Adds a site on the device (see addSiteOnDevice); the picker lists it at once. */
  async function addSite(site: NewSite, title: string): Promise<SiteRef> {
    const added = await addSiteOnDevice(db, site, title, now());
    data.value = { ...data.value, sites: [...data.value.sites.filter((s) => s.id !== added.id), added] };
    return added;
  }

  /** Reads the cached site list again (after the sync engine adopted a site's server id). */
  async function reloadSites(): Promise<void> {
    const cached = await loadReferenceData(db);
    data.value = { ...data.value, sites: cached.data.sites };
  }

  /** Whether acceptances of the project need a signature; true when the device does not know. */
  function requiresSignature(projectId: string): boolean {
    return project(projectId)?.requireSignature ?? true;
  }

  async function clear(): Promise<void> {
    await clearReferenceData(db);
    data.value = emptyReference();
    fetchedAt.value = null;
  }

  const projects = computed(() => data.value.projects);

  function project(id: string): ProjectRef | undefined {
    return data.value.projects.find((p) => p.id === id);
  }
  function surveysOf(projectId: string) {
    return data.value.surveys.filter((s) => s.projectId === projectId);
  }
  function survey(id: string) {
    return data.value.surveys.find((s) => s.id === id);
  }
  function equipmentOf(projectId: string) {
    return data.value.equipment.filter((e) => e.projectId === projectId);
  }
  /** The sites of the project's organization first, then the others the user may see. */
  function sitesFor(orgCode: string | undefined) {
    const own = data.value.sites.filter((s) => s.orgCode === orgCode);
    return [...own, ...data.value.sites.filter((s) => s.orgCode !== orgCode)];
  }

  return {
    data,
    fetchedAt,
    loaded,
    refreshing,
    refreshError,
    projects,
    load,
    refresh,
    clear,
    project,
    surveysOf,
    survey,
    equipmentOf,
    sitesFor,
    addSite,
    reloadSites,
    requiresSignature,
  };
});

import { can } from '@jixiao/domain';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { CHANGE_PASSWORD, LOGIN, type SessionUser } from '../graphql/queries';
import { clearSession, readSession, saveSession } from '../offline/local-data';
import { useServices } from './services';

/**
 * The login, kept in the `session` table so that the app opens logged in — offline too. When the
 * server stops accepting the token the session is marked expired: the user logs in again, and
 * nothing queued is touched.
 */
export const useSessionStore = defineStore('session', () => {
  const { db, api, publicApi, now } = useServices();

  const token = ref<string | null>(null);
  const user = ref<SessionUser | null>(null);
  /** The server refused the token (UNAUTHENTICATED); the queue waits for a new login. */
  const expired = ref(false);
  let restoring: Promise<void> | null = null;

  const loggedIn = computed(() => token.value !== null && user.value !== null);
  // What each role may do is the domain's rule, the same the server's guards ask.
  const isManager = computed(() => can(user.value?.role, 'MANAGE_PROJECTS'));
  const canCollect = computed(() => can(user.value?.role, 'COLLECT_EVIDENCE'));
  /** 绩效看板: those who read results, not field staff. */
  const canSeeDashboard = computed(() => can(user.value?.role, 'READ_RESULTS'));

  /** Reads the saved session once; later calls wait for the same read. */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      try {
        const saved = await readSession(db);
        if (saved && token.value === null) {
          token.value = saved.token;
          user.value = saved.user;
        }
      } catch {
        // No IndexedDB (private mode on old Safari): the user logs in each visit.
      }
    })();
    return restoring;
  }

  /**
   * Logs in and keeps the session. Returns whether another user was logged in before, so the caller
   * can drop that user's cached reference data. Throws ApiError on failure.
   */
  async function login(username: string, password: string): Promise<{ userChanged: boolean }> {
    const { login: result } = await publicApi.request(LOGIN, { username: username.trim(), password });
    const previous = user.value?.id ?? (await readSession(db))?.user.id ?? null;
    await saveSession(db, { token: result.token, user: result.user }, now());
    token.value = result.token;
    user.value = result.user;
    expired.value = false;
    return { userChanged: previous !== null && previous !== result.user.id };
  }

  /**
   * Changes the password. The server revokes every token issued before, this one included, and
   * returns a new one: kept here so that this device stays logged in. Throws ApiError on failure.
   */
  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const { changePassword: result } = await api.request(CHANGE_PASSWORD, { oldPassword, newPassword });
    await saveSession(db, { token: result.token, user: result.user }, now());
    token.value = result.token;
    user.value = result.user;
    expired.value = false;
  }

  async function logout(): Promise<void> {
    await clearSession(db);
    token.value = null;
    user.value = null;
    expired.value = false;
  }

  function markExpired(): void {
    if (token.value !== null) expired.value = true;
  }

  return { token, user, expired, loggedIn, isManager, canCollect, canSeeDashboard, restore, login, changePassword, logout, markExpired };
});

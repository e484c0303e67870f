import type { ReferenceRecord } from './db';

/** Where the token is kept in IndexedDB: the reference table (the survey link's src/survey/answer-store.ts). */
export interface ReferenceStore {
  readReference<T>(name: string): Promise<ReferenceRecord<T> | undefined>;
  cacheReference<T>(name: string, data: T): Promise<void>;
}

/** Where the public survey page keeps the server's device token, so one reload or cleared store alone does not reset it. */
export interface DeviceTokenStores {
  /** `document` (or a fake): its cookie string. */
  cookies: { cookie: string };
  /** `window.localStorage`, if the browser gives one (private modes may not). */
  local?: Pick<Storage, 'getItem' | 'setItem'> | null;
  reference: ReferenceStore;
  /** Whether the page is on https (the cookie is then Secure). */
  secure: boolean;
}

const NAME = 'jx_device';
const REFERENCE = 'deviceToken';
/** Five years: a device keeps its token for as long as the browser keeps anything. */
const MAX_AGE_SECONDS = 5 * 365 * 24 * 3600;
const SHAPE = /^jxdev1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

function fromCookie(cookie: string): string | null {
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === NAME) return decodeURIComponent(value.join('='));
  }
  return null;
}

function valid(token: string | null | undefined): token is string {
  return typeof token === 'string' && SHAPE.test(token);
}

/**
 * The device token kept by any of the three stores (cookie, localStorage, IndexedDB), or null.
 *
 * @example const token = (await readDeviceToken(stores)) ?? survey.deviceToken;
 */
export async function readDeviceToken(stores: DeviceTokenStores): Promise<string | null> {
  const cookie = fromCookie(stores.cookies.cookie);
  if (valid(cookie)) return cookie;
  let local: string | null = null;
  try {
    local = stores.local?.getItem(NAME) ?? null;
  } catch {
    // Storage refused (private mode, quota): the other stores still count.
  }
  if (valid(local)) return local;
  const stored = await stores.reference.readReference<string>(REFERENCE).catch(() => undefined);
  return valid(stored?.data) ? stored.data : null;
}

/** Writes the token to all three stores (each may fail on its own; the others still keep it). */
export async function keepDeviceToken(stores: DeviceTokenStores, token: string): Promise<void> {
  stores.cookies.cookie = `${NAME}=${encodeURIComponent(token)}; Max-Age=${MAX_AGE_SECONDS}; Path=/; SameSite=Lax${stores.secure ? '; Secure' : ''}`;
  try {
    stores.local?.setItem(NAME, token);
  } catch {
    // As above.
  }
  await stores.reference.cacheReference(REFERENCE, token).catch(() => undefined);
}

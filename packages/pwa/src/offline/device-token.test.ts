import { describe, expect, it } from 'vitest';
import { openAnswerStore } from '../survey/answer-store';
import { keepDeviceToken, readDeviceToken, type DeviceTokenStores } from './device-token';

const TOKEN = `jxdev1.${'A'.repeat(22)}.${'b'.repeat(43)}`;
const OTHER = `jxdev1.${'C'.repeat(22)}.${'d'.repeat(43)}`;

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

/** A cookie jar like document.cookie: assigning sets one cookie, reading gives all. */
function cookieJar(): { cookie: string; jar: Map<string, string> } {
  const jar = new Map<string, string>();
  return {
    jar,
    get cookie() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text: string) {
      const [pair] = text.split(';');
      const [name, value] = pair.split('=');
      jar.set(name, value);
    },
  };
}

describe('device token stores', () => {
  const stores = (): DeviceTokenStores & { cookies: ReturnType<typeof cookieJar>; local: ReturnType<typeof memoryStorage> } => ({
    cookies: cookieJar(),
    local: memoryStorage(),
    reference: openAnswerStore(`device-token-${crypto.randomUUID()}`, new IDBFactory()),
    secure: false,
  });

  it('has no token on a new device', async () => {
    expect(await readDeviceToken(stores())).toBeNull();
  });

  it.each([
    ['the cookie was cleared', (s: ReturnType<typeof stores>) => s.cookies.jar.clear()],
    ['localStorage was cleared', (s: ReturnType<typeof stores>) => s.local.items.clear()],
    ['the cookie and localStorage were cleared (IndexedDB keeps it)', (s: ReturnType<typeof stores>) => (s.cookies.jar.clear(), s.local.items.clear())],
  ])('keeps the token when %s', async (_what, clear) => {
    const s = stores();
    await keepDeviceToken(s, TOKEN);
    clear(s);
    expect(await readDeviceToken(s)).toBe(TOKEN);
  });

  it('ignores what does not look like a device token, and a later keep replaces the token everywhere', async () => {
    const s = stores();
    s.cookies.cookie = 'jx_device=garbage';
    s.local.setItem('jx_device', '<script>');
    expect(await readDeviceToken(s)).toBeNull();
    await keepDeviceToken(s, TOKEN);
    await keepDeviceToken(s, OTHER);
    expect(await readDeviceToken(s)).toBe(OTHER);
    s.cookies.jar.clear();
    expect(await readDeviceToken(s)).toBe(OTHER);
  });

  it('writes a long-lived cookie for the whole site, Secure on https', async () => {
    const written: string[] = [];
    const s = {
      ...stores(),
      secure: true,
      cookies: {
        get cookie() {
          return '';
        },
        set cookie(text: string) {
          written.push(text);
        },
      },
    };
    await keepDeviceToken(s, TOKEN);
    expect(written[0]).toMatch(/^jx_device=jxdev1\..*; Max-Age=\d{8,}; Path=\/; SameSite=Lax; Secure$/);
  });
});

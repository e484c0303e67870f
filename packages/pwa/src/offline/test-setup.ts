/**
 * Test setup (vite.config.ts `test.setupFiles`), run before any test module is imported.
 * - jsdom's Blob and File have no arrayBuffer()/text() and cannot be structured-cloned, so photos
 *   could not be hashed or stored in fake-indexeddb: use Node's, which behave like the browser's.
 * - jsdom has no IndexedDB: install fake-indexeddb's globals. Dexie looks for them when it loads
 *   (liveQuery never emits without them), even where a test opens its database on a fresh
 *   `new IDBFactory()` (see offline/test-support.ts `freshDb`).
 */
import 'fake-indexeddb/auto';
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';

if (typeof Blob.prototype.arrayBuffer !== 'function') {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
  globalThis.File = NodeFile as unknown as typeof File;
}

// Vant's NavBar measures itself 100, 200 and 300 ms after it mounts (usePlaceholder); a file whose
// last test ends sooner would have jsdom torn down under those timers ("window is not defined").
// They cannot be awaited, so each jsdom file lets them run out before its environment goes.
if (typeof window !== 'undefined') {
  const { afterAll } = await import('vitest');
  afterAll(() => new Promise((resolve) => setTimeout(resolve, 350)));
}

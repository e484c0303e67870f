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

/**
 * Whether a navigation failed because a page's code or styles could not be fetched: offline before
 * the service worker had them, or a deleted old version's file. Chromium says "Failed to fetch
 * dynamically imported module", Safari "Importing a module script failed", Vite's preload helper
 * "Unable to preload CSS for …".
 *
 * @example isMissingChunk(new Error('Unable to preload CSS for /assets/MePage-x.css')) // true
 */
export function isMissingChunk(error: unknown): boolean {
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS|error loading dynamically imported/i.test(String(error));
}

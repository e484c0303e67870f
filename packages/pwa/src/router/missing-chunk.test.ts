import { describe, expect, it } from 'vitest';
import { isMissingChunk } from './missing-chunk';

describe('isMissingChunk', () => {
  it.each([
    ["Chromium's failed import of a page chunk", new TypeError('Failed to fetch dynamically imported module: https://x/assets/MePage-a1.js'), true],
    ["Safari's failed import", new TypeError('Importing a module script failed.'), true],
    ["Firefox's failed import", new TypeError('error loading dynamically imported module: https://x/assets/MePage-a1.js'), true],
    ["Vite's failed CSS preload", new Error('Unable to preload CSS for /assets/OutboxPage-b2.css'), true],
    ['an error thrown by a page itself', new Error('Cannot read properties of undefined'), false],
    ['a refused navigation', 'NavigationDuplicated', false],
  ])('%s → %s', (_what, error, expected) => {
    expect(isMissingChunk(error)).toBe(expected);
  });
});

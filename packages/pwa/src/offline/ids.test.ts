import { afterEach, describe, expect, it, vi } from 'vitest';
import { newClientId, uuidV4 } from './ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4', () => {
  const cases: Array<[string, number[], string]> = [
    ['all zero bytes get only the version and variant bits', Array(16).fill(0), '00000000-0000-4000-8000-000000000000'],
    ['all one bits keep everything but the version and variant', Array(16).fill(0xff), 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
    ['bytes in order are written in order', [...Array(16).keys()], '00010203-0405-4607-8809-0a0b0c0d0e0f'],
  ];

  it.each(cases)('%s', (_sentence, bytes, expected) => {
    expect(uuidV4(Uint8Array.from(bytes))).toBe(expected);
  });

  it('does not change the bytes it is given', () => {
    const bytes = new Uint8Array(16).fill(0xff);
    uuidV4(bytes);
    expect([...bytes]).toEqual(Array(16).fill(0xff));
  });

  it('refuses anything but 16 bytes', () => {
    expect(() => uuidV4(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('newClientId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses crypto.randomUUID where the browser has it', () => {
    const randomUUID = vi.fn(() => '3b241101-e2bb-4255-8caf-4136c566a962');
    expect(newClientId({ randomUUID, getRandomValues: (a) => a })).toBe('3b241101-e2bb-4255-8caf-4136c566a962');
    expect(randomUUID).toHaveBeenCalledOnce();
  });

  it('makes distinct v4 UUIDs from crypto.getRandomValues on an insecure origin (no randomUUID)', () => {
    const { getRandomValues } = globalThis.crypto;
    // As over plain http at an office address: crypto has getRandomValues and nothing else.
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    expect('randomUUID' in globalThis.crypto).toBe(false);
    const ids = Array.from({ length: 1000 }, () => newClientId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(1000);
  });
});

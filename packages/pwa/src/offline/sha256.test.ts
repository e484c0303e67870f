import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Fallback, sha256Hex } from './sha256';

function nodeSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('sha256Hex', () => {
  afterEach(() => vi.unstubAllGlobals());

  const cases: Array<[string, string, string]> = [
    ['the empty input', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['a two-block input', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ];

  it.each(cases)('hashes %s without crypto.subtle (insecure origin) as with it', async (_name, text, expected) => {
    const bytes = new TextEncoder().encode(text);
    expect(await sha256Hex(bytes)).toBe(expected);
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    expect(globalThis.crypto.subtle).toBeUndefined();
    expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
    expect(await sha256Hex(bytes.buffer.slice(0))).toBe(expected);
    expect(await sha256Hex(bytes)).toBe(expected);
  });

  it('hashes a photo-sized input and a view into a larger buffer like node does', async () => {
    const big = new Uint8Array(1_500_000);
    for (let i = 0; i < big.length; i += 65_536) globalThis.crypto.getRandomValues(big.subarray(i, i + 65_536));
    const view = big.subarray(1000, 900_000);
    expect(await sha256Hex(big, null)).toBe(nodeSha256(big));
    expect(await sha256Hex(view, null)).toBe(nodeSha256(view));
    expect(Buffer.from(await sha256Fallback(view)).toString('hex')).toBe(nodeSha256(view));
  });

  it('uses crypto.subtle when there is one', async () => {
    const digest = vi.fn(async () => new Uint8Array(32).fill(0xab).buffer);
    expect(await sha256Hex(new Uint8Array([1]), { digest } as unknown as SubtleCrypto)).toBe('ab'.repeat(32));
    expect(digest).toHaveBeenCalledWith('SHA-256', expect.anything());
  });
});

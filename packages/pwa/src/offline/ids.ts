/**
 * Record ids (clientId) that work on every origin. `crypto.randomUUID` exists only in a secure
 * context (https or 127.0.0.1); at an office address over plain http the browser offers only
 * `crypto.getRandomValues`, which is just as random.
 */

/** The part of `crypto` ids are made from; `randomUUID` is missing on insecure origins. */
export interface RandomSource extends Pick<Crypto, 'getRandomValues'> {
  randomUUID?: () => string;
}

/**
 * A random UUID (version 4, RFC 9562): `crypto.randomUUID()` where the browser has it, otherwise
 * built from 16 bytes of `crypto.getRandomValues`.
 *
 * @example
 * newClientId() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function newClientId(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  return uuidV4(source.getRandomValues(new Uint8Array(16)));
}

/** Formats 16 random bytes as a version 4, variant 10 UUID. */
export function uuidV4(random: Uint8Array): string {
  if (random.length !== 16) throw new RangeError(`UUID 需要 16 个随机字节，收到 ${random.length} 个`);
  const bytes = Uint8Array.from(random);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

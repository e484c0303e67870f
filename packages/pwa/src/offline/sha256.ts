/**
 * SHA-256 on every origin. `crypto.subtle` exists only in a secure context; over plain http at an
 * office address the app falls back to @noble/hashes (audited, pure JS), loaded only then so that
 * https visitors never download it.
 */

/**
 * Lower-case hex SHA-256 of the bytes: the photo's name in `PUT /uploads/<sha256>` and in records.
 * Uses `subtle` (default: the browser's `crypto.subtle`) when there is one.
 *
 * @example
 * await sha256Hex(new Blob(['abc'])) // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(
  data: Blob | ArrayBuffer | ArrayBufferView,
  subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle,
): Promise<string> {
  const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : toBytes(data);
  const digest = subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource)) : await sha256Fallback(bytes);
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The pure-JS digest, as used when the browser has no `crypto.subtle`. */
export async function sha256Fallback(bytes: Uint8Array): Promise<Uint8Array> {
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return sha256(bytes);
}

function toBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

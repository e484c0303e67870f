import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'jxdev1';

function signatureOf(secret: string, deviceId: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${deviceId}`).digest('base64url');
}

/**
 * A device token "jxdev1.<id>.<HMAC-SHA256>": the public survey page keeps it (cookie and browser
 * storage) and sends it with every answer, so the server can hold a device to its number of answers.
 * It names no person and does not expire. Made with the server's secret, so nobody can mint one
 * offline; fetching fresh ones is what the per-address rate limit is for.
 */
export function issueDeviceToken(secret: string): string {
  const deviceId = randomBytes(16).toString('base64url');
  return `${PREFIX}.${deviceId}.${signatureOf(secret, deviceId)}`;
}

/** The device id of a token this server signed, or null. */
export function verifyDeviceToken(secret: string, token: string): string | null {
  const [prefix, deviceId, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !deviceId || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]{22}$/.test(deviceId)) return null;
  const expected = Buffer.from(signatureOf(secret, deviceId));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? deviceId : null;
}

/** An address as stored on a response: keyed, so the table does not hold addresses. */
export function hashAddress(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`address.${address}`).digest('base64url');
}

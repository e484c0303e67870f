import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a bearer token says: who, which token generation, until when (seconds since epoch). */
export interface TokenClaims {
  sub: string;
  ver: number;
  exp: number;
}

const PREFIX = 'jx1';

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest('base64url');
}

/**
 * Signs claims into a compact token "jx1.<payload>.<signature>" (HMAC-SHA256). Bumping the user's
 * tokenVersion revokes every token issued before.
 */
export function issueToken(secret: string, claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}.${payload}.${sign(secret, payload)}`;
}

/** The claims of a valid, unexpired token, or null. */
export function verifyToken(secret: string, token: string, nowSeconds = Date.now() / 1000): TokenClaims | null {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    if (typeof claims.sub !== 'string' || typeof claims.ver !== 'number' || typeof claims.exp !== 'number') return null;
    return claims.exp > nowSeconds ? claims : null;
  } catch {
    return null;
  }
}

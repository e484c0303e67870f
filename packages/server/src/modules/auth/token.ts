import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a bearer token says: who, which token generation, until when (seconds since epoch). */
export interface TokenClaims {
  sub: string;
  ver: number;
  exp: number;
}

/**
 * A short-lived signed link for a browser download (XLSX, printable report): the browser cannot
 * send the bearer token when it follows a link, so the link carries its own signed claims.
 */
export interface DownloadClaims {
  /** What to produce, e.g. "self-evaluation" or "report". */
  kind: string;
  /** The user it was issued to (re-checked when followed). */
  sub: string;
  /** The user's token version when issued: a password change, reset or disable voids the link too. */
  ver: number;
  /** Parameters of the download, e.g. { projectId } or { orgCode, year }. */
  params: Record<string, string | number>;
  exp: number;
}

/** Compact signed claims "<prefix>.<payload>.<HMAC-SHA256>"; the prefix keeps the kinds apart. */
function sign(secret: string, prefix: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${prefix}.${payload}`).digest('base64url');
  return `${prefix}.${payload}.${signature}`;
}

function verify<T extends { exp: number }>(secret: string, prefix: string, token: string, valid: (claims: T) => boolean, nowSeconds: number): T | null {
  const [given, payload, signature] = token.split('.');
  if (given !== prefix || !payload || !signature) return null;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${prefix}.${payload}`).digest('base64url'));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
    return typeof claims.exp === 'number' && valid(claims) && claims.exp > nowSeconds ? claims : null;
  } catch {
    return null;
  }
}

/** Signs login claims; bumping the user's tokenVersion revokes every token issued before. */
export function issueToken(secret: string, claims: TokenClaims): string {
  return sign(secret, 'jx1', claims);
}

/** The claims of a valid, unexpired token, or null. */
export function verifyToken(secret: string, token: string, nowSeconds = Date.now() / 1000): TokenClaims | null {
  return verify<TokenClaims>(secret, 'jx1', token, (c) => typeof c.sub === 'string' && typeof c.ver === 'number', nowSeconds);
}

export function issueDownloadToken(secret: string, claims: DownloadClaims): string {
  return sign(secret, 'jxd1', claims);
}

/** The claims of a valid, unexpired download token, or null. */
export function verifyDownloadToken(secret: string, token: string, nowSeconds = Date.now() / 1000): DownloadClaims | null {
  return verify<DownloadClaims>(
    secret,
    'jxd1',
    token,
    (c) => typeof c.kind === 'string' && typeof c.sub === 'string' && typeof c.ver === 'number' && typeof c.params === 'object',
    nowSeconds,
  );
}

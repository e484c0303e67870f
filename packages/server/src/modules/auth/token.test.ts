import { describe, expect, it } from 'vitest';
import { issueDownloadToken, issueToken, verifyDownloadToken, verifyToken } from './token.js';

describe('signed tokens', () => {
  const now = 1_800_000_000;

  it('verify what they signed until they expire', () => {
    const login = issueToken('s', { sub: 'u1', ver: 2, exp: now + 60 });
    expect(verifyToken('s', login, now)).toEqual({ sub: 'u1', ver: 2, exp: now + 60 });
    expect(verifyToken('s', login, now + 61)).toBeNull();
    const download = issueDownloadToken('s', { kind: 'report', sub: 'u1', ver: 0, params: { projectId: 'p' }, exp: now + 60 });
    expect(verifyDownloadToken('s', download, now)).toEqual({ kind: 'report', sub: 'u1', ver: 0, params: { projectId: 'p' }, exp: now + 60 });
  });

  it('refuse another secret, a changed payload, and one kind used as the other', () => {
    const login = issueToken('s', { sub: 'u1', ver: 0, exp: now + 60 });
    expect(verifyToken('other', login, now)).toBeNull();
    const [prefix, , signature] = login.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', ver: 0, exp: now + 60 })).toString('base64url');
    expect(verifyToken('s', `${prefix}.${forged}.${signature}`, now)).toBeNull();
    const download = issueDownloadToken('s', { kind: 'report', sub: 'u1', ver: 0, params: {}, exp: now + 60 });
    expect(verifyToken('s', download, now)).toBeNull();
    expect(verifyDownloadToken('s', login, now)).toBeNull();
    expect(verifyToken('s', 'garbage', now)).toBeNull();
  });
});

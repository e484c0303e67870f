import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ANONYMOUS_LIMITS, SIGNED_IN_LIMITS, type DocumentLimits } from './graphql/document-limits.js';

export interface AppConfig {
  /** Signs bearer tokens. */
  secret: string;
  /** How long a login lasts. */
  tokenTtlSeconds: number;
  /** Production hides introspection and error details. */
  production: boolean;
  /** Largest request body accepted (bytes). */
  bodyLimitBytes: number;
  /** What a GraphQL document may contain, without and with a valid bearer token (graphql/document-limits.ts). */
  graphqlLimits: { anonymous: DocumentLimits; signedIn: DocumentLimits };
  /** Longest a GraphQL query may run before it is stopped (REQUEST_TIMEOUT). */
  maxExecutionMs: number;
  /** Longest a client may take to send a whole request, headers and body (slow-body connections are closed). */
  requestTimeoutMs: number;
  /** The built PWA to serve at "/", or null. */
  pwaDir: string | null;
  /** Log requests (pino); tests turn it off. */
  logger: boolean;
  /** Where uploaded photos are kept, content-addressed (`<dir>/ab/<sha256>.jpg`): `dataPaths().uploads`. */
  uploadsDir: string;
  /** Largest photo accepted by `PUT /uploads/<sha256>` (bytes); phone photos are 2–12 MB. */
  uploadMaxBytes: number;
  /** Most pixels a photo may claim; refused from its header, before decoding (decompression bombs). */
  uploadMaxPixels: number;
  /** Photos decoded at once (each 40 MP one takes ~200 MB while decoding); JIXIAO_DECODE_CONCURRENCY. */
  decodeConcurrency: number;
  /** Photos that may wait for a decoding slot; past that an upload answers 503 SERVER_BUSY. */
  decodeMaxWaiting: number;
  /** Serve https (HTTP/2 and HTTP/1.1) with this certificate and key (PEM), or plain http. */
  tls: { cert: string; key: string } | null;
  /** Believe X-Forwarded-For / -Proto / -Host: set behind a reverse proxy (nginx, Caddy), never when exposed directly. */
  trustProxy: boolean;
  /** The local CA certificate (PEM) offered at /ca.crt and on /setup, or null. */
  caCertPem: string | null;
}

/** The defaults; the secret and the photo folder come from the data folder (`dataPaths`), so they have none. */
export const DEFAULT_CONFIG: Omit<AppConfig, 'secret' | 'uploadsDir'> = {
  tokenTtlSeconds: 12 * 60 * 60,
  production: process.env.NODE_ENV === 'production',
  bodyLimitBytes: 5 * 1024 * 1024,
  graphqlLimits: { anonymous: ANONYMOUS_LIMITS, signedIn: SIGNED_IN_LIMITS },
  maxExecutionMs: 10_000,
  // A 15 MB photo over a slow mobile uplink (about 1 Mbit/s) takes two minutes.
  requestTimeoutMs: 120_000,
  pwaDir: null,
  logger: true,
  uploadMaxBytes: 15 * 1024 * 1024,
  uploadMaxPixels: 40_000_000,
  decodeConcurrency: positiveInteger(process.env.JIXIAO_DECODE_CONCURRENCY) ?? 2,
  decodeMaxWaiting: 16,
  tls: null,
  trustProxy: false,
  caCertPem: null,
};

function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The data folder when neither --data-dir nor JIXIAO_DATA_DIR names one, relative to the working directory. */
export const DEFAULT_DATA_DIR = 'data';

/** Everything the product keeps on disk, as absolute paths (docs/data-and-backup.md). */
export interface DataPaths {
  /** The data folder itself. */
  root: string;
  /** The SQLite file; `--db` / DATABASE_URL replace it (and only it). */
  database: string;
  /** Photos and their thumbnails. */
  uploads: string;
  /** The token secret (signs logins and download links). */
  secret: string;
  /** Where `jixiao backup` writes by default. */
  backups: string;
  /** Certificates and keys for https. */
  tls: string;
  /** The audit log's HMAC key (JIXIAO_AUDIT_KEY replaces it): without it old entries cannot be verified. */
  auditKey: string;
  /** The audit log's head (count and last hash), one file per chain, rewritten after each append: catches truncation. */
  auditHeads: string;
}

/**
 * The layout of a data folder: `dataDir`, else JIXIAO_DATA_DIR, else `data` in the working
 * directory. Every command that reads or writes data takes its paths from here.
 *
 * @example dataPaths('/srv/jixiao').uploads // '/srv/jixiao/uploads'
 */
export function dataPaths(dataDir?: string): DataPaths {
  const root = resolve(dataDir ?? (process.env.JIXIAO_DATA_DIR || DEFAULT_DATA_DIR));
  return {
    root,
    database: join(root, 'jixiao.sqlite'),
    uploads: join(root, 'uploads'),
    secret: join(root, 'secret'),
    backups: join(root, 'backups'),
    tls: join(root, 'tls'),
    auditKey: join(root, 'audit.key'),
    auditHeads: join(root, 'audit-heads'),
  };
}

/**
 * The token secret: JIXIAO_SECRET, else one generated once and kept in the data folder
 * (`dataPaths().secret`), so that logins survive a restart.
 */
export function loadSecret(secretFile: string): string {
  if (process.env.JIXIAO_SECRET) return process.env.JIXIAO_SECRET;
  if (existsSync(secretFile)) return readFileSync(secretFile, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(secretFile), { recursive: true, mode: 0o700 });
  writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}

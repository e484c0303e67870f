import { readFileSync } from 'node:fs';
import type { Dialect } from '../db.js';

/** What `manifest.json` says it is; restore refuses anything else. */
export const BACKUP_FORMAT = 'jixiao-backup';
/** Raised when the archive layout or the manifest changes incompatibly. */
export const BACKUP_FORMAT_VERSION = 1;

/** Names of the files inside an archive (docs/data-and-backup.md). */
export const ARCHIVE_MANIFEST = 'manifest.json';
export const ARCHIVE_SQLITE = 'database/jixiao.sqlite';
export const ARCHIVE_PG_DUMP = 'database/jixiao.pgdump';
export const ARCHIVE_SECRET = 'secret';
export const ARCHIVE_UPLOADS = 'uploads';
/** The https certificates and the local CA of `jixiao tls init`: phones trust that CA, so it must survive a restore. */
export const ARCHIVE_TLS = 'tls';
/** The audit log's HMAC key and its anchor (head), from the data folder: without them the restored log cannot be verified. */
export const ARCHIVE_AUDIT_KEY = 'audit.key';
/** The folder of anchor files (one per chain; an archive holds the one of its database). */
export const ARCHIVE_AUDIT_HEADS = 'audit-heads';

/** The tables counted in the manifest, by the name the manifest uses. Every entity's table is here (a test checks). */
export const COUNTED_TABLES = {
  organizations: 'organization',
  sites: 'site',
  users: 'app_user',
  projects: 'project',
  indicators: 'indicator',
  actuals: 'actual',
  spendings: 'spending',
  equipmentItems: 'equipment_item',
  inspections: 'inspection',
  uploads: 'upload',
  surveys: 'survey',
  surveyCodes: 'survey_code',
  surveyResponses: 'survey_response',
  auditEvents: 'audit_event',
} as const;

/**
 * Tables added after archives were first made, left out of the counts so that an older archive (whose
 * database lacks them) still restores; they are in the archive's database all the same.
 * upload_holder: which units hold a photo another unit uploaded first (uploads are counted);
 * survey_rate_limit and login_throttle: short-lived limiter state, not records;
 * inspection_tally and inspection_place_tally: derived from the inspections (evidence.service.ts);
 * project_scorecard, indicator_scorecard, organization_scorecard: the stored scores, derived from
 * the records of the same snapshot. The archive's copies are of the same snapshot, and a database
 * without them builds them on first use.
 */
export const UNCOUNTED_TABLES = [
  'upload_holder',
  'survey_rate_limit',
  'login_throttle',
  'inspection_tally',
  'inspection_place_tally',
  'project_scorecard',
  'indicator_scorecard',
  'organization_scorecard',
] as const;

export type CountName = keyof typeof COUNTED_TABLES;
export type TableCounts = Record<CountName, number>;

const COUNT_LABELS: Record<CountName, string> = {
  organizations: '单位',
  sites: '地点',
  users: '用户',
  projects: '项目',
  indicators: '指标',
  actuals: '实际值',
  spendings: '支出记录',
  equipmentItems: '设备',
  inspections: '验收记录',
  uploads: '照片记录',
  surveys: '问卷',
  surveyCodes: '问卷码',
  surveyResponses: '问卷答卷',
  auditEvents: '审计日志',
};

/** The last entry of the audit hash chain at the moment of the backup. */
export interface AuditHead {
  count: number;
  headSeq: number | null;
  headHash: string | null;
  /** The hash of the first entry: names the chain in the audit anchor file (absent in older manifests). */
  firstHash?: string | null;
}

/** What a backup found in the database, read from the same snapshot that was archived. */
export interface DatabaseFacts {
  /** Executed migrations, oldest first: the schema version. */
  migrations: string[];
  counts: TableCounts;
  audit: AuditHead;
}

export interface ArchivedFile {
  bytes: number;
  sha256: string;
}

/** `manifest.json`, the last entry of every archive. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** Version of the Jixiao that made the backup. */
  jixiaoVersion: string;
  database: {
    dialect: Dialect;
    /** The database file in the archive; null when pg_dump was not available. */
    file: string | null;
    migrations: string[];
  };
  counts: TableCounts;
  audit: AuditHead;
  photos: { files: number; bytes: number };
  /** Whether the token secret is in the archive. */
  secret: boolean;
  /** Whether the audit key and the audit anchor are in the archive (absent in archives made before they existed). */
  auditKey?: boolean;
  auditAnchor?: boolean;
  /** Every other file of the archive with its size and SHA-256 (hex). */
  files: Record<string, ArchivedFile>;
}

/** Runs one query and returns its rows; SQLite (better-sqlite3) and PostgreSQL alike. */
export type RunQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** Counts, schema version and audit head of a database, through `query`. */
export async function readDatabaseFacts(query: RunQuery): Promise<DatabaseFacts> {
  const migrations = (await query('select name from mikro_orm_migrations order by id')).map((row) => String(row.name));
  const counts = {} as TableCounts;
  for (const [name, table] of Object.entries(COUNTED_TABLES) as Array<[CountName, string]>) {
    const [row] = await query(`select count(*) as n from "${table}"`);
    counts[name] = Number(row.n);
  }
  const [head] = await query('select seq, hash from audit_event order by seq desc limit 1');
  const [first] = await query('select hash from audit_event where seq = 1');
  return {
    migrations,
    counts,
    audit: {
      count: counts.auditEvents,
      headSeq: head ? Number(head.seq) : null,
      headHash: head ? String(head.hash) : null,
      firstHash: first ? String(first.hash) : null,
    },
  };
}

/** The counts as one line for people: "项目 5，指标 41，…". */
export function describeCounts(counts: TableCounts): string {
  return (Object.keys(COUNT_LABELS) as CountName[]).map((name) => `${COUNT_LABELS[name]} ${counts[name]}`).join('，');
}

/** The version of this Jixiao, from the server's package.json. */
export function jixiaoVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

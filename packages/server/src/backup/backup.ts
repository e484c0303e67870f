import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { IsolationLevel } from '@mikro-orm/core';
import { CliError } from '../cli/cli-errors.js';
import { dataPaths } from '../config.js';
import { DatabaseError, describeDatabase, dialectOf, openPostgresConnection } from '../db.js';
import { databaseUrl } from '../main.js';
import { ArchiveWriter, isArchiveName, removeWorkDir } from './archive.js';
import { anchorFileName, AuditLedger, type AuditAnchor } from '../modules/audit/audit-ledger.js';
import {
  ARCHIVE_AUDIT_HEADS,
  ARCHIVE_AUDIT_KEY,
  ARCHIVE_MANIFEST,
  ARCHIVE_PG_DUMP,
  ARCHIVE_SECRET,
  ARCHIVE_SQLITE,
  ARCHIVE_TLS,
  ARCHIVE_UPLOADS,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  describeCounts,
  jixiaoVersion,
  readDatabaseFacts,
  type BackupManifest,
  type DatabaseFacts,
  type RunQuery,
} from './manifest.js';
import { pgToolPath, runPgTool } from './postgres-tools.js';

export interface BackupOptions {
  dataDir?: string;
  db?: string;
  /** The archive to write; default `<data>/backups/jixiao-YYYYMMDD-HHMMSS.tar.gz` (local time). */
  out?: string;
  /** Progress and warnings for the person waiting (stderr). */
  progress: (line: string) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  /** The archive is incomplete (no database dump): the caller says so and exits non-zero. */
  complete: boolean;
}

/** Photos added between two progress lines. */
const PROGRESS_EVERY = 200;

function defaultArchiveName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `jixiao-${date}-${time}.tar.gz`;
}

/** Every file under `dir` as a relative path with "/", sorted; files still being written (`*.tmp`) are left out. */
async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp') && !entry.name.startsWith('.'))
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

function partition<T>(items: T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}

function hasMigrationTable(rows: Array<Record<string, unknown>>): boolean {
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Copies a live SQLite database with SQLite's online backup API, on a connection of its own: the
 * server keeps writing meanwhile. All pages go in one step, so the copy is one consistent moment
 * and never restarts because of a concurrent write. The facts are read from the copy, so the
 * manifest describes exactly what is archived.
 */
async function snapshotSqlite(file: string, copy: string): Promise<DatabaseFacts> {
  const database = describeDatabase(file);
  if (!existsSync(file)) throw new DatabaseError(database, 'missing');
  if (!(await stat(file)).isFile()) throw new DatabaseError(database, 'open-failed', Object.assign(new Error('not a file'), { code: 'EISDIR' }));
  let source: Database.Database | null = null;
  try {
    // Read-write, not readonly: a readonly connection leaves its -wal and -shm files behind.
    source = new Database(file, { fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    await source.backup(copy, { progress: () => 0x7fffffff });
  } catch (error) {
    throw new DatabaseError(database, 'open-failed', error);
  } finally {
    source?.close();
  }
  const snapshot = new Database(copy, { fileMustExist: true });
  try {
    // A plain file (no WAL) in the archive; the server turns WAL on again when it opens it.
    snapshot.pragma('journal_mode = DELETE');
    const query: RunQuery = async (sql) => snapshot.prepare(sql).all() as Array<Record<string, unknown>>;
    if (!hasMigrationTable(await query(`select count(*) as n from sqlite_master where type = 'table' and name = 'mikro_orm_migrations'`))) {
      throw new DatabaseError(database, 'not-jixiao');
    }
    return await readDatabaseFacts(query);
  } finally {
    snapshot.close();
  }
}

/**
 * Dumps a PostgreSQL database with pg_dump, and reads the facts from the very snapshot pg_dump
 * uses (an exported snapshot of a REPEATABLE READ transaction held open meanwhile). Without
 * pg_dump only the facts are read, and `dumped` is false.
 */
async function dumpPostgres(url: string, dump: string): Promise<{ facts: DatabaseFacts; dumped: boolean }> {
  const database = describeDatabase(url);
  const orm = await openPostgresConnection(url);
  try {
    return await orm.em.transactional(
      async (tx) => {
        const ctx = tx.getTransactionContext();
        const query: RunQuery = (sql) => tx.getConnection().execute<Array<Record<string, unknown>>>(sql, [], 'all', ctx);
        const [{ id }] = await query('select pg_export_snapshot() as id');
        const tables = await query(
          `select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'mikro_orm_migrations'`,
        );
        if (!hasMigrationTable(tables)) throw new DatabaseError(database, 'not-jixiao');
        const facts = await readDatabaseFacts(query);
        const dumped = await runPgTool('pg_dump', ['--format=custom', `--snapshot=${String(id)}`, `--file=${dump}`], url);
        return { facts, dumped };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  } finally {
    await orm.close(true);
  }
}

function readAnchorsOrNone(paths: { auditKey: string; auditHeads: string }): Record<string, AuditAnchor> {
  try {
    return AuditLedger.inDataFolder(paths).readAnchors();
  } catch {
    return {};
  }
}

/**
 * The anchor that goes with the copied database: its own head, so that the restored folder verifies —
 * unless the data folder's anchor names more entries than the copy holds (entries were removed from
 * the end before the backup): then that one, so that `audit verify` on the restored folder says so.
 */
function archivedAnchor(live: Record<string, AuditAnchor>, facts: DatabaseFacts): AuditAnchor | null {
  const { firstHash, headSeq, headHash } = facts.audit;
  if (!firstHash || headSeq === null || headHash === null) return null;
  const anchor = live[firstHash];
  return anchor && anchor.count > headSeq ? anchor : { chain: firstHash, count: headSeq, hash: headHash, at: new Date().toISOString() };
}

/**
 * Writes one archive of a data folder: the database (SQLite online backup, or pg_dump), the token
 * secret, every photo and thumbnail, and `manifest.json` with counts, schema version, audit head
 * and the SHA-256 of every file. Safe while the server runs: the database is copied first, and
 * photos are written before the rows that name them, so every photo row in the copy has its files.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const paths = dataPaths(options.dataDir);
  const url = databaseUrl(options.db, options.dataDir);
  const dialect = dialectOf(url);
  const createdAt = new Date();
  const out = resolve(options.out ?? join(paths.backups, defaultArchiveName(createdAt)));
  if (existsSync(out)) throw new CliError(`备份文件已存在：${out}（不会覆盖；请用 --out 另选文件名）`);
  if (dialect === 'sqlite' && !existsSync(url)) throw new DatabaseError(describeDatabase(url), 'missing');
  // The first folder this made, if any: removed again when the backup fails.
  const madeDir = await mkdir(dirname(out), { recursive: true });
  const work = await mkdtemp(join(dirname(out), '.jixiao-backup-'));
  let finished = false;
  try {
    const partial = join(work, 'archive.tar.gz');
    const writer = ArchiveWriter.create(partial);
    let manifest: BackupManifest;
    try {
      // Read before the snapshot: an anchor written later could name entries the copy does not have.
      const liveAnchors = readAnchorsOrNone(paths);
      options.progress(`正在备份数据库：${describeDatabase(url)}\n`);
      let facts: DatabaseFacts;
      let databaseFile: string | null = null;
      if (dialect === 'sqlite') {
        const copy = join(work, 'jixiao.sqlite');
        facts = await snapshotSqlite(url, copy);
        await writer.addFile(ARCHIVE_SQLITE, copy);
        databaseFile = ARCHIVE_SQLITE;
      } else {
        const dump = join(work, 'jixiao.pgdump');
        const result = await dumpPostgres(url, dump);
        facts = result.facts;
        if (result.dumped) {
          await writer.addFile(ARCHIVE_PG_DUMP, dump);
          databaseFile = ARCHIVE_PG_DUMP;
        } else {
          options.progress(
            `警告：找不到 ${pgToolPath('pg_dump')}（PostgreSQL 客户端工具），数据库未包含在备份中。请安装 postgresql-client，` +
              `或另外运行：pg_dump --format=custom --file=jixiao.pgdump '${describeDatabase(url)}'，并与本备份一起保存\n`,
          );
        }
      }
      options.progress(`数据库已备份：${describeCounts(facts.counts)}\n`);

      let secret = false;
      if (existsSync(paths.secret)) {
        await writer.addFile(ARCHIVE_SECRET, paths.secret);
        secret = true;
      } else {
        options.progress(
          process.env.JIXIAO_SECRET
            ? '提示：令牌密钥取自环境变量 JIXIAO_SECRET，不在备份中；恢复后请设置同一个 JIXIAO_SECRET\n'
            : `提示：数据目录中没有令牌密钥（${paths.secret}），备份中不含密钥\n`,
        );
      }

      const auditKey = existsSync(paths.auditKey);
      if (auditKey) await writer.addFile(ARCHIVE_AUDIT_KEY, paths.auditKey);
      else if (process.env.JIXIAO_AUDIT_KEY) options.progress('提示：审计密钥取自环境变量 JIXIAO_AUDIT_KEY，不在备份中；恢复后请设置同一个 JIXIAO_AUDIT_KEY\n');
      const anchor = archivedAnchor(liveAnchors, facts);
      if (anchor) await writer.addBuffer(`${ARCHIVE_AUDIT_HEADS}/${anchorFileName(anchor.chain)}`, Buffer.from(`${JSON.stringify(anchor, null, 2)}\n`));

      // Names restore would refuse (spaces, hidden folders …) are not archived: a backup must restore.
      const [photos, skippedPhotos] = partition(await listFiles(paths.uploads), (name) => isArchiveName(`${ARCHIVE_UPLOADS}/${name}`));
      if (skippedPhotos.length > 0) {
        options.progress(`警告：uploads/ 中有 ${skippedPhotos.length} 个不是 Jixiao 写入的文件，未备份（如 ${skippedPhotos[0]}）\n`);
      }
      options.progress(`正在打包照片：共 ${photos.length} 个文件（含缩略图）\n`);
      let photoBytes = 0;
      for (const [index, photo] of photos.entries()) {
        photoBytes += (await writer.addFile(`${ARCHIVE_UPLOADS}/${photo}`, join(paths.uploads, photo))).bytes;
        if ((index + 1) % PROGRESS_EVERY === 0 && index + 1 < photos.length) options.progress(`照片：${index + 1}/${photos.length}\n`);
      }
      if (photos.length > 0) options.progress(`照片：${photos.length}/${photos.length}\n`);

      // The local CA: phones trust it, so a restored server must offer the same one.
      const [certificates] = partition(await listFiles(paths.tls), (name) => isArchiveName(`${ARCHIVE_TLS}/${name}`));
      for (const name of certificates) await writer.addFile(`${ARCHIVE_TLS}/${name}`, join(paths.tls, name));
      if (certificates.length > 0) options.progress(`证书：${certificates.length} 个文件（${paths.tls}）\n`);

      manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: createdAt.toISOString(),
        jixiaoVersion: jixiaoVersion(),
        database: { dialect, file: databaseFile, migrations: facts.migrations },
        counts: facts.counts,
        audit: facts.audit,
        photos: { files: photos.length, bytes: photoBytes },
        secret,
        auditKey,
        auditAnchor: anchor !== null,
        files: writer.hashes(),
      };
      await writer.addBuffer(ARCHIVE_MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), false);
      await writer.finish();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    await rename(partial, out);
    finished = true;
    return { file: out, bytes: (await stat(out)).size, manifest, complete: manifest.database.file !== null };
  } finally {
    await removeWorkDir(work);
    if (!finished && madeDir) await removeWorkDir(madeDir);
  }
}

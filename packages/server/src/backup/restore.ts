import { chmodSync, constants, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MikroORM } from '@mikro-orm/core';
import { CliError } from '../cli/cli-errors.js';
import { dataPaths, type DataPaths } from '../config.js';
import { describeDatabase, dialectOf, migrationsOf, openPostgresConnection } from '../db.js';
import { databaseUrl } from '../main.js';
import { ArchiveTooLarge, extractArchive, removeWorkDir, UnexpectedArchiveEntry } from './archive.js';
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
  readDatabaseFacts,
  type ArchivedFile,
  type BackupManifest,
  type DatabaseFacts,
  type RunQuery,
} from './manifest.js';
import { pgToolPath, runPgTool } from './postgres-tools.js';

export interface RestoreOptions {
  dataDir?: string;
  /** At most this many bytes are unpacked (default: the free space of the disk, less a reserve). */
  maxUnpackedBytes?: number;
  /** A SQLite path to restore the database to, or the URL of an empty PostgreSQL database for a PostgreSQL backup. */
  db?: string;
  progress: (line: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** The data folder restored into. */
  root: string;
  /** Where the database now is (path or URL without password); null when it is left to the user (PostgreSQL). */
  database: string | null;
  /** A PostgreSQL dump kept in the data folder for the user to pg_restore, with the commands to run. */
  pending: { dump: string; commands: string[] } | null;
}

/** Kept free on the disk while unpacking: the server and the database need room too. */
const DISK_RESERVE = 256 * 1024 * 1024;

/** What the disk holding `dir` can take without filling up. */
async function spareBytes(dir: string): Promise<number> {
  const disk = await statfs(dir);
  return Math.max(0, disk.bavail * disk.bsize - DISK_RESERVE);
}

const megabytes = (bytes: number) => Math.floor(bytes / 1024 / 1024).toLocaleString('en-US');

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Refuses a data folder that holds data already: restore never overwrites anything. */
async function refuseOccupied(paths: DataPaths, url: string): Promise<void> {
  const found =
    dialectOf(url) === 'sqlite' && existsSync(url)
      ? `已有数据库 ${resolve(url)}`
      : !(await isEmptyDir(paths.uploads))
        ? `已有照片 ${paths.uploads}`
        : existsSync(paths.secret)
          ? `已有令牌密钥 ${paths.secret}`
          : existsSync(paths.auditKey)
            ? `已有审计密钥 ${paths.auditKey}`
            : null;
  if (found) {
    throw new CliError(`数据目录中${found}。restore 只恢复到空的（或不存在的）数据目录，不会覆盖现有数据；请用 --data-dir 指定一个新文件夹`);
  }
}

function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.createdAt === 'string' &&
    typeof m.files === 'object' &&
    m.files !== null &&
    typeof m.counts === 'object' &&
    m.counts !== null &&
    typeof m.database === 'object' &&
    m.database !== null &&
    Array.isArray(m.database.migrations) &&
    (m.database.dialect === 'sqlite' || m.database.dialect === 'postgresql')
  );
}

/** Reads manifest.json and checks every file of the archive against it, before anything is put in place. */
async function verifiedManifest(dir: string, files: Record<string, ArchivedFile>, archive: string): Promise<BackupManifest> {
  if (!files[ARCHIVE_MANIFEST]) throw new CliError(`${archive} 中没有 manifest.json：不是 jixiao backup 生成的备份`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(dir, ARCHIVE_MANIFEST), 'utf8'));
  } catch {
    throw new CliError(`${archive} 的 manifest.json 无法解析：备份已损坏`);
  }
  const format = (manifest as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT || typeof format.formatVersion !== 'number') {
    throw new CliError(`${archive} 不是 jixiao backup 生成的备份（manifest.json 的 format 不对）`);
  }
  if (format.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new CliError(`${archive} 的备份格式为第 ${format.formatVersion} 版，本程序只认识第 ${BACKUP_FORMAT_VERSION} 版：请先升级 Jixiao`);
  }
  if (!isManifest(manifest)) throw new CliError(`${archive} 的 manifest.json 缺少必需的内容：备份已损坏`);
  if (manifest.secret && !(ARCHIVE_SECRET in manifest.files)) throw new CliError(`备份不完整：${archive} 中缺少令牌密钥 ${ARCHIVE_SECRET}`);
  for (const [name, expected] of Object.entries(manifest.files)) {
    const actual = files[name];
    if (!actual) throw new CliError(`备份不完整：${archive} 中缺少 ${name}`);
    if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes) {
      throw new CliError(`备份已损坏：${archive} 中 ${name} 的 SHA-256 与清单不符`);
    }
  }
  for (const name of Object.keys(files)) {
    if (name !== ARCHIVE_MANIFEST && !(name in manifest.files)) throw new CliError(`备份已被改动：${archive} 中的 ${name} 不在清单中`);
  }
  if (manifest.database.file !== null && !(manifest.database.file in manifest.files)) {
    throw new CliError(`备份不完整：${archive} 中缺少数据库文件 ${manifest.database.file}`);
  }
  // An older schema is upgraded when the server starts; a newer one this version cannot read.
  const known = new Set(migrationsOf(manifest.database.dialect).map((m) => m.name));
  const unknown = manifest.database.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new CliError(`备份来自较新的 Jixiao（${manifest.jixiaoVersion ?? '未知版本'}，数据库迁移 ${unknown.join('、')}）：请先升级本程序再恢复`);
  }
  return manifest;
}

/** The archived SQLite file holds what the manifest says: same counts, same audit head. */
async function checkSqliteCopy(file: string, manifest: BackupManifest): Promise<void> {
  const copy = new Database(file, { fileMustExist: true });
  let facts: DatabaseFacts;
  try {
    facts = await readDatabaseFacts(async (sql) => copy.prepare(sql).all() as Array<Record<string, unknown>>);
  } finally {
    copy.close();
  }
  checkFacts(facts, manifest);
}

function checkFacts(facts: DatabaseFacts, manifest: BackupManifest): void {
  const same =
    JSON.stringify(facts.counts) === JSON.stringify(manifest.counts) &&
    facts.audit.headSeq === manifest.audit.headSeq &&
    facts.audit.headHash === manifest.audit.headHash;
  if (!same) throw new CliError('恢复出的数据库与备份清单中的记录数或审计链尾不一致：备份已损坏，未恢复');
}

/** Opens an existing PostgreSQL database with no tables of its own, to restore into. */
async function openEmptyPostgres(url: string): Promise<MikroORM> {
  const database = describeDatabase(url);
  const orm = await openPostgresConnection(url);
  try {
    const [row] = await orm.em
      .getConnection()
      .execute<Array<{ n: string | number }>>(`select count(*) as n from information_schema.tables where table_schema = current_schema()`);
    if (Number(row.n) > 0) {
      throw new CliError(`PostgreSQL 数据库 ${database} 不是空的（已有 ${row.n} 张表）：请恢复到新建的空数据库（createdb 新库名）`);
    }
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

/** Moves a file or folder; across file systems (EXDEV) by copying. Never replaces an existing file. */
async function place(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  if (existsSync(to)) throw new CliError(`恢复中止：${to} 已存在，不会覆盖`);
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to, constants.COPYFILE_EXCL);
    await rm(from);
  }
}

/** The order in which restored entries are moved into an existing data folder (anything else before the database). */
const COMMIT_ORDER = ['uploads', 'secret', 'audit.key', 'tls', 'backups', 'audit-heads'];

/**
 * Moves the assembled data folder into place: the whole folder when there was none, else each of its
 * entries into the existing (empty but for backups/ and tls/) folder, merging backups/. Renames on
 * one file system; if one fails, the ones already made are undone, so the folder is as it was.
 */
async function commitLayout(layout: string, root: string, rootExists: boolean, outsideDatabase: { from: string; to: string } | null): Promise<void> {
  const done: Array<{ from: string; to: string }> = [];
  let removedEmptyUploads: string | null = null;
  const move = async (from: string, to: string) => {
    await place(from, to);
    done.push({ from, to });
  };
  try {
    if (outsideDatabase) await move(outsideDatabase.from, outsideDatabase.to);
    if (!rootExists) {
      await move(layout, root);
      return;
    }
    // Photos first, the database last: until it is there, the folder is not a usable data folder.
    const rank = (name: string) =>
      name === 'jixiao.sqlite' ? COMMIT_ORDER.length : COMMIT_ORDER.indexOf(name) === -1 ? COMMIT_ORDER.length - 1 : COMMIT_ORDER.indexOf(name);
    const names = (await readdir(layout)).sort((a, b) => rank(a) - rank(b));
    for (const name of names) {
      const from = join(layout, name);
      const to = join(root, name);
      if (name === 'backups' && existsSync(to)) {
        for (const kept of await readdir(from)) await move(join(from, kept), join(to, kept));
      } else if (name === 'uploads' && existsSync(to) && (await isEmptyDir(to))) {
        // An empty uploads/ (serve or tls init created it) is replaced by the restored one.
        await rmdir(to);
        removedEmptyUploads = to;
        await move(from, to);
      } else {
        await move(from, to);
      }
    }
  } catch (error) {
    for (const { from, to } of done.reverse()) await rename(to, from).catch(() => undefined);
    if (removedEmptyUploads) await mkdir(removedEmptyUploads, { recursive: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Restores an archive of `jixiao backup` into an empty (or missing) data folder. Everything is
 * extracted into a work folder next to the data (inside it when it exists, so that the final
 * renames stay on one file system), every file is checked against the manifest's SHA-256, and only
 * then moved into place. A SQLite database is put back as a file; a PostgreSQL dump is loaded into
 * the empty database given by `db` with pg_restore, or kept in the data folder with the commands
 * to run.
 */
export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreResult> {
  const archive = resolve(file);
  const archiveStat = await stat(archive).catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? new CliError(`备份文件不存在：${archive}`) : error;
  });
  if (!archiveStat.isFile()) throw new CliError(`备份文件应为 jixiao backup 生成的 .tar.gz，这是一个文件夹：${archive}`);

  const paths = dataPaths(options.dataDir);
  const url = databaseUrl(options.db, options.dataDir);
  await refuseOccupied(paths, url);
  const rootExists = existsSync(paths.root);
  const workParent = rootExists ? paths.root : dirname(paths.root);
  await mkdir(workParent, { recursive: true });
  const work = await mkdtemp(join(workParent, '.jixiao-restore-'));
  try {
    const extracted = join(work, 'archive');
    options.progress(`正在解开并校验备份：${archive}\n`);
    let files: Record<string, ArchivedFile>;
    try {
      let count = 0;
      files = await extractArchive(
        archive,
        extracted,
        () => {
          count += 1;
          if (count % 500 === 0) options.progress(`已解开 ${count} 个文件\n`);
        },
        options.maxUnpackedBytes ?? (await spareBytes(work)),
      );
    } catch (error) {
      if (error instanceof ArchiveTooLarge) {
        throw new CliError(
          `磁盘空间不足：解开 ${archive} 需要超过 ${megabytes(error.maxBytes)} MB，而 ${workParent} 所在磁盘只能腾出这么多（保留 ${megabytes(DISK_RESERVE)} MB）；未恢复，请清理磁盘或恢复到另一块磁盘上的 --data-dir`,
        );
      }
      if (error instanceof UnexpectedArchiveEntry) {
        throw new CliError(`${archive} 中有 Jixiao 备份不会有的条目“${error.entry}”：不是 jixiao backup 生成的备份，未恢复`);
      }
      throw new CliError(`备份文件已损坏，或不是 .tar.gz：${archive}`);
    }
    const manifest = await verifiedManifest(extracted, files, archive);
    options.progress(`已校验 ${Object.keys(manifest.files).length} 个文件的 SHA-256\n`);

    let database: string | null = null;
    let pending: RestoreResult['pending'] = null;
    // Everything is assembled here first and moved into the data folder at the end (commitLayout).
    const layout = join(work, 'root');
    await mkdir(layout, { recursive: true });
    /** A SQLite database restored outside the data folder (--db PATH): moved in last, with the rest. */
    let outsideDatabase: { from: string; to: string } | null = null;

    if (manifest.database.dialect === 'sqlite') {
      if (dialectOf(url) === 'postgresql') {
        throw new CliError('这是 SQLite 数据库的备份，不能恢复到 PostgreSQL（--db 或 DATABASE_URL 指向了 PostgreSQL）：请去掉 --db 或 DATABASE_URL 再恢复');
      }
      const copy = join(extracted, ARCHIVE_SQLITE);
      await checkSqliteCopy(copy, manifest);
      const target = resolve(url);
      if (target === paths.database) await place(copy, join(layout, 'jixiao.sqlite'));
      else outsideDatabase = { from: copy, to: target };
      database = target;
    } else if (manifest.database.file === ARCHIVE_PG_DUMP) {
      const dump = join(extracted, ARCHIVE_PG_DUMP);
      if (dialectOf(url) === 'postgresql') {
        const orm = await openEmptyPostgres(url);
        try {
          options.progress(`正在用 pg_restore 恢复到 ${describeDatabase(url)}\n`);
          const restored = await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', dump], url);
          if (!restored)
            throw new CliError(`找不到 ${pgToolPath('pg_restore')}（PostgreSQL 客户端工具）：请安装 postgresql-client，或去掉 --db，按提示手动恢复`);
          const query: RunQuery = (sql) => orm.em.getConnection().execute<Array<Record<string, unknown>>>(sql);
          try {
            checkFacts(await readDatabaseFacts(query), manifest);
          } catch (error) {
            // pg_restore has committed: say so, and what to do, instead of "not restored".
            if (!(error instanceof CliError)) throw error;
            throw new CliError(
              `pg_restore 已写入 ${describeDatabase(url)}，但其中的记录数或审计链尾与备份清单不一致：这个库不可用，数据目录未改动。请删除该库（dropdb）后重新恢复；仍不一致则备份已损坏`,
            );
          }
        } finally {
          await orm.close(true);
        }
        database = describeDatabase(url);
      } else {
        const kept = join(layout, 'backups', `${basename(archive).replace(/\.tar\.gz$|\.tgz$/, '')}.pgdump`);
        await place(dump, kept);
        const finalDump = join(paths.backups, basename(kept));
        pending = {
          dump: finalDump,
          commands: [
            'createdb jixiao_restored',
            `pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname=postgres://用户@主机:5432/jixiao_restored '${finalDump}'`,
            `jixiao serve --data-dir '${paths.root}' --db postgres://用户:密码@主机:5432/jixiao_restored`,
          ],
        };
      }
    } else {
      options.progress('警告：备份中没有数据库（备份时找不到 pg_dump），只恢复照片和密钥\n');
    }

    if (existsSync(join(extracted, ARCHIVE_UPLOADS))) await place(join(extracted, ARCHIVE_UPLOADS), join(layout, 'uploads'));
    if (manifest.secret) await place(join(extracted, ARCHIVE_SECRET), join(layout, 'secret'));
    if (existsSync(join(extracted, ARCHIVE_TLS))) {
      // A folder may already hold certificates (tls init before restoring): those are kept.
      if (existsSync(join(paths.root, 'tls'))) options.progress(`提示：${join(paths.root, 'tls')} 已有证书，保留现有证书，备份中的证书未恢复\n`);
      else await place(join(extracted, ARCHIVE_TLS), join(layout, 'tls'));
    }
    if (existsSync(join(extracted, ARCHIVE_AUDIT_KEY))) {
      await place(join(extracted, ARCHIVE_AUDIT_KEY), join(layout, 'audit.key'));
      chmodSync(join(layout, 'audit.key'), 0o600);
    }
    if (existsSync(join(extracted, ARCHIVE_AUDIT_HEADS))) await place(join(extracted, ARCHIVE_AUDIT_HEADS), join(layout, 'audit-heads'));
    await commitLayout(layout, paths.root, rootExists, outsideDatabase);
    return { manifest, root: paths.root, database, pending };
  } finally {
    await removeWorkDir(work);
  }
}

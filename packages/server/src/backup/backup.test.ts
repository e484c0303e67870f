import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrationsOf } from '../db.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../db-admin.js';
import { runCli as run, SEED_FILE as SEED } from '../test/cli.js';
import { testPostgresUrl } from '../test/databases.js';
import { restoreBackup } from './restore.js';
import { COUNTED_TABLES, UNCOUNTED_TABLES, type BackupManifest } from './manifest.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  name: string;
  content: Buffer;
}

/** Every entry of a .tar.gz, in order. */
async function readArchive(file: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const reader = extract();
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.push({ name: entry.header.name, content: Buffer.concat(chunks) });
    }
  })();
  reader.end(gunzipSync(readFileSync(file)));
  await done;
  return entries;
}

/** Writes entries as a .tar.gz, as someone tampering with a backup would. */
async function writeArchive(file: string, entries: Entry[]): Promise<void> {
  const writer = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of writer) chunks.push(chunk as Buffer);
  })();
  for (const { name, content } of entries) writer.entry({ name, size: content.length }, content);
  writer.finalize();
  await collected;
  writeFileSync(file, gzipSync(Buffer.concat(chunks)));
}

const manifestOf = (entries: Entry[]): BackupManifest => JSON.parse(entries.find((e) => e.name === 'manifest.json')!.content.toString('utf8'));

/** The files of a data folder in the order a backup archives them: photos, then certificates. */
const archivedOrder = (files: Record<string, Buffer>): string[] => {
  const names = Object.keys(files).sort();
  return [...names.filter((name) => name.startsWith('uploads/')), ...names.filter((name) => name.startsWith('tls/'))];
};

/** Two photos (with thumbnails) as the upload store lays them out, and a secret: what a served data folder holds. */
function addPhotosAndSecret(dataDir: string): Record<string, Buffer> {
  const photos: Record<string, Buffer> = {};
  for (const text of ['第一张照片', '第二张照片']) {
    const original = Buffer.from(`jpeg ${text}`);
    const hash = sha256(original);
    mkdirSync(join(dataDir, 'uploads', hash.slice(0, 2)), { recursive: true });
    for (const [name, bytes] of [
      [`${hash}.jpg`, original],
      [`${hash}.thumb.jpg`, Buffer.from(`thumb ${text}`)],
    ] as const) {
      writeFileSync(join(dataDir, 'uploads', hash.slice(0, 2), name), bytes);
      photos[`uploads/${hash.slice(0, 2)}/${name}`] = bytes;
    }
  }
  // A photo still being written is not part of a backup, nor a file restore would refuse.
  writeFileSync(join(dataDir, 'uploads', 'half-written.jpg.abc123.tmp'), 'partial');
  writeFileSync(join(dataDir, 'uploads', 'copied by hand.jpg'), 'not ours');
  writeFileSync(join(dataDir, 'secret'), 'the-token-secret\n');
  // The local CA of `jixiao tls init`: phones trust it, so it is backed up too.
  mkdirSync(join(dataDir, 'tls'), { recursive: true });
  for (const name of ['ca.crt', 'ca.key', 'server.crt', 'server.key']) {
    writeFileSync(join(dataDir, 'tls', name), `pem ${name}`);
    photos[`tls/${name}`] = Buffer.from(`pem ${name}`);
  }
  return photos;
}

describe('jixiao backup and restore on SQLite', () => {
  const source = join(dir, 'source');
  let photos: Record<string, Buffer>;
  let archive: string;
  let entries: Entry[];

  beforeAll(async () => {
    expect((await run('import', SEED, '--data-dir', source)).code).toBe(0);
    expect((await run('user', 'add', 'zhang', '--role', 'MANAGER', '--org', '218101', '--password', 'long-enough-pw', '--data-dir', source)).code).toBe(0);
    photos = addPhotosAndSecret(source);
    const backup = await run('backup', '--data-dir', source);
    expect(backup.code, backup.err).toBe(0);
    archive = /^备份完成：(\S+)（\d+ 字节）$/m.exec(backup.out)![1];
    expect(archive).toMatch(new RegExp(`^${join(source, 'backups')}/jixiao-\\d{8}-\\d{6}\\.tar\\.gz$`));
    expect(backup.out).toContain('备份中含令牌密钥和全部数据，请像保管密码一样保管此文件');
    expect(backup.err).toContain('正在打包照片：共 4 个文件（含缩略图）');
    expect(backup.err).toContain('警告：uploads/ 中有 1 个不是 Jixiao 写入的文件，未备份（如 copied by hand.jpg）');
    entries = await readArchive(archive);
  });

  const anchorName = () => `audit-heads/${entries.find((e) => e.name === 'manifest.json') ? manifestOf(entries).audit.firstHash!.slice(0, 32) : ''}.json`;

  it('archives the database, the secret, the audit key and anchor, every photo and thumbnail, and the manifest last', () => {
    expect(entries.map((e) => e.name)).toEqual(['database/jixiao.sqlite', 'secret', 'audit.key', anchorName(), ...archivedOrder(photos), 'manifest.json']);
    expect(entries.find((e) => e.name === 'audit.key')!.content.equals(readFileSync(join(source, 'audit.key')))).toBe(true);
    const { firstHash, headHash } = manifestOf(entries).audit;
    expect(JSON.parse(entries.find((e) => e.name === anchorName())!.content.toString())).toEqual({
      chain: firstHash,
      count: 6,
      hash: headHash,
      at: expect.any(String),
    });
    for (const [name, bytes] of Object.entries(photos)) expect(entries.find((e) => e.name === name)!.content.equals(bytes)).toBe(true);
    expect(entries.find((e) => e.name === 'secret')!.content.toString()).toBe('the-token-secret\n');
  });

  it('describes the backup in the manifest: counts, schema version, audit head and the hash of every file', () => {
    const manifest = manifestOf(entries);
    expect(manifest).toMatchObject({
      format: 'jixiao-backup',
      formatVersion: 1,
      database: { dialect: 'sqlite', file: 'database/jixiao.sqlite', migrations: migrationsOf('sqlite').map((m) => m.name) },
      counts: {
        organizations: 1,
        users: 1,
        projects: 5,
        indicators: 41,
        actuals: 0,
        spendings: 0,
        inspections: 0,
        uploads: 0,
        surveys: 0,
        surveyResponses: 0,
        auditEvents: 6,
      },
      audit: { count: 6, headSeq: 6 },
      photos: { files: 4, bytes: Object.entries(photos).reduce((n, [name, b]) => n + (name.startsWith('uploads/') ? b.length : 0), 0) },
      secret: true,
      auditKey: true,
      auditAnchor: true,
    });
    expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(60_000);
    expect(manifest.audit.headHash).toMatch(/^[0-9a-f]{64}$/);
    const hashed = entries.filter((e) => e.name !== 'manifest.json');
    expect(manifest.files).toEqual(Object.fromEntries(hashed.map((e) => [e.name, { bytes: e.content.length, sha256: sha256(e.content) }])));
  });

  it('counts every table of the schema', async () => {
    const db = await createDb({ url: ':memory:' });
    try {
      const tables = Object.values(db.orm.getMetadata().getAll()).map((meta) => meta.tableName);
      expect([...Object.values(COUNTED_TABLES), ...UNCOUNTED_TABLES].sort()).toEqual([...new Set(tables)].sort());
    } finally {
      await db.close();
    }
  });

  it('restores into a new folder: same records, same audit chain, same photos and secret', async () => {
    const target = join(dir, 'restored', 'data');
    const restored = await run('restore', archive, '--data-dir', target);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain(`已恢复到数据目录 ${target}`);
    expect(restored.out).toContain('内容：单位 1，地点 0，用户 1，项目 5，指标 41，');
    expect(restored.out).toContain(`下一步：pnpm jixiao serve --data-dir '${target}'`);
    expect(readdirSync(target).sort()).toEqual(['audit-heads', 'audit.key', 'jixiao.sqlite', 'secret', 'tls', 'uploads']);
    expect(statSync(join(target, 'audit.key')).mode & 0o777).toBe(0o600);
    for (const [name, bytes] of Object.entries(photos)) expect(readFileSync(join(target, name)).equals(bytes)).toBe(true);
    expect(readFileSync(join(target, 'secret'), 'utf8')).toBe('the-token-secret\n');
    const verified = await run('audit', 'verify', '--data-dir', target);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toContain('审计日志完整：共 6 条，哈希链校验通过\n');
    expect(verified.out).toContain(`锚点（${join(target, anchorName())}）：共 6 条`);
    // The work folder next to it is gone.
    expect(readdirSync(join(dir, 'restored'))).toEqual(['data']);
  });

  it('refuses a folder that holds a database or photos, naming it, and changes nothing', async () => {
    const refused = await run('restore', archive, '--data-dir', source);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `jixiao：数据目录中已有数据库 ${join(source, 'jixiao.sqlite')}。restore 只恢复到空的（或不存在的）数据目录，不会覆盖现有数据；请用 --data-dir 指定一个新文件夹\n`,
    );
    const withPhotos = join(dir, 'photos-only');
    mkdirSync(join(withPhotos, 'uploads', 'ab'), { recursive: true });
    writeFileSync(join(withPhotos, 'uploads', 'ab', 'x.jpg'), 'photo');
    expect((await run('restore', archive, '--data-dir', withPhotos)).err).toContain(`数据目录中已有照片 ${join(withPhotos, 'uploads')}。`);
    expect(readdirSync(withPhotos)).toEqual(['uploads']);
  });

  it('restores into an existing empty folder that keeps its backups', async () => {
    const target = join(dir, 'kept-backups');
    mkdirSync(join(target, 'backups'), { recursive: true });
    writeFileSync(join(target, 'backups', 'older.tar.gz'), 'an older backup');
    expect((await run('restore', archive, '--data-dir', target)).code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['audit-heads', 'audit.key', 'backups', 'jixiao.sqlite', 'secret', 'tls', 'uploads']);
    expect(readFileSync(join(target, 'backups', 'older.tar.gz'), 'utf8')).toBe('an older backup');
  });

  it('leaves an existing folder as it was when moving the restored files in fails part-way', async () => {
    const target = join(dir, 'fails-late');
    mkdirSync(join(target, 'backups'), { recursive: true });
    mkdirSync(join(target, 'uploads'));
    writeFileSync(join(target, 'backups', 'older.tar.gz'), 'an older backup');
    // Not refused up front; moved in after uploads/, secret, audit.key and backups/.
    mkdirSync(join(target, 'tls'));
    writeFileSync(join(target, 'tls', 'server.crt'), 'kept');
    mkdirSync(join(target, 'audit-heads'));
    const refused = await run('restore', archive, '--data-dir', target);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`恢复中止：${join(target, 'audit-heads')} 已存在，不会覆盖`);
    expect(readdirSync(target).sort()).toEqual(['audit-heads', 'backups', 'tls', 'uploads']);
    expect(readdirSync(join(target, 'uploads'))).toEqual([]);
    expect(readdirSync(join(target, 'backups'))).toEqual(['older.tar.gz']);
    expect(readdirSync(join(target, 'audit-heads'))).toEqual([]);
  });

  it('keeps the certificates of a folder that already has them (tls init before restoring)', async () => {
    const target = join(dir, 'kept-tls');
    mkdirSync(join(target, 'tls'), { recursive: true });
    writeFileSync(join(target, 'tls', 'ca.crt'), 'the new CA');
    const restored = await run('restore', archive, '--data-dir', target);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.err).toContain('已有证书，保留现有证书，备份中的证书未恢复');
    expect(readdirSync(join(target, 'tls'))).toEqual(['ca.crt']);
    expect(readFileSync(join(target, 'tls', 'ca.crt'), 'utf8')).toBe('the new CA');
  });

  it('refuses an archive whose file differs from the manifest, before writing anything', async () => {
    const photo = Object.keys(photos)[0];
    const tampered = join(dir, 'tampered.tar.gz');
    await writeArchive(
      tampered,
      entries.map((e) => (e.name === photo ? { ...e, content: Buffer.from('another picture') } : e)),
    );
    const target = join(dir, 'from-tampered');
    const result = await run('restore', tampered, '--data-dir', target);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toContain(`jixiao：备份已损坏：${tampered} 中 ${photo} 的 SHA-256 与清单不符\n`);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('.jixiao-restore-'))).toEqual([]);
  });

  it('refuses an archive with a file missing, or one the manifest does not list', async () => {
    const missing = join(dir, 'missing.tar.gz');
    await writeArchive(
      missing,
      entries.filter((e) => e.name !== 'secret'),
    );
    expect((await run('restore', missing, '--data-dir', join(dir, 'from-missing'))).err).toContain(`备份不完整：${missing} 中缺少 secret`);
    const extra = join(dir, 'extra.tar.gz');
    await writeArchive(extra, [...entries, { name: 'uploads/zz/planted.jpg', content: Buffer.from('x') }]);
    expect((await run('restore', extra, '--data-dir', join(dir, 'from-extra'))).err).toContain(`备份已被改动：${extra} 中的 uploads/zz/planted.jpg 不在清单中`);
    expect(existsSync(join(dir, 'from-missing')) || existsSync(join(dir, 'from-extra'))).toBe(false);
  });

  it('refuses a backup of a newer Jixiao, whose schema this version cannot read', async () => {
    const future = join(dir, 'future.tar.gz');
    const manifest = manifestOf(entries);
    manifest.database.migrations.push('Migration29991231000000_future');
    manifest.jixiaoVersion = '9.0.0';
    await writeArchive(
      future,
      entries.map((e) => (e.name === 'manifest.json' ? { ...e, content: Buffer.from(JSON.stringify(manifest)) } : e)),
    );
    const result = await run('restore', future, '--data-dir', join(dir, 'from-future'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('jixiao：备份来自较新的 Jixiao（9.0.0，数据库迁移 Migration29991231000000_future）：请先升级本程序再恢复\n');
    expect(existsSync(join(dir, 'from-future'))).toBe(false);
  });

  it('never writes outside the target: an entry that climbs out is refused', async () => {
    const evil = join(dir, 'evil.tar.gz');
    await writeArchive(evil, [{ name: 'uploads/../../escaped.txt', content: Buffer.from('x') }, ...entries]);
    const result = await run('restore', evil, '--data-dir', join(dir, 'from-evil'));
    expect(result.err).toContain(`jixiao：${evil} 中有 Jixiao 备份不会有的条目“uploads/../../escaped.txt”：不是 jixiao backup 生成的备份，未恢复\n`);
    expect(existsSync(join(dir, 'escaped.txt'))).toBe(false);
    expect(existsSync(join(dir, 'from-evil'))).toBe(false);
  });

  it('stops unpacking once the files outgrow what the disk can spare, writing nothing', async () => {
    // 32 MB of zeros: 32 KB compressed.
    const bomb = join(dir, 'bomb.tar.gz');
    await writeArchive(bomb, [{ name: 'uploads/ab/bomb.jpg', content: Buffer.alloc(32 * 1024 * 1024) }, ...entries]);
    expect(statSync(bomb).size).toBeLessThan(1024 * 1024);
    const target = join(dir, 'from-bomb');
    await expect(restoreBackup(bomb, { dataDir: target, progress: () => undefined, maxUnpackedBytes: 4 * 1024 * 1024 })).rejects.toThrow(
      /^磁盘空间不足：解开 .+bomb\.tar\.gz 需要超过 4 MB.*未恢复/,
    );
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('.jixiao-restore-'))).toEqual([]);
  });

  it('refuses a file that is not a backup, and a backup file that does not exist', async () => {
    const text = join(dir, 'not-a-backup.tar.gz');
    writeFileSync(text, '这不是备份');
    expect((await run('restore', text, '--data-dir', join(dir, 'x'))).err).toContain(`\njixiao：备份文件已损坏，或不是 .tar.gz：${text}\n`);
    expect((await run('restore', join(dir, 'nope.tar.gz'), '--data-dir', join(dir, 'x'))).err).toBe(`jixiao：备份文件不存在：${join(dir, 'nope.tar.gz')}\n`);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('does not overwrite an existing archive', async () => {
    const result = await run('backup', '--data-dir', source, '--out', archive);
    expect(result).toMatchObject({ code: 1, err: `jixiao：备份文件已存在：${archive}（不会覆盖；请用 --out 另选文件名）\n` });
  });
});

describe.skipIf(!testPostgresUrl)('jixiao backup and restore on PostgreSQL', () => {
  const source = join(dir, 'pg-source');
  let from: TemporaryDatabase;
  let into: TemporaryDatabase;
  let photos: Record<string, Buffer>;
  let archive: string;

  beforeAll(async () => {
    from = await createTemporaryDatabase(testPostgresUrl!);
    into = await createTemporaryDatabase(testPostgresUrl!);
    expect((await run('import', SEED, '--db', from.url, '--data-dir', source)).code).toBe(0);
    photos = addPhotosAndSecret(source);
    archive = join(dir, 'pg.tar.gz');
    const backup = await run('backup', '--db', from.url, '--data-dir', source, '--out', archive);
    expect(backup.code, backup.err).toBe(0);
  });
  afterAll(async () => {
    await from?.drop();
    await into?.drop();
  });

  it('archives a pg_dump of the database with the photos, secret and manifest', async () => {
    const entries = await readArchive(archive);
    const anchor = `audit-heads/${manifestOf(entries).audit.firstHash!.slice(0, 32)}.json`;
    expect(entries.map((e) => e.name)).toEqual(['database/jixiao.pgdump', 'secret', 'audit.key', anchor, ...archivedOrder(photos), 'manifest.json']);
    // pg_dump's custom format starts with "PGDMP".
    expect(entries[0].content.subarray(0, 5).toString()).toBe('PGDMP');
    expect(manifestOf(entries)).toMatchObject({
      database: { dialect: 'postgresql', file: 'database/jixiao.pgdump', migrations: migrationsOf('postgresql').map((m) => m.name) },
      counts: { organizations: 1, projects: 5, indicators: 41, auditEvents: 5 },
      audit: { count: 5, headSeq: 5 },
    });
  });

  it('restores with pg_restore into a new empty database: same records and audit chain', async () => {
    const target = join(dir, 'pg-restored');
    const restored = await run('restore', archive, '--data-dir', target, '--db', into.url);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain('内容：单位 1，地点 0，用户 0，项目 5，指标 41，');
    expect(await run('audit', 'verify', '--db', into.url, '--data-dir', target)).toMatchObject({
      code: 0,
      out: expect.stringContaining('审计日志完整：共 5 条，哈希链校验通过\n'),
    });
    for (const [name, bytes] of Object.entries(photos)) expect(readFileSync(join(target, name)).equals(bytes)).toBe(true);
    // Restoring again into the same database is refused: it is no longer empty.
    const again = await run('restore', archive, '--data-dir', join(dir, 'pg-again'), '--db', into.url);
    expect(again.err).toMatch(/^jixiao：PostgreSQL 数据库 \S+ 不是空的（已有 \d+ 张表）/m);
    expect(existsSync(join(dir, 'pg-again'))).toBe(false);
  });

  it('says so when pg_restore wrote the database but it does not match the manifest, and leaves the data folder alone', async () => {
    const other = await createTemporaryDatabase(testPostgresUrl!);
    try {
      const entries = await readArchive(archive);
      const manifest = manifestOf(entries);
      const lying = join(dir, 'pg-lying.tar.gz');
      const changed = { ...manifest, counts: { ...manifest.counts, projects: manifest.counts.projects + 1 } };
      await writeArchive(
        lying,
        entries.map((e) => (e.name === 'manifest.json' ? { ...e, content: Buffer.from(JSON.stringify(changed)) } : e)),
      );
      const target = join(dir, 'pg-lying');
      const result = await run('restore', lying, '--data-dir', target, '--db', other.url);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /jixiao：pg_restore 已写入 \S+，但其中的记录数或审计链尾与备份清单不一致：这个库不可用，数据目录未改动。请删除该库（dropdb）后重新恢复/,
      );
      expect(existsSync(target)).toBe(false);
    } finally {
      await other.drop();
    }
  });

  it('without --db, keeps the dump in the data folder and says exactly what to run', async () => {
    const target = join(dir, 'pg-manual');
    const result = await run('restore', archive, '--data-dir', target);
    expect(result.code, result.err).toBe(0);
    const dump = join(target, 'backups', 'pg.pgdump');
    expect(readFileSync(dump).subarray(0, 5).toString()).toBe('PGDMP');
    expect(result.out).toContain(`PostgreSQL 数据库尚未恢复；转储文件保存在 ${dump}。`);
    expect(result.out).toContain(
      `pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname=postgres://用户@主机:5432/jixiao_restored '${dump}'`,
    );
  });

  it('without pg_dump, still archives photos and manifest, says what to run, and exits 1', async () => {
    const previous = process.env.JIXIAO_PG_BIN;
    process.env.JIXIAO_PG_BIN = join(dir, 'no-postgres-tools');
    const out = join(dir, 'pg-no-dump.tar.gz');
    let result;
    try {
      result = await run('backup', '--db', from.url, '--data-dir', source, '--out', out);
    } finally {
      if (previous === undefined) delete process.env.JIXIAO_PG_BIN;
      else process.env.JIXIAO_PG_BIN = previous;
    }
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^备份未完成（不含数据库）：/);
    expect(result.err).toContain(`警告：找不到 ${join(dir, 'no-postgres-tools', 'pg_dump')}（PostgreSQL 客户端工具），数据库未包含在备份中。`);
    expect(result.err).toContain(`pg_dump --format=custom --file=jixiao.pgdump '${from.url}'`);
    const entries = await readArchive(out);
    // The audit key and anchor still: restored next to a dump made by hand, the log verifies.
    const anchor = `audit-heads/${manifestOf(entries).audit.firstHash!.slice(0, 32)}.json`;
    expect(entries.map((e) => e.name)).toEqual(['secret', 'audit.key', anchor, ...archivedOrder(photos), 'manifest.json']);
    expect(manifestOf(entries)).toMatchObject({ database: { dialect: 'postgresql', file: null }, counts: { projects: 5 } });
  });
});

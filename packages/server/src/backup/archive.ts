import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack, type Pack } from 'tar-stream';
import {
  ARCHIVE_AUDIT_HEADS,
  ARCHIVE_AUDIT_KEY,
  ARCHIVE_MANIFEST,
  ARCHIVE_PG_DUMP,
  ARCHIVE_SECRET,
  ARCHIVE_SQLITE,
  ARCHIVE_TLS,
  ARCHIVE_UPLOADS,
  type ArchivedFile,
} from './manifest.js';

/** Everything in an archive is only for its owner: it holds the token secret. */
const FILE_MODE = 0o600;

/**
 * Writes a .tar.gz entry by entry, hashing each file as it streams in (every file is read once).
 * The archive goes to `partial`; the caller renames it once finished.
 */
export class ArchiveWriter {
  private readonly files: Record<string, ArchivedFile> = {};

  private constructor(
    private readonly tar: Pack,
    private readonly written: Promise<void>,
  ) {}

  static create(partial: string): ArchiveWriter {
    const tar = pack();
    const written = pipeline(tar, createGzip(), createWriteStream(partial, { flags: 'wx', mode: FILE_MODE }));
    // Observed by finish() or abort(); until then a failure must not be an unhandled rejection.
    written.catch(() => undefined);
    return new ArchiveWriter(tar, written);
  }

  /** Adds a file from disk under `name`; returns its size and SHA-256. */
  async addFile(name: string, path: string): Promise<ArchivedFile> {
    const handle = await open(path, 'r');
    try {
      // The size of the open file: a photo replaced by rename meanwhile is still read whole.
      const { size, mtime } = await handle.stat();
      const hash = createHash('sha256');
      const source = handle.createReadStream({ autoClose: false });
      await new Promise<void>((resolve, reject) => {
        const sink = this.tar.entry({ name, size, mode: FILE_MODE, mtime }, (error) => (error ? reject(error) : resolve()));
        source.on('data', (chunk) => hash.update(chunk));
        source.on('error', reject);
        source.pipe(sink);
      });
      const file = { bytes: size, sha256: hash.digest('hex') };
      this.files[name] = file;
      return file;
    } finally {
      await handle.close();
    }
  }

  /** Adds `content` under `name`; `hashed: false` keeps it out of the list of hashed files (the manifest itself). */
  async addBuffer(name: string, content: Buffer, hashed = true): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.tar.entry({ name, size: content.length, mode: FILE_MODE, mtime: new Date() }, content, (error) => (error ? reject(error) : resolve()));
    });
    if (hashed) this.files[name] = { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  }

  /** Size and SHA-256 of every file added so far. */
  hashes(): Record<string, ArchivedFile> {
    return { ...this.files };
  }

  async finish(): Promise<void> {
    this.tar.finalize();
    await this.written;
  }

  async abort(): Promise<void> {
    this.tar.destroy();
    await this.written.catch(() => undefined);
  }
}

const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Whether a name may appear in a Jixiao archive: the manifest, the database, the secret, or a file
 * under uploads/ or tls/ whose every segment is a plain name (no "..", no absolute path, no hidden file).
 */
export function isArchiveName(name: string): boolean {
  if ([ARCHIVE_MANIFEST, ARCHIVE_SQLITE, ARCHIVE_PG_DUMP, ARCHIVE_SECRET, ARCHIVE_AUDIT_KEY].includes(name)) return true;
  if (new RegExp(`^${ARCHIVE_AUDIT_HEADS}/[0-9a-f]{32}\\.json$`).test(name)) return true;
  const segments = name.split('/');
  return segments.length >= 2 && [ARCHIVE_UPLOADS, ARCHIVE_TLS].includes(segments[0]) && segments.slice(1).every((segment) => SAFE_SEGMENT.test(segment));
}

/** Unpacking would take more space than `maxBytes` (what the disk can spare): nothing more is written. */
export class ArchiveTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`archive larger than ${maxBytes} bytes unpacked`);
  }
}

/** The archive holds something that no Jixiao backup holds. */
export class UnexpectedArchiveEntry extends Error {
  constructor(readonly entry: string) {
    super(`unexpected archive entry ${entry}`);
  }
}

/**
 * Extracts every file of a .tar.gz into `into` (which must be empty) and returns the size and
 * SHA-256 of each as read. Only names accepted by isArchiveName are written; anything else (links,
 * devices, paths that climb out) stops the extraction with UnexpectedArchiveEntry.
 */
export async function extractArchive(
  file: string,
  into: string,
  onFile?: (name: string) => void,
  /** Stops with ArchiveTooLarge once the files written add up to more (a decompression bomb, or a full disk). */
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Record<string, ArchivedFile>> {
  const files: Record<string, ArchivedFile> = {};
  let total = 0;
  const entries = extract();
  const reading = pipeline(createReadStream(file), createGunzip(), entries);
  reading.catch(() => undefined);
  try {
    for await (const entry of entries) {
      const { name, type } = entry.header;
      if (type !== 'file' || !isArchiveName(name) || name in files) throw new UnexpectedArchiveEntry(name);
      if (total + (entry.header.size ?? 0) > maxBytes) throw new ArchiveTooLarge(maxBytes);
      const target = join(into, name);
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          bytes += chunk.length;
          total += chunk.length;
          if (total > maxBytes) return done(new ArchiveTooLarge(maxBytes));
          done(null, chunk);
        },
      });
      await pipeline(entry, hashing, createWriteStream(target, { flags: 'wx', mode: FILE_MODE }));
      files[name] = { bytes, sha256: hash.digest('hex') };
      onFile?.(name);
    }
    await reading;
  } catch (error) {
    entries.destroy();
    throw error;
  }
  return files;
}

/** Removes a folder made for the work of a backup or restore, whatever state it is in. */
export async function removeWorkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

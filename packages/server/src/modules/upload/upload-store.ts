import { randomBytes } from 'node:crypto';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The stored JPEG, or its thumbnail. */
export type UploadVariant = 'original' | 'thumb';

/**
 * Photos on local disk, content-addressed: `<dir>/ab/<sha256>.jpg` and `<dir>/ab/<sha256>.thumb.jpg`,
 * where ab are the first two hex digits (256 folders keep directories small). The name is the hash
 * of the bytes the device sent, not of the re-encoded file: it is how records name their photos.
 */
export class UploadStore {
  constructor(private readonly dir: string) {}

  path(sha256: string, variant: UploadVariant): string {
    return join(this.dir, sha256.slice(0, 2), variant === 'thumb' ? `${sha256}.thumb.jpg` : `${sha256}.jpg`);
  }

  /** Are both files there? */
  async has(sha256: string): Promise<boolean> {
    try {
      await Promise.all([access(this.path(sha256, 'original')), access(this.path(sha256, 'thumb'))]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Writes the photo and its thumbnail. Each goes to a temporary file that is flushed to disk and
   * then renamed over the final name, so a crash leaves the old file or the new one, never half of
   * one. Concurrent writers of the same hash write the same bytes; the last rename wins harmlessly.
   * Both are written and flushed at once; the thumbnail is renamed first: the main file's presence
   * means both are there.
   */
  async write(sha256: string, original: Buffer, thumb: Buffer): Promise<void> {
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    const files = [
      { path: this.path(sha256, 'thumb'), content: thumb },
      { path: this.path(sha256, 'original'), content: original },
    ].map((file) => ({ ...file, temporary: `${file.path}.${randomBytes(6).toString('hex')}.tmp` }));
    try {
      await Promise.all(files.map((file) => writeFlushed(file.temporary, file.content)));
      for (const file of files) await rename(file.temporary, file.path);
    } catch (error) {
      await Promise.all(files.map((file) => rm(file.temporary, { force: true })));
      throw error;
    }
  }
}

async function writeFlushed(path: string, content: Buffer): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
}

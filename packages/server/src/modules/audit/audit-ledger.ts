import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Configuration, EntityManager } from '@mikro-orm/core';

/** The audit log's last entry as recorded outside the database. */
export interface AuditAnchor {
  /** The hash of the chain's first entry: names the chain (a data folder may have seen more than one database). */
  chain: string;
  /** Entries in the log (seq runs 1 … count). */
  count: number;
  /** The hash of entry `count`. */
  hash: string;
  /** When it was written (ISO). */
  at: string;
}

/**
 * What the audit log keeps outside the database: the HMAC key its entries are keyed with, and the
 * anchor (its head). A database alone — a copy, or one changed with SQL — cannot forge either.
 *
 * In a data folder: `audit.key` (32 random bytes, created on first use, mode 0600; JIXIAO_AUDIT_KEY
 * replaces it) and `audit-head.json`. Without one (tests, a database in memory): both only in memory.
 */
export class AuditLedger {
  private cachedKey: Buffer | null = null;
  private memoryAnchors: Record<string, AuditAnchor> = {};
  private written = new Map<string, number>();
  /** Heads waiting for the next anchor write, by chain: only the newest is written. */
  private readonly queued = new Map<string, { count: number; hash: string }>();
  private writing: Promise<void> = Promise.resolve();
  private tmpCounter = 0;

  private constructor(
    readonly keyFile: string | null,
    /** One file per chain: `<first 32 hex digits of its first hash>.json`. */
    readonly anchorDir: string | null,
  ) {}

  static inDataFolder(paths: { auditKey: string; auditHeads: string }): AuditLedger {
    return new AuditLedger(paths.auditKey, paths.auditHeads);
  }

  /** Key and anchor in memory only: for databases without a data folder. */
  static inMemory(): AuditLedger {
    return new AuditLedger(null, null);
  }

  /** The key for new entries: JIXIAO_AUDIT_KEY, else the key file, created now if there is none. */
  key(): Buffer {
    const existing = this.existingKey();
    if (existing) return existing;
    const key = randomBytes(32);
    if (this.keyFile) {
      mkdirSync(dirname(this.keyFile), { recursive: true });
      // wx: two processes creating it at once must not end up with two keys.
      try {
        writeFileSync(this.keyFile, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return this.existingKey() as Buffer;
      }
    }
    this.cachedKey = key;
    return key;
  }

  /** The key if there is one, without creating it (verification must not invent a key). */
  existingKey(): Buffer | null {
    if (process.env.JIXIAO_AUDIT_KEY) return Buffer.from(process.env.JIXIAO_AUDIT_KEY, 'utf8');
    if (this.cachedKey) return this.cachedKey;
    if (this.keyFile && existsSync(this.keyFile)) {
      const text = readFileSync(this.keyFile, 'utf8').trim();
      if (text) this.cachedKey = Buffer.from(text, 'base64url');
    }
    return this.cachedKey;
  }

  /** Does the data folder hold a key file (written by the first keyed append)? */
  hasKeyFile(): boolean {
    return this.keyFile !== null && existsSync(this.keyFile);
  }

  /** The recorded heads by chain (empty if none was ever written). Throws if a file cannot be read as an anchor. */
  readAnchors(): Record<string, AuditAnchor> {
    if (!this.anchorDir) return { ...this.memoryAnchors };
    if (!existsSync(this.anchorDir)) return {};
    const anchors: Record<string, AuditAnchor> = {};
    for (const name of readdirSync(this.anchorDir)) {
      if (!ANCHOR_FILE.test(name)) continue;
      const anchor = parseAnchor(readFileSync(join(this.anchorDir, name), 'utf8'));
      anchors[anchor.chain] = anchor;
    }
    return anchors;
  }

  /**
   * Records a committed head of the chain `chain`. Writes only forwards (an older head finishing later
   * is skipped), one at a time, atomically (a temporary file renamed over the old one): a crash leaves
   * the old head or the new. One file per chain, so processes writing other chains never collide.
   */
  recordHead(chain: string, count: number, hash: string): Promise<void> {
    // Heads committed while a write is under way are written once, as the newest of them: under a
    // busy write load one file write stands for many commits, instead of one each.
    const queued = this.queued.get(chain);
    if (!queued || count > queued.count) this.queued.set(chain, { count, hash });
    this.writing = this.writing.then(async () => {
      const next = this.queued.get(chain);
      if (!next) return;
      this.queued.delete(chain);
      if (next.count <= (this.written.get(chain) ?? 0)) return;
      const { count, hash } = next;
      const anchor: AuditAnchor = { chain, count, hash, at: new Date().toISOString() };
      if (this.anchorDir) {
        const file = join(this.anchorDir, anchorFileName(chain));
        const temporary = `${file}.${process.pid}.${++this.tmpCounter}.tmp`;
        const content = `${JSON.stringify(anchor, null, 2)}\n`;
        // The folder is made when a write finds it missing, not before every write (a busy server writes many).
        await writeFile(temporary, content, { mode: 0o600 }).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
          await mkdir(this.anchorDir!, { recursive: true });
          await writeFile(temporary, content, { mode: 0o600 });
        });
        await rename(temporary, file);
      } else {
        this.memoryAnchors[chain] = anchor;
      }
      this.written.set(chain, count);
    });
    return this.writing;
  }
}

const ANCHOR_FILE = /^[0-9a-f]{32}\.json$/;

/** The anchor file of a chain, inside `dataPaths().auditHeads`. */
export function anchorFileName(chain: string): string {
  return `${chain.slice(0, 32)}.json`;
}

/** An anchor file's text; throws on anything else. */
export function parseAnchor(text: string): AuditAnchor {
  const parsed = JSON.parse(text) as Partial<AuditAnchor>;
  if (typeof parsed.chain !== 'string' || typeof parsed.count !== 'number' || typeof parsed.hash !== 'string') throw new Error('bad audit anchor');
  return { chain: parsed.chain, count: parsed.count, hash: parsed.hash, at: String(parsed.at ?? '') };
}

const ledgers = new WeakMap<Configuration, AuditLedger>();

/** Binds a ledger to an ORM: every EntityManager forked from it appends and verifies with it. */
export function attachAuditLedger(config: Configuration, ledger: AuditLedger): void {
  ledgers.set(config, ledger);
}

/** The ledger of the database `em` works on. */
export function auditLedgerOf(em: EntityManager): AuditLedger {
  const ledger = ledgers.get(em.config);
  if (!ledger) throw new Error('no audit ledger attached to this database (createDb attaches one)');
  return ledger;
}

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase, openTestDb, type TestDb } from '../../test/databases.js';
import { newOrganization } from '../../test/fixtures.js';
import { Organization } from '../organization/organization.entity.js';
import { appendAuditEvent, auditEventHash, auditHeadOf, GENESIS_HASH, parseAuditHead, verifyAuditChain } from './audit-chain.js';
import { AuditEvent } from './audit-event.entity.js';

/**
 * What an attacker with SQL but without the audit key can do: change entry `from`'s actor and
 * recompute every hash from there on with plain SHA-256, relabelled `alg`.
 */
async function rewriteAndRehash(db: TestDb, from: number, alg: string): Promise<void> {
  const events = await db.em.fork().find(AuditEvent, { seq: { $gte: from - 1 } }, { orderBy: { seq: 'asc' } });
  let prevHash = events[0].hash;
  for (const event of events.slice(1)) {
    const actor = event.seq === from ? 'mallory' : event.actor;
    const hash = auditEventHash({ ...event, actor, prevHash }, null);
    await db.em
      .getConnection()
      .execute('update audit_event set actor = ?, prev_hash = ?, alg = ?, hash = ? where seq = ?', [
        actor,
        `tmp-${event.seq}`,
        alg,
        `tmp-${event.seq}`,
        event.seq,
      ]);
    await db.em.getConnection().execute('update audit_event set prev_hash = ?, hash = ? where seq = ?', [prevHash, hash, event.seq]);
    prevHash = hash;
  }
}

/** Appends `count` events, one per organization created. */
async function appendEvents(db: TestDb, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    await db.em.fork().transactional(async (tx) => {
      const organization = newOrganization(tx, { name: `单位${i}` });
      tx.persist(organization);
      await appendAuditEvent(tx, {
        actor: 'admin',
        action: 'create',
        entity: 'Organization',
        entityId: organization.id,
        after: { name: organization.name, code: organization.code, budget: { total: 418.5, fiscal: 400 } },
      });
    });
  }
}

it.each([
  ['count and hash', `12:${'ab'.repeat(32)}`, { count: 12, hash: 'ab'.repeat(32) }],
  ['upper case, spaces and a full-width colon', ` 7 ： ${'AB'.repeat(32)} `, { count: 7, hash: 'ab'.repeat(32) }],
  ['a short hash', '12:abc', null],
  ['no count', `:${'ab'.repeat(32)}`, null],
  ['count 0', `0:${'ab'.repeat(32)}`, null],
  ['not hex', `3:${'zz'.repeat(32)}`, null],
])('parseAuditHead: %s', (_name, text, expected) => {
  expect(parseAuditHead(text)).toEqual(expected);
});

describeEachDatabase('audit chain', (getDb, dialect) => {
  it('links each event to the one before and verifies', async () => {
    const db = getDb();
    expect(await verifyAuditChain(db.em)).toEqual({ ok: true, count: 0 });
    await appendEvents(db, 3);
    await appendAuditEvent(db.em.fork(), {
      actor: null,
      action: 'update',
      entity: 'Project',
      entityId: 'p-1',
      // Key order changes in PostgreSQL's jsonb; dates are stored as ISO strings.
      before: { z: 1, a: { y: [1, '二'], b: null } },
      after: { z: 2, a: { y: [], b: new Date('2023-06-30T00:00:00Z') } },
    });

    const events = await db.em.fork().find(AuditEvent, {}, { orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[3].after).toEqual({ z: 2, a: { y: [], b: '2023-06-30T00:00:00.000Z' } });
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(await verifyAuditChain(db.em)).toEqual({ ok: true, count: 4 });
  });

  it('commits and rolls back with the change it records', async () => {
    const db = getDb();
    const before = await db.em.fork().count(AuditEvent);
    const code = `rollback-${dialect}`;
    await expect(
      db.em.fork().transactional(async (tx) => {
        const organization = newOrganization(tx, { code });
        tx.persist(organization);
        await appendAuditEvent(tx, { actor: 'admin', action: 'create', entity: 'Organization', entityId: organization.id });
        throw new Error('the change fails after the event was written');
      }),
    ).rejects.toThrow('the change fails');

    expect(await db.em.fork().count(AuditEvent)).toBe(before);
    expect(await db.em.fork().count(Organization, { code })).toBe(0);
  });

  it('numbers concurrent appends without gaps or forks', async () => {
    const db = getDb();
    const before = await db.em.fork().count(AuditEvent);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => appendAuditEvent(db.em.fork(), { actor: `user${i}`, action: 'login', entity: 'User', entityId: `u${i}` })),
    );
    expect(await verifyAuditChain(db.em)).toEqual({ ok: true, count: before + 8 });
  });

  it('refuses to change a stored event through the ORM', async () => {
    const em = getDb().em.fork();
    const event = await em.findOneOrFail(AuditEvent, { seq: 1 });
    event.actor = 'mallory';
    await expect(em.flush()).rejects.toThrow('审计日志只能追加');
  });

  const tamperings: Array<[string, (db: TestDb) => Promise<unknown>, { brokenAt: number; reason: string }]> = [
    [
      'an actor changed with SQL',
      (db) => db.em.getConnection().execute(`update audit_event set actor = 'mallory' where seq = 3`),
      { brokenAt: 3, reason: 'hash-mismatch' },
    ],
    [
      'a JSON value changed with SQL',
      (db) => db.em.getConnection().execute(`update audit_event set "after" = '{"name":"单位2","code":"x","budget":{"total":1}}' where seq = 2`),
      { brokenAt: 2, reason: 'hash-mismatch' },
    ],
    ['an event deleted with SQL', (db) => db.em.getConnection().execute('delete from audit_event where seq = 3'), { brokenAt: 4, reason: 'missing-entry' }],
    [
      'an event rewritten with a fresh hash',
      async (db) => {
        const event = await db.em.fork().findOneOrFail(AuditEvent, { seq: 3 });
        const hash = auditEventHash({ ...event, actor: 'mallory' }, null);
        await db.em.getConnection().execute('update audit_event set actor = ?, hash = ? where seq = 3', ['mallory', hash]);
      },
      { brokenAt: 3, reason: 'hash-mismatch' },
    ],
    [
      'an event rewritten and every later one re-hashed without the key',
      (db) => rewriteAndRehash(db, 3, 'hmac-sha256'),
      { brokenAt: 3, reason: 'hash-mismatch' },
    ],
    [
      'an event rewritten and every later one re-hashed as an entry from before the key',
      (db) => rewriteAndRehash(db, 3, 'sha256'),
      { brokenAt: 3, reason: 'unkeyed-entry' },
    ],
    [
      'the last entries deleted with SQL',
      (db) => db.em.getConnection().execute('delete from audit_event where seq > 3'),
      { brokenAt: 4, reason: 'below-anchor' },
    ],
    [
      'an unkeyed entry appended after the keyed ones',
      async (db) => {
        const last = await db.em.fork().findOneOrFail(AuditEvent, { seq: 5 });
        const fields = { ...last, seq: 6, prevHash: last.hash, actor: 'mallory' };
        await db.em
          .getConnection()
          .execute(
            `insert into audit_event (seq, at, actor, action, entity, entity_id, "before", "after", prev_hash, alg, hash) values (6, ?, 'mallory', ?, ?, ?, null, null, ?, 'sha256', ?)`,
            [last.at, last.action, last.entity, last.entityId, last.hash, auditEventHash({ ...fields, before: null, after: null }, null)],
          );
      },
      { brokenAt: 6, reason: 'unkeyed-entry' },
    ],
  ];

  it.each(tamperings)('detects %s', async (_, tamper, broken) => {
    // The tampering is permanent: a database of its own.
    const db = await openTestDb(dialect);
    try {
      await appendEvents(db, 5);
      expect(await verifyAuditChain(db.em)).toEqual({ ok: true, count: 5 });
      await tamper(db);
      expect(await verifyAuditChain(db.em)).toEqual({ ok: false, ...broken });
    } finally {
      await db.close();
    }
  });

  it('keeps the key and the anchor in the data folder, and verifies the entries from before the key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-audit-'));
    try {
      const db = await openTestDb(dialect, { dataDir });
      try {
        // Two entries as written before the audit key existed (the migration labels them 'sha256').
        await appendEvents(db, 2);
        for (const seq of [1, 2]) {
          const event = await db.em.fork().findOneOrFail(AuditEvent, { seq });
          const prevHash = seq === 1 ? GENESIS_HASH : (await db.em.fork().findOneOrFail(AuditEvent, { seq: 1 })).hash;
          await db.em
            .getConnection()
            .execute('update audit_event set prev_hash = ?, alg = ?, hash = ? where seq = ?', [`tmp-${seq}`, 'sha256', `tmp-${seq}`, seq]);
          await db.em
            .getConnection()
            .execute('update audit_event set prev_hash = ?, hash = ? where seq = ?', [prevHash, auditEventHash({ ...event, prevHash }, null), seq]);
        }
        await appendEvents(db, 2);
        expect((await db.em.fork().find(AuditEvent, {}, { orderBy: { seq: 'asc' } })).map((event) => event.alg)).toEqual([
          'sha256',
          'sha256',
          'hmac-sha256',
          'hmac-sha256',
        ]);
        expect(await verifyAuditChain(db.em)).toEqual({ ok: true, count: 4 });

        expect(statSync(join(dataDir, 'audit.key')).mode & 0o777).toBe(0o600);
        const last = await db.em.fork().findOneOrFail(AuditEvent, { seq: 4 });
        const first = await db.em.fork().findOneOrFail(AuditEvent, { seq: 1 });
        expect(JSON.parse(readFileSync(join(dataDir, 'audit-heads', `${first.hash.slice(0, 32)}.json`), 'utf8'))).toMatchObject({
          chain: first.hash,
          count: 4,
          hash: last.hash,
        });

        // An old entry rewritten and re-hashed: the first keyed entry covers its hash …
        const second = await db.em.fork().findOneOrFail(AuditEvent, { seq: 2 });
        const forged = auditEventHash({ ...second, actor: 'mallory' }, null);
        await db.em.getConnection().execute('update audit_event set actor = ?, hash = ? where seq = 2', ['mallory', forged]);
        expect(await verifyAuditChain(db.em)).toEqual({ ok: false, brokenAt: 3, reason: 'broken-link' });
        // … and relabelling every later entry as old-style changes the head the anchor holds.
        await rewriteAndRehash(db, 2, 'sha256');
        expect(await verifyAuditChain(db.em)).toEqual({ ok: false, brokenAt: 4, reason: 'anchor-mismatch' });
        // Without the anchor file the key file still says that keyed entries were written.
        rmSync(join(dataDir, 'audit-heads'), { recursive: true });
        expect(await verifyAuditChain(db.em)).toEqual({ ok: false, brokenAt: 4, reason: 'anchor-missing' });
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('does not record the head of an append that rolled back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-audit-'));
    try {
      const db = await openTestDb(dialect, { dataDir });
      try {
        await appendEvents(db, 1);
        await expect(
          db.em.fork().transactional(async (tx) => {
            await appendAuditEvent(tx, { actor: 'admin', action: 'create', entity: 'Organization', entityId: 'x' });
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        const first = await db.em.fork().findOneOrFail(AuditEvent, { seq: 1 });
        expect(JSON.parse(readFileSync(join(dataDir, 'audit-heads', `${first.hash.slice(0, 32)}.json`), 'utf8'))).toMatchObject({ count: 1 });
        expect(await verifyAuditChain(db.em)).toEqual({ ok: true, count: 1 });
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('checks a printed head: the entry it names must still be there, with that hash', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-audit-head-'));
    const db = await openTestDb(dialect, { dataDir });
    try {
      expect(await auditHeadOf(db.em)).toBeNull();
      await appendEvents(db, 4);
      const head = (await auditHeadOf(db.em))!;
      expect(head).toEqual({ count: 4, hash: (await db.em.fork().findOneOrFail(AuditEvent, { seq: 4 })).hash });
      await appendEvents(db, 2);
      expect(await verifyAuditChain(db.em, { expected: head })).toEqual({ ok: true, count: 6 });
      expect(await verifyAuditChain(db.em, { expected: { count: 4, hash: 'f'.repeat(64) } })).toEqual({ ok: false, brokenAt: 4, reason: 'expected-mismatch' });
      expect(await verifyAuditChain(db.em, { expected: { count: 9, hash: head.hash } })).toEqual({ ok: false, brokenAt: 7, reason: 'below-expected' });
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

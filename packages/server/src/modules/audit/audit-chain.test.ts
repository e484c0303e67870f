import { expect, it } from 'vitest';
import { describeEachDatabase, openTestDb, type TestDb } from '../../test/databases.js';
import { newOrganization } from '../../test/fixtures.js';
import { Organization } from '../organization/organization.entity.js';
import { appendAuditEvent, auditEventHash, GENESIS_HASH, verifyAuditChain } from './audit-chain.js';
import { AuditEvent } from './audit-event.entity.js';

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
      Array.from({ length: 8 }, (_, i) =>
        appendAuditEvent(db.em.fork(), { actor: `user${i}`, action: 'login', entity: 'User', entityId: `u${i}` }),
      ),
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
    ['an actor changed with SQL', (db) => db.em.getConnection().execute(`update audit_event set actor = 'mallory' where seq = 3`), { brokenAt: 3, reason: 'hash-mismatch' }],
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
        const hash = auditEventHash({ ...event, actor: 'mallory' });
        await db.em.getConnection().execute('update audit_event set actor = ?, hash = ? where seq = 3', ['mallory', hash]);
      },
      { brokenAt: 4, reason: 'broken-link' },
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
});

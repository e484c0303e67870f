import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newOrganization } from '../../test/fixtures.js';
import { Organization } from '../organization/organization.entity.js';
import {
  boolean,
  day,
  instant,
  json,
  nullable,
  number,
  placeholders,
  queryRows,
  queryRowsAfter,
  runStatement,
  runStatements,
  text,
  type Decoder,
} from './sql.js';

describe('row decoders', () => {
  const cases: Array<[string, Decoder<unknown>, unknown, unknown]> = [
    ['a SQLite boolean 1 is true', boolean, 1, true],
    ['a SQLite boolean 0 is false', boolean, 0, false],
    ['a PostgreSQL boolean stays as it is', boolean, false, false],
    ['a PostgreSQL bigint (text) is a number', number, '123456789012', 123456789012],
    ['a PostgreSQL decimal (text) is a number', number, '0.85', 0.85],
    ['a SQLite datetime (epoch milliseconds) is that instant', instant, 1_700_000_000_000, new Date(1_700_000_000_000)],
    ['epoch milliseconds as text are that instant', instant, '1700000000000', new Date(1_700_000_000_000)],
    ['PostgreSQL timestamp text is that instant', instant, '2023-11-14T22:13:20.000Z', new Date(1_700_000_000_000)],
    ['a PostgreSQL Date stays as it is', instant, new Date(1_700_000_000_000), new Date(1_700_000_000_000)],
    ['a SQLite date (text) is its day', day, '2023-09-20', '2023-09-20'],
    ['a PostgreSQL date (local midnight) is its day in any time zone', day, new Date(2023, 8, 20), '2023-09-20'],
    ['SQLite JSON (text) is parsed', json, '["甲","乙"]', ['甲', '乙']],
    ['PostgreSQL JSON (parsed) stays as it is', json, ['甲', '乙'], ['甲', '乙']],
    ['a number column read as text is its digits', text, 42, '42'],
    ['SQL null is null where a column may be null', nullable(number), null, null],
    ['a value where a column may be null is decoded', nullable(number), '7', 7],
  ];
  it.each(cases)('%s', (_, decode, value, expected) => {
    expect(decode(value)).toEqual(expected);
  });

  it('writes the placeholders of an IN list', () => {
    expect(placeholders(3)).toBe('?, ?, ?');
    expect(placeholders(1)).toBe('?');
  });
});

describeEachDatabase('queryRows and runStatement', (getDb, dialect) => {
  const orgColumns = { id: text, code: text, name: text, parent_id: nullable(text) };

  it('returns the rows the ORM returns, values bound to the placeholders, decoded', async () => {
    const em = getDb().em.fork();
    const orgs = [newOrganization(em, { name: '甲' }), newOrganization(em, { name: '乙' }), newOrganization(em, { name: '丙' })];
    await em.flush();
    const sql = `select id, code, name, parent_id from organization where code in (${placeholders(2)}) order by name`;
    const params = [orgs[0].code, orgs[2].code];
    const rows = await queryRows(em, sql, params, orgColumns);
    expect(rows).toEqual(await em.getConnection().execute(sql, params, 'all'));
    expect(rows.map((row) => row.name).sort()).toEqual(['丙', '甲']);
    // Again, from the prepared statement.
    expect(await queryRows(em, sql, [orgs[1].code, 'none'], orgColumns)).toEqual([{ id: orgs[1].id, code: orgs[1].code, name: '乙', parent_id: null }]);
  });

  it('decodes each dialect’s values of the same rows alike', async () => {
    const em = getDb().em.fork();
    const org = newOrganization(em);
    await em.flush();
    const [row] = await queryRows(em, 'select count(*) as n, max(created_at) as at, 1 = 1 as yes from organization where id = ?', [org.id], {
      n: number,
      at: instant,
      yes: boolean,
    });
    expect(row).toEqual({ n: 1, at: org.createdAt, yes: true });
  });

  it('refuses decoders that do not name the statement’s columns', async () => {
    const em = getDb().em.fork();
    await expect(queryRows(em, 'select id, code from organization', [], { id: text })).rejects.toThrow(/returns the columns id, code/);
    await expect(queryRows(em, 'select id from organization', [], { id: text, code: text })).rejects.toThrow(/decoders were given for id, code/);
  });

  it('runs a write and tells how many rows it changed', async () => {
    const em = getDb().em.fork();
    const orgs = [newOrganization(em), newOrganization(em)];
    await em.flush();
    const ids = orgs.map((org) => org.id);
    expect(await runStatement(em, `update organization set name = ? where id in (${placeholders(2)})`, ['改名', ...ids])).toBe(2);
    expect(await runStatement(em, 'update organization set name = ? where id = ?', ['再改', crypto.randomUUID()])).toBe(0);
    const rows = await queryRows(em, `select name from organization where id in (${placeholders(2)})`, ids, { name: text });
    expect(rows).toEqual([{ name: '改名' }, { name: '改名' }]);
  });

  it('is logged once per statement, like the ORM’s', async () => {
    const db = getDb();
    const { queries } = await db.captureQueries(async () => {
      await queryRows(db.em.fork(), 'select count(*) as n from organization where code = ?', ['x'], { n: number });
      await runStatement(db.em.fork(), 'delete from organization where code = ?', ['y']);
    });
    expect(queries).toEqual(['select count(*) as n from organization where code = ?', 'delete from organization where code = ?']);
  });

  it('works within the EntityManager’s transaction, and rolls back with it', async () => {
    const em = getDb().em.fork();
    const org = newOrganization(em);
    await em.flush();
    let seen: unknown = null;
    const rolledBack = em.transactional(async (tx) => {
      await runStatement(tx, 'update organization set name = ? where id = ?', ['事务中', org.id]);
      seen = await queryRows(tx, 'select name from organization where id = ?', [org.id], { name: text });
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    expect(seen).toEqual([{ name: '事务中' }]);
    expect(await queryRows(em, 'select name from organization where id = ?', [org.id], { name: text })).toEqual([{ name: org.name }]);
  });

  it('never reads another transaction’s uncommitted rows', async () => {
    const db = getDb();
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let read: Promise<unknown[]> | null = null;
    let readBeforeCommit: unknown[] | null = null;
    const code = `uncommitted-${Date.now()}`;
    const writing = db.em.fork().transactional(async (tx) => {
      tx.persist(tx.create(Organization, { code, name: '未提交' }));
      await tx.flush();
      read = queryRows(db.em.fork(), 'select code from organization where code = ?', [code], { code: text });
      void read.then((rows) => (readBeforeCommit ??= rows));
      await new Promise((resolve) => setTimeout(resolve, 50));
      commit();
    });
    await committed;
    const stateAtCommit = readBeforeCommit;
    await writing;
    if (dialect === 'sqlite') {
      // One connection: the read waits for the transaction that holds it, then sees its rows.
      expect(stateAtCommit).toBeNull();
      expect(await read!).toEqual([{ code }]);
    } else {
      expect(stateAtCommit).toEqual([]);
    }
  });

  it('fails as the ORM fails', async () => {
    const em = getDb().em.fork();
    await expect(queryRows(em, 'select * from no_such_table where id = ?', [1], {})).rejects.toThrow(/no_such_table/);
    const org = newOrganization(em);
    await em.flush();
    const duplicate = runStatement(em, 'insert into organization (id, code, name, created_at) values (?, ?, ?, ?)', [
      crypto.randomUUID(),
      org.code,
      '重复',
      new Date(),
    ]);
    await expect(duplicate).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('inside a transaction too: binds dates and booleans as the ORM does, is logged, and fails as the ORM fails', async () => {
    const db = getDb();
    const em = db.em.fork();
    const org = newOrganization(em);
    await em.flush();
    const at = new Date('2023-07-31T08:00:00.123Z');
    const { queries } = await db.captureQueries(() =>
      em.fork().transactional(async (tx) => {
        await runStatement(tx, 'update organization set created_at = ? where id = ?', [at, org.id]);
        const [row] = await queryRows(tx, 'select created_at, ? as yes from organization where id = ?', [true, org.id], { created_at: instant, yes: boolean });
        expect(row).toEqual({ created_at: at, yes: true });
        // (A failed statement aborts a PostgreSQL transaction; SQLite's goes on, as it did through knex.)
        if (dialect === 'sqlite') {
          const duplicate = runStatement(tx, 'insert into organization (id, code, name, created_at) values (?, ?, ?, ?)', [
            crypto.randomUUID(),
            org.code,
            '重复',
            at,
          ]);
          await expect(duplicate).rejects.toBeInstanceOf(UniqueConstraintViolationException);
        }
      }),
    );
    expect(queries).toContain('update organization set created_at = ? where id = ?');
    expect((await db.em.fork().findOneOrFail(Organization, { id: org.id })).createdAt).toEqual(at);
  });

  it('runs several statements in order (one round trip on PostgreSQL), each logged, the rows of the last decoded', async () => {
    const db = getDb();
    const em = db.em.fork();
    const org = newOrganization(em, { name: '原名' });
    await em.flush();
    // What knex sends to the database (PostgreSQL; a SQLite transaction's statements bypass it).
    const sent: string[] = [];
    const knex = (
      em.getConnection() as unknown as {
        getKnex(): { on(event: string, listener: (query: { sql: string }) => void): void; off(event: string, listener: unknown): void };
      }
    ).getKnex();
    const listener = (query: { sql: string }) => sent.push(query.sql);
    knex.on('query', listener);
    const { result: rows, queries } = await db.captureQueries(() =>
      em.transactional(async (tx) => {
        await runStatements(tx, [
          ['update organization set name = ? where id = ?', ['第一', org.id]],
          ['update organization set name = name || ? where id = ?', ['，第二', org.id]],
        ]);
        return queryRowsAfter(
          tx,
          [['update organization set name = name || ? where id = ?', ["，第三's", org.id]]],
          'select name from organization where id = ?',
          [org.id],
          {
            name: text,
          },
        );
      }),
    );
    expect(rows).toEqual([{ name: "第一，第二，第三's" }]);
    expect(queries.filter((q) => !/^(begin|commit|savepoint|release)/i.test(q))).toEqual([
      'update organization set name = ? where id = ?',
      'update organization set name = name || ? where id = ?',
      'update organization set name = name || ? where id = ?',
      'select name from organization where id = ?',
    ]);
    knex.off('query', listener);
    if (dialect === 'postgresql') expect(sent.filter((q) => !/^(begin|commit)/i.test(q.trim()))).toHaveLength(2);
    // No statements: nothing is sent at all.
    expect((await db.captureQueries(() => runStatements(em, []))).queries).toEqual([]);
  });

  it('stops at a failing statement of several, fails as the ORM fails, and the transaction rolls back', async () => {
    const em = getDb().em.fork();
    const [org, other] = [newOrganization(em, { name: '原名' }), newOrganization(em)];
    await em.flush();
    const failing = em.transactional((tx) =>
      runStatements(tx, [
        ['update organization set name = ? where id = ?', ['改了', org.id]],
        ['update organization set code = ? where id = ?', [other.code, org.id]],
        ['update organization set name = ? where id = ?', ['不该运行', other.id]],
      ]),
    );
    await expect(failing).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    const names = await queryRows(em, `select name from organization where id in (${placeholders(2)}) order by name`, [org.id, other.id], { name: text });
    expect(names.map((row) => row.name).sort()).toEqual([org.name, other.name].sort());
  });

  it('keeps working past the prepared-statement limit', async () => {
    const em = getDb().em.fork();
    for (let i = 0; i < 300; i++) {
      const rows = await queryRows(em, `select count(*) + ${i} as n from organization where code = ?`, ['none'], { n: number });
      expect(rows[0].n).toBe(i);
    }
  });
});

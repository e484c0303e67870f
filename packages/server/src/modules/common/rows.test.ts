import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newOrganization } from '../../test/fixtures.js';
import { Organization } from '../organization/organization.entity.js';
import { selectRows } from './rows.js';

describeEachDatabase('selectRows', (getDb, dialect) => {
  it('returns the rows the ORM returns, values bound to the placeholders', async () => {
    const em = getDb().em.fork();
    const orgs = [newOrganization(em, { name: '甲' }), newOrganization(em, { name: '乙' }), newOrganization(em, { name: '丙' })];
    await em.flush();
    const sql = 'select id, code, name, parent_id from organization where code in (?, ?) order by name';
    const params = [orgs[0].code, orgs[2].code];
    const rows = await selectRows(em, sql, params);
    expect(rows).toEqual(await em.getConnection().execute(sql, params, 'all'));
    expect(rows.map((row) => row.name).sort()).toEqual(['丙', '甲']);
    // Again, from the prepared statement.
    expect(await selectRows(em, sql, [orgs[1].code, 'none'])).toEqual([{ id: orgs[1].id, code: orgs[1].code, name: '乙', parent_id: null }]);
  });

  it('is logged once per statement, like the ORM’s', async () => {
    const db = getDb();
    const { queries } = await db.captureQueries(async () => {
      await selectRows(db.em.fork(), 'select count(*) as n from organization where code = ?', ['x']);
      await selectRows(db.em.fork(), 'select count(*) as n from organization where code = ?', ['y']);
    });
    expect(queries).toEqual(['select count(*) as n from organization where code = ?', 'select count(*) as n from organization where code = ?']);
  });

  it('reads within the EntityManager’s transaction', async () => {
    const em = getDb().em.fork();
    const code = await em.transactional(async (tx) => {
      const org = newOrganization(tx);
      await tx.flush();
      const rows = await selectRows(tx, 'select code from organization where id = ?', [org.id]);
      return rows[0]?.code;
    });
    expect(code).toMatch(/^org/);
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
      read = selectRows(db.em.fork(), 'select code from organization where code = ?', [code]);
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

  it('fails as the driver fails', async () => {
    await expect(selectRows(getDb().em.fork(), 'select * from no_such_table where id = ?', [1])).rejects.toThrow(/no_such_table/);
  });

  it('keeps working past the prepared-statement limit', async () => {
    const em = getDb().em.fork();
    for (let i = 0; i < 300; i++) {
      const rows = await selectRows(em, `select count(*) + ${i} as n from organization where code = ?`, ['none']);
      expect(Number(rows[0].n)).toBe(i);
    }
  });
});

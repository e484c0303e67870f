import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type Dialect } from '../db.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../db-admin.js';
import { DIALECTS, testPostgresUrl } from '../test/databases.js';

/** The last migration before the target-import fields: the database an older release left behind. */
const BEFORE = 'Migration20261201225800_login_limits_audit_key';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-upgrade-'));
const temporaries: TemporaryDatabase[] = [];
afterAll(async () => {
  for (const temporary of temporaries) await temporary.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function databaseUrl(dialect: Dialect): Promise<string> {
  if (dialect === 'sqlite') return join(dir, `${randomUUID()}.sqlite`);
  const temporary = await createTemporaryDatabase(testPostgresUrl!);
  temporaries.push(temporary);
  return temporary.url;
}

async function rows(db: Db, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  return db.em.fork().getConnection().execute(sql, params);
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`upgrading a database with data to the target-import fields [${dialect}]`, () => {
    it('keeps every indicator with its actuals and surveys, marks derived actuals, and then stores a `between` target', async () => {
      const url = await databaseUrl(dialect);
      // SQLite keeps datetimes as epoch milliseconds, PostgreSQL as timestamptz.
      const now = dialect === 'sqlite' ? Date.now() : new Date().toISOString();
      const [org, user, project, first, second] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const old = await createDb({ url, migrateTo: BEFORE });
      try {
        await rows(old, 'insert into organization (id, code, name, created_at) values (?, ?, ?, ?)', [org, '218101', '天津市武清区人民法院', now]);
        await rows(old, 'insert into app_user (id, username, password_hash, role, organization_id, created_at) values (?, ?, ?, ?, ?, ?)', [
          user,
          'li',
          'x',
          'MANAGER',
          org,
          now,
        ]);
        await rows(
          old,
          `insert into project (id, organization_id, year, name, purpose, goals, budget_total_fen, budget_fiscal_fen, budget_other_fen, created_at, updated_at)
           values (?, ?, 2023, '派出法庭安全隐患维修项目', '维修', '[]', 30000000, 30000000, 0, ?, ?)`,
          [project, org, now, now],
        );
        for (const [id, position, name, raw] of [
          [first, 0, '维修法庭和办公室数量', '≥6个'],
          [second, 1, '干警满意度', '≥95%'],
        ] as const) {
          await rows(
            old,
            `insert into indicator (id, project_id, position, level1, level2, name, description, target_raw, target_kind, comparator, target_value, unit, updated_at)
             values (?, ?, ?, '产出指标', '数量指标', ?, '', ?, 'quantitative', '>=', ?, ?, ?)`,
            [id, project, position, name, raw, position === 0 ? '6' : '95', position === 0 ? '个' : '%', now],
          );
        }
        await rows(old, 'insert into actual (id, indicator_id, value, recorded_at, recorded_by_id) values (?, ?, ?, ?, ?)', [
          randomUUID(),
          first,
          '5个',
          now,
          user,
        ]);
        await rows(old, 'insert into actual (id, indicator_id, value, recorded_at, derived_from) values (?, ?, ?, ?, ?)', [
          randomUUID(),
          first,
          '6个',
          now,
          '{"source":"REPAIR_COUNT","ids":[]}',
        ]);
        await rows(
          old,
          `insert into survey (id, indicator_id, title, audience, questions, opens_at, closes_at, public_token, created_by_id, created_at)
           values (?, ?, '干警满意度调查', 'OFFICERS', '[]', ?, ?, 'token', ?, ?)`,
          [randomUUID(), second, now, now, user, now],
        );
      } finally {
        await old.close();
      }

      const db = await createDb({ url });
      try {
        expect(await db.orm.migrator.getPendingMigrations()).toEqual([]);
        expect(
          (await rows(db, 'select name, tolerance, target_max from indicator order by position')).map((r) => [r.name, Boolean(r.tolerance), r.target_max]),
        ).toEqual([
          ['维修法庭和办公室数量', false, null],
          ['干警满意度', false, null],
        ]);
        expect((await rows(db, 'select value, source from actual order by value')).map((r) => [r.value, r.source])).toEqual([
          ['5个', 'MANUAL'],
          ['6个', 'EVIDENCE'],
        ]);
        expect((await rows(db, 'select count(*) as n from survey where indicator_id = ?', [second]))[0].n).toEqual(dialect === 'sqlite' ? 1 : '1');
        expect((await rows(db, 'select kind, budget_carryover_fen, leader from project'))[0]).toMatchObject({ kind: 'PROJECT', leader: null });
        // A project of an older release asks for signatures on its acceptances, as new ones do.
        expect(Boolean((await rows(db, 'select require_signature from project'))[0].require_signature)).toBe(true);
        if (dialect === 'sqlite') {
          expect(await rows(db, 'pragma foreign_key_check')).toEqual([]);
          // The references still point at the rebuilt table, and are still enforced.
          const actual = await rows(db, `select sql from sqlite_master where name = 'actual'`);
          expect(String(actual[0].sql)).toContain('references `indicator`(`id`)');
        }
        await expect(
          rows(db, 'insert into actual (id, indicator_id, value, recorded_at) values (?, ?, ?, ?)', [randomUUID(), randomUUID(), '1个', now]),
        ).rejects.toThrow();
        await rows(db, `update indicator set comparator = 'between', target_value = '90', target_max = '95', tolerance = ? where id = ?`, [
          dialect === 'sqlite' ? 1 : true,
          second,
        ]);
        await expect(rows(db, `update indicator set comparator = 'about' where id = ?`, [second])).rejects.toThrow();
        expect((await rows(db, 'select comparator, target_max from indicator where id = ?', [second]))[0]).toEqual({ comparator: 'between', target_max: '95' });
      } finally {
        await db.close();
      }
    });
  });
}

import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachApi } from '../../test/api.js';
import { courtProjectId, storedSignature } from '../../test/inspections.js';
import { Actual, AuditEvent, Indicator, Inspection, Organization, Project, Site, Spending, Upload, User } from '../entities.js';

/**
 * A flush writes what changed and nothing else. On SQLite (dates stored as epoch milliseconds)
 * MikroORM used to see every loaded datetime as changed and rewrote them on each flush
 * (`update inspection set captured_at = case …` for every loaded inspection); see
 * SqlitePlatform.processDateProperty in sqlite-driver.ts.
 */
describeEachApi('a flush after loading entities', (getApi) => {
  it('writes nothing when nothing changed, and exactly the changed column when one did', async () => {
    const api = getApi();
    const inspector = await api.login('inspector');
    const manager = await api.login('manager');
    const projectId = await courtProjectId(api, manager);
    const seed = api.db.em.fork();
    const photo = createHash('sha256').update('flush-photo').digest('hex');
    seed.create(Upload, {
      sha256: photo,
      uploadedBy: await seed.findOneOrFail(User, { username: 'inspector' }),
      mime: 'image/jpeg',
      bytes: 900,
      width: 1600,
      height: 1200,
    });
    await seed.flush();
    const signature = await storedSignature(api);
    for (let i = 0; i < 3; i++) {
      const result = await api.gql(
        'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }',
        {
          input: {
            clientId: randomUUID(),
            projectId,
            kind: 'REPAIR',
            itemName: `维修点 ${i}`,
            passed: true,
            photos: [photo],
            signature,
            capturedAt: `2023-09-1${i}T15:30:00.123+08:00`,
          },
        },
        inspector,
      );
      expect(result.errors).toBeUndefined();
    }

    const em = api.db.em.fork();
    const loaded = [Organization, Project, Indicator, Actual, Inspection, Site, Spending, Upload, User, AuditEvent] as const;
    for (const entity of loaded) await em.find(entity as never, {});
    expect(
      em
        .getUnitOfWork()
        .getIdentityMap()
        .values()
        .filter((e) => e instanceof Inspection),
    ).toHaveLength(3);
    expect(
      em
        .getUnitOfWork()
        .getIdentityMap()
        .values()
        .some((e) => e instanceof Actual),
    ).toBe(true);
    const { queries } = await api.db.captureQueries(() => em.flush());
    expect(queries).toEqual([]);

    // A real change is still written, and reads back to the millisecond.
    const inspection = await em.findOneOrFail(Inspection, { itemName: '维修点 1' });
    inspection.capturedAt = new Date('2023-09-20T08:00:00.456Z');
    const changed = await api.db.captureQueries(() => em.flush());
    expect(changed.queries.filter((sql) => /^update/i.test(sql))).toHaveLength(1);
    expect(changed.queries.find((sql) => /^update/i.test(sql))).toMatch(/captured_at/);
    const reread = await api.db.em.fork().findOneOrFail(Inspection, { id: inspection.id });
    expect(reread.capturedAt.toISOString()).toBe('2023-09-20T08:00:00.456Z');
    const again = await api.db.captureQueries(() => em.flush());
    expect(again.queries).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newIndicator, newOrganization, newProject } from '../../test/fixtures.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Actual } from './actual.entity.js';

describeEachDatabase('Actual', (getDb) => {
  async function indicatorId(): Promise<string> {
    const em = getDb().em.fork();
    const indicator = newIndicator(em, newProject(em, newOrganization(em)), 0);
    await em.flush();
    return indicator.id;
  }

  it('refuses a second record with the same clientId', async () => {
    const id = await indicatorId();
    const clientId = randomUUID();
    const first = getDb().em.fork();
    first.create(Actual, { indicator: first.getReference(Indicator, id), value: '5个', clientId });
    await first.flush();

    const retry = getDb().em.fork();
    retry.create(Actual, { indicator: retry.getReference(Indicator, id), value: '5个', clientId });
    await expect(retry.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });

  it('allows any number of records without a clientId', async () => {
    const id = await indicatorId();
    const em = getDb().em.fork();
    em.create(Actual, { indicator: em.getReference(Indicator, id), value: '4个' });
    em.create(Actual, { indicator: em.getReference(Indicator, id), value: '5个' });
    await em.flush();
    expect(await getDb().em.fork().count(Actual, { indicator: id })).toBe(2);
  });

  it('keeps the history of an indicator, newest last', async () => {
    const id = await indicatorId();
    const em = getDb().em.fork();
    const indicator = em.getReference(Indicator, id);
    em.create(Actual, { indicator, tier: 'PARTIAL', ratio: 0.7, recordedAt: new Date('2023-10-01T08:00:00.123Z') });
    em.create(Actual, { indicator, tier: 'ACHIEVED', ratio: 0.95, recordedAt: new Date('2023-12-01T08:00:00.456Z') });
    await em.flush();

    const loaded = await getDb()
      .em.fork()
      .findOneOrFail(Indicator, id, { populate: ['actuals'] });
    expect(loaded.actuals.getItems().map((a) => [a.tier, a.ratio, a.recordedAt.toISOString()])).toEqual([
      ['PARTIAL', 0.7, '2023-10-01T08:00:00.123Z'],
      ['ACHIEVED', 0.95, '2023-12-01T08:00:00.456Z'],
    ]);
  });
});

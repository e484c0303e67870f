import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newOrganization, newProject } from '../../test/fixtures.js';
import { Spending } from './spending.entity.js';

describeEachDatabase('Spending', (getDb) => {
  it('keeps the amount exactly and the date as written', async () => {
    const em = getDb().em.fork();
    const spending = em.create(Spending, { project: newProject(em, newOrganization(em)), amountFen: 0, date: '2023-06-30' });
    spending.setAmount(1234567.89);
    await em.flush();

    const loaded = await getDb().em.fork().findOneOrFail(Spending, spending.id);
    expect(loaded.amount()).toBe(1234567.89);
    expect(loaded.amountFen).toBe(1_234_567_890_000);
    expect(loaded.date).toBe('2023-06-30');
  });

  it('refuses a second record with the same clientId', async () => {
    const clientId = randomUUID();
    const em = getDb().em.fork();
    const project = newProject(em, newOrganization(em));
    em.create(Spending, { project, amountFen: 100, date: '2023-01-01', clientId });
    await em.flush();

    const retry = getDb().em.fork();
    retry.create(Spending, { project: project.id, amountFen: 100, date: '2023-01-01', clientId });
    await expect(retry.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });
});

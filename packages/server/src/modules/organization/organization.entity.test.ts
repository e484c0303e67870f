import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newOrganization, unique } from '../../test/fixtures.js';
import { Organization } from './organization.entity.js';

describeEachDatabase('Organization', (getDb) => {
  it('keeps its parent, for roll-ups', async () => {
    const em = getDb().em.fork();
    const parent = newOrganization(em, { name: '天津市高级人民法院' });
    const child = newOrganization(em, { parent });
    await em.flush();

    const loaded = await getDb()
      .em.fork()
      .findOneOrFail(Organization, child.id, { populate: ['parent'] });
    expect(loaded.parent?.code).toBe(parent.code);
    expect(loaded.createdAt).toBeInstanceOf(Date);
  });

  it('refuses a second organization with the same code', async () => {
    const code = unique('218101');
    const first = getDb().em.fork();
    newOrganization(first, { code });
    await first.flush();

    const second = getDb().em.fork();
    newOrganization(second, { code, name: '另一个单位' });
    await expect(second.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });
});

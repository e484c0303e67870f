import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newIndicator, newOrganization, newProject } from '../../test/fixtures.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from './project.entity.js';

describeEachDatabase('Project', (getDb) => {
  it.each([
    { total: 418.0, fiscal: 418.0, other: 0, carryover: 0 },
    { total: 1234567.89, fiscal: 1000000.01, other: 234567.88, carryover: 0 },
    // 3,000 万元 is 3e10 分, beyond a 32-bit integer.
    { total: 3000.000001, fiscal: 2147.483648, other: 852.516353, carryover: 0 },
    // 上年结转 (a 批复表's 年度资金总额 30 = 财政拨款 20 + 上年结转 5 + 其他资金 5).
    { total: 30, fiscal: 20, other: 5, carryover: 5 },
  ])('stores the budget $total 万元 (上年结转 $carryover) exactly', async (budget) => {
    const em = getDb().em.fork();
    const project = newProject(em, newOrganization(em));
    project.setBudget(budget);
    await em.flush();

    const loaded = await getDb().em.fork().findOneOrFail(Project, project.id);
    expect(loaded.budget()).toEqual(budget);
    expect(typeof loaded.budgetTotalFen).toBe('number');
    expect(loaded.budgetFiscalFen + loaded.budgetOtherFen + loaded.budgetCarryoverFen).toBe(loaded.budgetTotalFen);
  });

  it('round-trips goals and lists its indicators in table order', async () => {
    const em = getDb().em.fork();
    const project = newProject(em, newOrganization(em));
    project.goals = ['完成5个派出法庭维修', '维修质量达标率≥95%'];
    for (const position of [2, 0, 1]) newIndicator(em, project, position);
    await em.flush();

    const loaded = await getDb()
      .em.fork()
      .findOneOrFail(Project, project.id, { populate: ['indicators'] });
    expect(loaded.goals).toEqual(['完成5个派出法庭维修', '维修质量达标率≥95%']);
    expect(loaded.indicators.getItems().map((i) => i.position)).toEqual([0, 1, 2]);
  });

  it('is unique per organization, year and name', async () => {
    const em = getDb().em.fork();
    const organization = newOrganization(em);
    const project = newProject(em, organization);
    newProject(em, organization, { name: project.name, year: 2024 });
    newProject(em, newOrganization(em), { name: project.name });
    await em.flush();

    const again = getDb().em.fork();
    newProject(again, again.getReference(Organization, organization.id), { name: project.name, year: 2023 });
    await expect(again.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });
});

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ParsedTarget } from '@jixiao/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.js';
import { newIndicator, newOrganization, newProject } from '../../test/fixtures.js';
import { Indicator, IndicatorSource } from './indicator.entity.js';

const targets: ParsedTarget[] = [
  { raw: '≥95%', kind: 'quantitative', comparator: '>=', value: 95, unit: '%', rule: { zeroBelow: 0.6 } },
  { raw: '≤28.5万元', kind: 'quantitative', comparator: '<=', value: 28.5, unit: '万元', rule: null },
  { raw: '2023年10月前', kind: 'deadline', comparator: '<=', value: '2023-09-30', unit: null, rule: null },
  { raw: '显著提升审判质效', kind: 'qualitative', comparator: null, value: null, unit: null, rule: null },
];

describeEachDatabase('Indicator', (getDb) => {
  it.each(targets)('keeps the parsed target $raw', async (target) => {
    const em = getDb().em.fork();
    const indicator = newIndicator(em, newProject(em, newOrganization(em)), 0);
    indicator.setTarget(target);
    await em.flush();

    const loaded = await getDb().em.fork().findOneOrFail(Indicator, indicator.id);
    expect(loaded.target()).toEqual(target);
    expect(loaded.source).toBe(IndicatorSource.MANUAL);
    expect(loaded.notApplicable).toBe(false);
  });

  it('keeps weights as numbers', async () => {
    const em = getDb().em.fork();
    const indicator = newIndicator(em, newProject(em, newOrganization(em)), 0);
    indicator.weight = 16.666666666666668;
    await em.flush();

    const loaded = await getDb().em.fork().findOneOrFail(Indicator, indicator.id);
    expect(loaded.weight).toBe(16.666666666666668);
  });

  it('has one indicator per position of a project', async () => {
    const em = getDb().em.fork();
    const project = newProject(em, newOrganization(em));
    newIndicator(em, project, 0);
    newIndicator(em, project, 0);
    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });
});

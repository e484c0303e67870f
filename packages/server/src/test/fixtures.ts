import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Indicator, Organization, Project } from '../modules/entities.js';

/** A unique suffix, so that tests sharing a database do not collide on unique columns. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function newOrganization(em: EntityManager, data: Partial<Pick<Organization, 'code' | 'name' | 'parent'>> = {}): Organization {
  return em.create(Organization, { code: unique('org'), name: '天津市武清区人民法院', ...data });
}

export function newProject(em: EntityManager, organization: Organization, data: Partial<Pick<Project, 'year' | 'name'>> = {}): Project {
  const project = em.create(Project, {
    organization,
    year: 2023,
    name: unique('派出法庭维修改造项目'),
    purpose: '用于派出法庭及办公室维修',
    goals: ['完成派出法庭维修', '保障审判工作正常开展'],
    budgetTotalFen: 0,
    budgetFiscalFen: 0,
    budgetOtherFen: 0,
    ...data,
  });
  project.setBudget({ total: 418, fiscal: 418, other: 0 });
  return project;
}

export function newIndicator(em: EntityManager, project: Project, position: number): Indicator {
  const indicator = em.create(Indicator, {
    project,
    position,
    level1: '产出指标',
    level2: '数量指标',
    name: '维修法庭和办公室数量',
    description: '维修派出法庭和办公室的数量',
    targetRaw: '≥5个',
    targetKind: 'quantitative',
  });
  indicator.setTarget({ raw: '≥5个', kind: 'quantitative', comparator: '>=', value: 5, unit: '个', rule: null });
  return indicator;
}

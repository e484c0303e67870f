import { describe, expect, it } from 'vitest';
import type { Grade } from './grades.js';
import { addRollUpSums, emptyRollUpSums, rollUpFromSums, rollUpProjects, rollUpSumsOf, type ProjectToRollUp, type RollUp } from './roll-up.js';

const project = (budget: number, spent: number, score: number, grade: Grade, missing = 0): ProjectToRollUp => ({ budget, spent, score, grade, missing });

/** The seed's five projects (docs/domain.md), 总分 as sums of rounded 得分. */
const SEED = [
  project(418, 400, 92.46, '优'),
  project(27, 27.5, 91.38, '优'),
  project(21, 20.8, 84.68, '良'),
  project(30, 28.5, 90.44, '优'),
  project(31, 0, 68.25, '中', 1),
];

describe('rollUpProjects', () => {
  it.each<[string, ProjectToRollUp[], Partial<RollUp>]>([
    [
      'the seed: 476.8 of 527 spent, average (92.46 + 91.38 + 84.68 + 90.44 + 68.25) / 5 = 85.442',
      SEED,
      {
        projectCount: 5,
        budget: 527,
        spent: 476.8,
        executionRate: 0.9047,
        averageScore: 85.44,
        grades: { excellent: 3, good: 1, fair: 1, poor: 0 },
        incompleteProjects: 1,
        missing: 1,
      },
    ],
    [
      'money is added to the 分: 0.1 + 0.2 万元 is 0.3, not 0.30000000000000004',
      [project(0.1, 0.1, 80, '良'), project(0.2, 0.2, 80, '良')],
      { budget: 0.3, spent: 0.3, executionRate: 1 },
    ],
    [
      'a sum that adds up in floats to just under half a 百元 stays on it: 12.015 + 1.78 + 10.2 = 23.995, not 23.994999999999997',
      [project(12.015, 12.015, 90, '优'), project(1.78, 0.45, 50, '差'), project(10.2, 5.1, 50, '差')],
      { budget: 23.995, spent: 17.565, executionRate: 0.732 },
    ],
    [
      '执行率 comes from the sums, not from the projects’ rates: 10.5 of 110, not (100% + 5%) / 2',
      [project(10, 10, 100, '优'), project(100, 0.5, 60, '中')],
      { executionRate: 0.0955 },
    ],
    [
      'an average at exactly half a hundredth rounds up: (85.44 + 85.45) / 2 = 85.445 → 85.45',
      [project(1, 1, 85.44, '良'), project(1, 1, 85.45, '良')],
      { averageScore: 85.45 },
    ],
    [
      'an average of three: (90.01 + 90.01 + 90.02) / 3 = 90.013333 → 90.01',
      [project(1, 1, 90.01, '优'), project(1, 1, 90.01, '优'), project(1, 1, 90.02, '优')],
      { averageScore: 90.01, grades: { excellent: 3, good: 0, fair: 0, poor: 0 } },
    ],
    [
      'no budget: no rate',
      [project(0, 0, 40, '差', 2)],
      { budget: 0, executionRate: null, averageScore: 40, grades: { excellent: 0, good: 0, fair: 0, poor: 1 }, incompleteProjects: 1, missing: 2 },
    ],
    [
      'no projects: nothing to average',
      [],
      {
        projectCount: 0,
        budget: 0,
        spent: 0,
        executionRate: null,
        averageScore: null,
        grades: { excellent: 0, good: 0, fair: 0, poor: 0 },
        incompleteProjects: 0,
        missing: 0,
      },
    ],
  ])('%s', (_label, projects, expected) => {
    expect(rollUpProjects(projects)).toMatchObject(expected);
  });
});

describe('roll-up sums, kept up to date one project change at a time', () => {
  const sumsOf = (projects: readonly ProjectToRollUp[]) => projects.reduce((sums, p) => addRollUpSums(sums, rollUpSumsOf(p)), emptyRollUpSums());

  it.each<[string, ProjectToRollUp[], Array<[number, ProjectToRollUp]>]>([
    ['a project whose score and spending move: the seed’s fifth project gets its missing actual and spends 30', SEED, [[4, project(31, 30, 88.25, '良')]]],
    [
      'changes back and forth end where they started',
      SEED,
      [
        [0, project(418, 10, 40, '差', 3)],
        [0, project(418, 400, 92.46, '优')],
      ],
    ],
    [
      'money in odd 分 and scores at half a hundredth of an average',
      [project(12.015, 12.015, 90, '优'), project(1.78, 0.45, 85.44, '良')],
      [[1, project(1.78, 0.45, 85.45, '良')]],
    ],
  ])('%s: the sums with each change applied (new minus old) roll up as the projects do from scratch', (_label, start, changes) => {
    const projects = [...start];
    let sums = sumsOf(projects);
    for (const [index, next] of changes) {
      sums = addRollUpSums(addRollUpSums(sums, rollUpSumsOf(projects[index]), -1), rollUpSumsOf(next));
      projects[index] = next;
    }
    expect(sums).toEqual(sumsOf(projects));
    expect(rollUpFromSums(sums)).toEqual(rollUpProjects(projects));
  });

  it('taking away every project leaves the empty sums, which roll up as no projects', () => {
    let sums = sumsOf(SEED);
    for (const p of SEED) sums = addRollUpSums(sums, rollUpSumsOf(p), -1);
    expect(sums).toEqual(emptyRollUpSums());
    expect(rollUpFromSums(sums)).toEqual(rollUpProjects([]));
  });
});

import { describe, expect, it } from 'vitest';
// The 指标值 other units published (test/fixtures/real/README.md names each source).
import jsonl from '../../../../test/fixtures/real/targets.jsonl?raw';
import { parseTarget, type ParsedTarget } from './parse-target.js';

interface Reading {
  kind: ParsedTarget['kind'];
  comparator: ParsedTarget['comparator'];
  value: number | null;
  unit: string | null;
  deadline: string | null;
}

interface Sample {
  doc: string;
  level1: string;
  level2: string;
  name: string;
  raw: string;
  expect: Reading;
  expect_alt?: Partial<Reading>;
}

const samples: Sample[] = jsonl
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Sample);

/** The reading in the samples' shape: a deadline's date under `deadline`, not `value`. */
function reading(target: ParsedTarget): Reading {
  const deadline = target.kind === 'deadline' ? (target.value as string) : null;
  return { kind: target.kind, comparator: target.comparator, value: deadline === null ? (target.value as number | null) : null, unit: target.unit, deadline };
}

describe('parseTarget reads every target other units published as DESIGN.md says', () => {
  it('has the 132 samples', () => expect(samples).toHaveLength(132));

  it.each(samples.map((s, i) => [`${i + 1}: ${s.raw} (${s.level2} / ${s.name})`, s] as const))('%s', (_, sample) => {
    // The table's year is the one its document names ("…自评(2020)").
    const year = /(?:19|20)\d{2}/.exec(sample.doc);
    const got = reading(
      parseTarget(sample.raw, { level1: sample.level1, level2: sample.level2, name: sample.name, year: year ? Number(year[0]) : undefined }).target,
    );
    const accepted = [sample.expect, ...(sample.expect_alt ? [{ ...sample.expect, ...sample.expect_alt }] : [])];
    expect(accepted).toContainEqual(got);
  });
});

import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildGraphqlSchema } from './schema.js';
import { depthLimit, measureOperations } from './depth-limit.js';

/** `count` fragments, each spreading the next one twice: 2^count fields once spread. */
function fragmentChain(count: number): string {
  const fragments = Array.from({ length: count }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 }\n${fragments.join('\n')}\nfragment F${count} on Query { __typename }`;
}

describe('measureOperations', () => {
  const cases: Array<[string, string, Array<{ depth: number; fields: number }>]> = [
    ['one field is depth 1', '{ a }', [{ depth: 1, fields: 1 }]],
    ['nested fields add a level each', '{ a { b { c } } d }', [{ depth: 3, fields: 4 }]],
    ['an inline fragment adds no level', '{ a { ... on T { b { c } } } }', [{ depth: 3, fields: 3 }]],
    ['a fragment counts where it is spread, each time', '{ a { ...F } b { c { ...F } } } fragment F on T { x { y } }', [{ depth: 4, fields: 7 }]],
    [
      'each operation is measured alone',
      'query A { a } query B { b { c } }',
      [
        { depth: 1, fields: 1 },
        { depth: 2, fields: 2 },
      ],
    ],
    ['a fragment cycle counts once', '{ ...F } fragment F on Query { a ...G } fragment G on Query { b ...F }', [{ depth: 1, fields: 2 }]],
    ['an unknown fragment counts nothing', '{ a ...Missing }', [{ depth: 1, fields: 1 }]],
  ];
  it.each(cases)('%s', (_name, query, expected) => {
    expect(measureOperations(parse(query))).toEqual(expected);
  });

  it('measures a chain of 40 fragments that each spread the next twice at once, saturating the size', () => {
    const started = performance.now();
    expect(measureOperations(parse(fragmentChain(40)), 10_000)).toEqual([{ depth: 1, fields: 10_000 }]);
    expect(measureOperations(parse(fragmentChain(10)))).toEqual([{ depth: 1, fields: 1024 }]);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('depthLimit', () => {
  it('refuses an operation deeper than the limit through fragments, and accepts one at the limit', async () => {
    const schema = await buildGraphqlSchema();
    const query = (levels: number) =>
      `{ __schema { types { ...T } } } fragment T on __Type { fields { type { ${'ofType { '.repeat(levels - 5)}name${' }'.repeat(levels - 5)} } } }`;
    expect(validate(schema, parse(query(6)), [depthLimit(6)])).toEqual([]);
    const errors = validate(schema, parse(query(7)), [depthLimit(6)]);
    expect(errors.map((error) => [error.message, error.extensions.code])).toEqual([['查询嵌套过深：最多 6 层，此查询为 7 层', 'QUERY_TOO_DEEP']]);
  });

  it('validates a 25-fragment chain in milliseconds', async () => {
    const schema = await buildGraphqlSchema();
    const started = performance.now();
    expect(validate(schema, parse(fragmentChain(25)), [depthLimit(10)])).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

import { describe, expect, it } from 'vitest';
import { ANONYMOUS_LIMITS, checkDocument, SIGNED_IN_LIMITS, type DocumentLimits } from './document-limits.js';

const SMALL: DocumentLimits = { maxTokens: 40, maxFields: 6, maxExpandedFields: 8, maxAliases: 2, maxDirectives: 2, maxDepth: 3, maxComplexity: 100 };

const repeat = (count: number, text: (i: number) => string) => Array.from({ length: count }, (_, i) => text(i)).join(' ');

describe('checkDocument', () => {
  const cases: Array<[string, string, string | null, string | null]> = [
    ['a small query passes', '{ a { b } c }', null, null],
    ['text that does not parse is left to the parser', '{ a { b }', null, null],
    ['too many tokens', `{ ${repeat(41, () => 'a')} }`, 'QUERY_TOO_LARGE', '查询过大：最多 40 个词法单元，此查询超过此数；请拆成几次请求'],
    ['too many fields written', `{ ${repeat(7, (i) => `f${i}`)} }`, 'QUERY_TOO_LARGE', '查询字段过多：最多 6 个，此查询有 7 个'],
    ['too many aliases', '{ a: x b: x c: x }', 'QUERY_TOO_MANY_ALIASES', '查询别名过多：最多 2 个，此查询有 3 个'],
    [
      'too many directives',
      '{ a @skip(if: true) b @skip(if: true) c @include(if: true) }',
      'QUERY_TOO_MANY_DIRECTIVES',
      '查询指令过多：最多 2 个，此查询有 3 个',
    ],
    ['too deep', '{ a { b { c { d } } } }', 'QUERY_TOO_DEEP', '查询嵌套过深：最多 3 层，此查询为 4 层'],
    ['too deep through a fragment', '{ a { ...F } } fragment F on T { b { c { d } } }', 'QUERY_TOO_DEEP', '查询嵌套过深：最多 3 层，此查询为 4 层'],
    [
      'brackets nested deeper than the parser should follow',
      `{ a(x: ${'['.repeat(13)}1${']'.repeat(13)}) }`,
      'QUERY_TOO_DEEP',
      '查询嵌套过深：最多 3 层，此查询为 4 层',
    ],
    [
      'too many fields once fragments are spread',
      '{ ...F ...F2 } fragment F on Q { a b c } fragment F2 on Q { ...F ...F }',
      'QUERY_TOO_LARGE',
      '查询展开后字段过多：最多 8 个（片段按引用次数计）',
    ],
  ];
  it.each(cases)('%s', (_name, query, code, message) => {
    const refusal = checkDocument(query, SMALL);
    expect(refusal && [refusal.extensions.code, refusal.message, refusal.extensions.http]).toEqual(code && [code, message, { status: 400 }]);
  });

  it('refuses 32,000 × __typename (343 KiB) after reading at most the token limit', () => {
    const query = `{ ${'__typename '.repeat(32_000)}}`;
    const started = performance.now();
    expect(checkDocument(query, SIGNED_IN_LIMITS)?.extensions.code).toBe('QUERY_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('gives anonymous requests lower limits than signed-in ones', () => {
    const aliases = `{ ${repeat(20, (i) => `a${i}: __typename`)} }`;
    expect(checkDocument(aliases, ANONYMOUS_LIMITS)?.extensions.code).toBe('QUERY_TOO_MANY_ALIASES');
    expect(checkDocument(aliases, SIGNED_IN_LIMITS)).toBeNull();
    for (const key of Object.keys(ANONYMOUS_LIMITS) as Array<keyof DocumentLimits>) {
      expect(ANONYMOUS_LIMITS[key], key).toBeLessThan(SIGNED_IN_LIMITS[key]);
    }
  });

  it('remembers a document that passed only for the limits it passed', () => {
    const aliases = `{ ${repeat(15, (i) => `b${i}: __typename`)} }`;
    expect(checkDocument(aliases, SIGNED_IN_LIMITS)).toBeNull();
    expect(checkDocument(aliases, SIGNED_IN_LIMITS)).toBeNull();
    expect(checkDocument(aliases, ANONYMOUS_LIMITS)?.extensions.code).toBe('QUERY_TOO_MANY_ALIASES');
    expect(checkDocument(aliases, ANONYMOUS_LIMITS)?.extensions.code).toBe('QUERY_TOO_MANY_ALIASES');
    // Lower limits of the same shape are other limits.
    expect(checkDocument(aliases, { ...SIGNED_IN_LIMITS, maxAliases: 10 })?.extensions.code).toBe('QUERY_TOO_MANY_ALIASES');
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue, type JsonValue } from './canonical-json.js';

describe('canonicalJson', () => {
  it.each<[JsonValue, string]>([
    [null, 'null'],
    ['维修', '"维修"'],
    [418.5, '418.5'],
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: [{ y: true, x: null }], a: {} }, '{"a":{},"z":[{"x":null,"y":true}]}'],
  ])('writes %j as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ name: '项目', budget: { total: 418, fiscal: 418 } })).toBe(canonicalJson({ budget: { fiscal: 418, total: 418 }, name: '项目' }));
  });
});

describe('toJsonValue', () => {
  it('turns dates into ISO strings and drops undefined properties', () => {
    expect(toJsonValue({ at: new Date('2023-06-30T00:00:00Z'), note: undefined })).toEqual({ at: '2023-06-30T00:00:00.000Z' });
    expect(toJsonValue(undefined)).toBeNull();
  });
});

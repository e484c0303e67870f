import { describe, expect, it } from 'vitest';
import { checkSite, SITE_KIND_LABELS, SITE_KINDS, SITE_LIMITS, type SiteKind, type SiteRecord } from './site.js';

const tribunal = (changes: Partial<SiteRecord> = {}): SiteRecord => ({
  name: '大孟庄法庭',
  kind: 'DISPATCHED_TRIBUNAL',
  address: '武清区大孟庄镇',
  ...changes,
});

describe('checkSite', () => {
  it.each<[string, SiteRecord, Array<[string, string]>]>([
    ['a named tribunal with an address can be saved', tribunal(), []],
    ['the address may be left out', tribunal({ address: null }), []],
    ['the site must be named, and blanks are no name', tribunal({ name: ' \u3000 ' }), [['name', 'REQUIRED']]],
    ['the name at its limit, counted trimmed', tribunal({ name: ` ${'庭'.repeat(SITE_LIMITS.name)} ` }), []],
    ['the name over its limit', tribunal({ name: '庭'.repeat(SITE_LIMITS.name + 1) }), [['name', 'TOO_LONG']]],
    ['a kind must be chosen', tribunal({ kind: null }), [['kind', 'REQUIRED']]],
    ['a kind the API does not know', tribunal({ kind: 'COURTROOM' as SiteKind }), [['kind', 'UNKNOWN']]],
    ['the address over its limit', tribunal({ address: '路'.repeat(SITE_LIMITS.address + 1) }), [['address', 'TOO_LONG']]],
    [
      'an empty form lists everything, in the order of the form',
      { name: '', kind: null, address: '路'.repeat(SITE_LIMITS.address + 1) },
      [
        ['name', 'REQUIRED'],
        ['kind', 'REQUIRED'],
        ['address', 'TOO_LONG'],
      ],
    ],
  ])('%s', (_label, site, expected) => {
    expect(checkSite(site).map((problem) => [problem.field, problem.rule])).toEqual(expected);
  });

  it.each<[string, SiteRecord, string]>([
    ['the missing name', tribunal({ name: '' }), '请填写地点名称'],
    ['the long name', tribunal({ name: '庭'.repeat(101) }), '地点名称最长 100 个字符，实际为 101'],
    ['the missing kind', tribunal({ kind: null }), '请选择地点类型'],
    ['the long address', tribunal({ address: '路'.repeat(201) }), '地址最长 200 个字符，实际为 201'],
  ])('says in Chinese what is wrong: %s', (_label, site, message) => {
    expect(checkSite(site)[0].message).toBe(message);
  });

  it('labels every kind the way the courts say it', () => {
    expect(SITE_KINDS.map((kind) => SITE_KIND_LABELS[kind])).toEqual(['派出法庭', '科技法庭', '办公室', '其他']);
  });
});

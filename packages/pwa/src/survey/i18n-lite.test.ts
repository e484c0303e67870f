import { describe, expect, it } from 'vitest';
import { createI18n as createVueI18n } from 'vue-i18n';
import { respondentEn, respondentZhCN } from '../i18n/respondent';
import { createI18n } from './i18n-lite';

type Tree = { [key: string]: string | Tree };
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

/** Every placeholder any respondent text has, with a value. */
const PARAMS = { n: 2, total: 5, message: '服务器出错', seconds: 30, title: '派出法庭维修满意度调查' };

describe('the survey link’s i18n (i18n-lite)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`writes every respondent text in ${locale} as vue-i18n does`, () => {
      const options = { locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': respondentZhCN, en: respondentEn } };
      const lite = createI18n(options).global;
      const real = createVueI18n({ legacy: false, missingWarn: false, fallbackWarn: false, ...options }).global;
      const keys = keysOf(respondentZhCN as unknown as Tree);
      expect(keys.length).toBeGreaterThan(30);
      for (const key of keys) expect(lite.t(key, PARAMS), key).toBe(real.t(key, PARAMS));
    });
  }

  it('falls back to Chinese, then to the key, and leaves an unknown placeholder as written', () => {
    const lite = createI18n({ locale: 'en', fallbackLocale: 'zh-CN', messages: { 'zh-CN': { a: { b: '甲 {x}' } }, en: {} } }).global;
    expect(lite.t('a.b', { x: 1 })).toBe('甲 1');
    expect(lite.t('a.b')).toBe('甲 {x}');
    expect(lite.t('a.missing')).toBe('a.missing');
  });
});

import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createAppI18n } from './index';
import en from './en';
import zhCN from './zh-CN';

type Tree = { [key: string]: string | Tree };
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}
function placeholders(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [...value.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]) : placeholders(value)));
}

describe('the app’s message compiler (compile.ts)', () => {
  for (const [locale, messages] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as const) {
    it(`writes every text in ${locale} as vue-i18n's own compiler does, placeholders filled or not`, () => {
      // Every placeholder any text has, each with a value of its own; and a number, as the screens pass counts.
      const names = [...new Set(placeholders(messages as unknown as Tree))];
      expect(names.length).toBeGreaterThan(10);
      const params = Object.fromEntries(names.map((name, i) => [name, i % 2 === 0 ? `«${name}»` : i]));
      const ours = createAppI18n(locale).global;
      const theirs = createI18n({
        legacy: false,
        locale,
        fallbackLocale: 'zh-CN',
        messages: { 'zh-CN': zhCN, en },
        missingWarn: false,
        fallbackWarn: false,
      }).global;
      const keys = keysOf(messages as unknown as Tree);
      expect(keys.length).toBeGreaterThan(200);
      for (const key of keys) {
        expect(ours.t(key, params), key).toBe(theirs.t(key, params));
        expect(ours.t(key), key).toBe(theirs.t(key));
      }
    });
  }

  it('fills a placeholder written with spaces, and a value that is 0', () => {
    const i18n = createI18n({ legacy: false, locale: 'x', messages: { x: { a: '共 { n } 条，{m}' } } });
    const ours = createAppI18n('zh-CN');
    ours.global.setLocaleMessage('zh-CN', { a: '共 { n } 条，{m}' } as never);
    expect(ours.global.t('a', { n: 0, m: 'x' })).toBe('共 0 条，x');
    expect(ours.global.t('a', { n: 0, m: 'x' })).toBe(i18n.global.t('a', { n: 0, m: 'x' }));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useI18n } from 'vue-i18n';
import { defineComponent, h } from 'vue';
import MePage from '../pages/MePage.vue';
import { createHarness, logIn, mountWith, settle } from '../testing/harness';
import en from './en';
import { savedLocale } from './index';
import zhCN from './zh-CN';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('i18n', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => {
    wrapper?.unmount();
    localStorage.clear();
  });

  it('switches between Chinese and English from 我的, and remembers the choice', async () => {
    const harness = createHarness();
    await logIn(harness);
    await harness.router.push('/me');
    wrapper = mountWith(harness, MePage);
    await settle();
    expect(wrapper.text()).toContain('退出登录');
    expect(wrapper.text()).toContain('现场人员');
    expect(wrapper.get('[data-testid="locale-zh-CN"]').attributes('aria-checked')).toBe('true');

    await wrapper.get('[data-testid="locale-en"]').trigger('click');
    expect(wrapper.text()).toContain('Log out');
    expect(wrapper.text()).toContain('Field staff');
    expect(wrapper.text()).not.toContain('退出登录');
    expect(localStorage.getItem('jixiao.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(savedLocale(localStorage)).toBe('en');

    await wrapper.get('[data-testid="locale-zh-CN"]').trigger('click');
    expect(wrapper.text()).toContain('退出登录');
    expect(savedLocale(localStorage)).toBe('zh-CN');
  });

  it('starts in Chinese unless English was chosen on this device', () => {
    expect(savedLocale(null)).toBe('zh-CN');
    expect(savedLocale({ getItem: () => 'fr' })).toBe('zh-CN');
    expect(savedLocale({ getItem: () => 'en' })).toBe('en');
  });

  it('formats messages with their values in both languages', () => {
    const harness = createHarness({ locale: 'en' });
    const Probe = defineComponent(() => {
      const { t } = useI18n();
      return () => h('p', t('freshness.minutes', { n: 5 }));
    });
    wrapper = mountWith(harness, Probe);
    expect(wrapper.text()).toBe('Data updated 5 min ago');
    harness.i18n.global.locale.value = 'zh-CN';
    return settle().then(() => expect(wrapper!.text()).toBe('数据更新于 5 分钟前'));
  });

  it('has the same keys in English as in Chinese', () => {
    expect(keysOf(en as unknown as Tree).sort()).toEqual(keysOf(zhCN as unknown as Tree).sort());
  });

  it('has a message for every key the screens use', () => {
    const known = new Set(keysOf(zhCN as unknown as Tree));
    const missing: string[] = [];
    for (const file of sourceFiles(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!known.has(match[1])) missing.push(`${file}: ${match[1]}`);
      }
      // Keys built from a value (t(`source.${…}`)): the prefix must exist.
      for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
        if (![...known].some((key) => key.startsWith(`${match[1]}.`))) missing.push(`${file}: ${match[1]}.*`);
      }
      // i18n keys returned by plain functions (validation errors, the import screen's notices).
      for (const match of text.matchAll(/'((?:inspection|manage)\.errors\.[a-zA-Z]+|importer\.[a-zA-Z.]+)'/g)) {
        if (!known.has(match[1])) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

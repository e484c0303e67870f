import { createI18n } from 'vue-i18n';
import { Locale } from 'vant';
import vantEnUS from 'vant/es/locale/lang/en-US';
import vantZhCN from 'vant/es/locale/lang/zh-CN';
import en from './en';
import { compileMessage } from './compile';
import zhCN, { type Messages } from './zh-CN';

import { STORAGE_KEY, type AppLocale } from './locale';

export { LOCALES, savedLocale, type AppLocale } from './locale';

export function createAppI18n(locale: AppLocale = 'zh-CN') {
  const i18n = createI18n<[Messages], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
    messageCompiler: compileMessage,
  });
  applyVantLocale(locale);
  return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

function applyVantLocale(locale: AppLocale): void {
  // Vant's own words (picker 确认/取消, dialog buttons) follow the app language.
  if (locale === 'en') Locale.use('en-US', vantEnUS);
  else Locale.use('zh-CN', vantZhCN);
}

/**
 * Switches the language of the app and of Vant, and remembers the choice on this device.
 * `current` is the global locale: `useI18n().locale` in a component, `i18n.global.locale` elsewhere.
 */
export function setLocale(current: { value: string }, locale: AppLocale, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  current.value = locale;
  applyVantLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

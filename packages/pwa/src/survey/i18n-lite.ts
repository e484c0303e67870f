/**
 * The few parts of vue-i18n the survey link's page uses — `createI18n` and `useI18n().t` with
 * nested keys and `{name}` placeholders — in a few lines, instead of vue-i18n's message compiler and
 * runtime (about a quarter of that page's JavaScript). Only the survey build uses it, as `vue-i18n`
 * (build/survey-entry.ts); i18n-lite.test.ts checks every respondent text comes out as vue-i18n
 * writes it. The app and every test keep the real vue-i18n.
 */
import { inject, ref, type App, type InjectionKey, type Ref } from 'vue';

type Tree = { [key: string]: string | Tree };

export interface LiteI18nOptions {
  locale: string;
  fallbackLocale: string;
  messages: Record<string, object>;
}

export interface LiteComposer {
  locale: Ref<string>;
  t(key: string, params?: Record<string, unknown>): string;
}

const COMPOSER: InjectionKey<LiteComposer> = Symbol('i18n-lite');

function lookup(tree: object | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree as Tree | undefined;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The text under `key` in the current language (else the fallback's, else the key), its `{name}`s filled from `params`. */
export function createI18n(options: LiteI18nOptions) {
  const locale = ref(options.locale);
  const global: LiteComposer = {
    locale,
    t(key, params = {}) {
      const text = lookup(options.messages[locale.value], key) ?? lookup(options.messages[options.fallbackLocale], key) ?? key;
      return text.replace(/\{\s*(\w+)\s*\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
  };
  return {
    global,
    install(app: App) {
      app.provide(COMPOSER, global);
    },
  };
}

export function useI18n(): LiteComposer {
  const composer = inject(COMPOSER, null);
  if (!composer) throw new Error('i18n-lite: app.use(createI18n(...)) first');
  return composer;
}

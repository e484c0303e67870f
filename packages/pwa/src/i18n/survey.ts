import { createI18n } from 'vue-i18n';
import { Locale } from 'vant';
import vantEnUS from 'vant/es/locale/lang/en-US';
import type { AppLocale } from './locale';
import { respondentEn, respondentZhCN, type RespondentMessages } from './respondent';

/**
 * The public survey link's i18n: the same keys as the app's (zh-CN.ts takes them from
 * respondent.ts), only those texts, in the language this device chose in the app (else Chinese).
 */
export function createSurveyI18n(locale: AppLocale = 'zh-CN') {
  // Vant's own words (the field's clear button's name) follow the language; zh-CN is Vant's default.
  if (locale === 'en') Locale.use('en-US', vantEnUS);
  return createI18n<[RespondentMessages], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': respondentZhCN, en: respondentEn },
    missingWarn: false,
    fallbackWarn: false,
  });
}

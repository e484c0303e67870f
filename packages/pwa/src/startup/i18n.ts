// Stage 3 of the app's start (src/boot.ts): texts and Vant's base.
export { createI18n } from 'vue-i18n';
export { Locale } from 'vant';

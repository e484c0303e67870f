/** The app's languages and the one this device chose (read by both entries: the app and the survey link). */
export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];

export const STORAGE_KEY = 'jixiao.locale';

function isLocale(value: unknown): value is AppLocale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** The saved choice, else Chinese: the field staff read Chinese, whatever the phone's language. */
export function savedLocale(storage: Pick<Storage, 'getItem'> | null): AppLocale {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

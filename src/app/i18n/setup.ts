import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chosenLanguage, type Language } from '../preferences';
import { vi } from './vi';

/**
 * Vietnamese is the default and ships with the first screen; English loads on demand (its
 * file is precached by the service worker, so switching works with no network too).
 */
export async function setUpI18n(language: Language = chosenLanguage() ?? 'vi'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: 'vi',
    fallbackLng: 'vi',
    // A book's screens read their own namespace first, then the app's shared words (common.*),
    // then those of the screens that load when opened (screen-strings.ts), once loaded.
    fallbackNS: ['translation', 'screens'],
    resources: { vi: { translation: vi } },
    interpolation: { escapeValue: false },
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await switchLanguage(instance, language);
  document.documentElement.lang = language;
  return instance;
}

/** Loads a language's strings if they are not there yet, then shows every screen in it. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  if (language === 'en' && !instance.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en');
    instance.addResourceBundle('en', 'translation', en);
  }
  await instance.changeLanguage(language);
}

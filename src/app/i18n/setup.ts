import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chosenLanguage, type Language } from '../preferences';
import { en } from './en';
import { vi } from './vi';

/**
 * Vietnamese is the default; English is the second language. Both sets of strings are
 * bundled (a few KB) so that switching works with no network.
 */
export function setUpI18n(language: Language = chosenLanguage() ?? 'vi'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'vi',
    resources: { vi: { translation: vi }, en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  document.documentElement.lang = language;
  return instance;
}

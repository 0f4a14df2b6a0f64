import { useTranslation } from 'react-i18next';

export interface BookStrings {
  vi: Record<string, unknown>;
  en: Record<string, unknown>;
}

/**
 * A book's words, in both languages, as an i18next namespace of their own: they come with
 * the book's code (its screens load on demand), so the first screen carries none of them.
 * The book's screens then read their keys first, and the app's shared ones (common.*) after.
 */
export function useBookStrings(namespace: string, strings: BookStrings) {
  const { i18n } = useTranslation();
  if (!i18n.hasResourceBundle('vi', namespace)) {
    i18n.addResourceBundle('vi', namespace, strings.vi, true, true);
    i18n.addResourceBundle('en', namespace, strings.en, true, true);
  }
  return useTranslation([namespace, 'translation']);
}

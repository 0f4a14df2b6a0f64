import { useBookStrings } from '../i18n/book-strings';
import { fundEn } from './strings-en';
import { fundVi } from './strings-vi';

/** The fund book's screens read their words through this: namespace "fund", then the app's. */
export function useFundStrings() {
  return useBookStrings('fund', { vi: fundVi, en: fundEn });
}

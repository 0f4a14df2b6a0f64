import { useBookStrings } from '../i18n/book-strings';
import { careEn } from './strings-en';
import { careVi } from './strings-vi';

/** The home-care book's screens read their words through this: namespace "care", then the app's. */
export function useCareStrings() {
  return useBookStrings('care', { vi: careVi, en: careEn });
}

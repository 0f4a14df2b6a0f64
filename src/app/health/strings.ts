import { useBookStrings } from '../i18n/book-strings';
import { healthEn } from './strings-en';
import { healthVi } from './strings-vi';

/** The health book's screens read their words through this: namespace "health", then the app's. */
export function useHealthStrings() {
  return useBookStrings('health', { vi: healthVi, en: healthEn });
}

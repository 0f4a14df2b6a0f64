import { useBookStrings } from '../i18n/book-strings';
import { meetingsEn } from './strings-en';
import { meetingsVi } from './strings-vi';

/** The meeting book's screens read their words through this: namespace "meetings", then the app's. */
export function useMeetingStrings() {
  return useBookStrings('meetings', { vi: meetingsVi, en: meetingsEn });
}

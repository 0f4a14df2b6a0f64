import { useBookStrings } from '../i18n/book-strings';
import { reportsEn } from './strings-en';
import { reportsVi } from './strings-vi';

/** The report's screen and the home tile read their words through this: namespace "reports", then the app's. */
export function useReportStrings() {
  return useBookStrings('reports', { vi: reportsVi, en: reportsEn });
}

/** What the report's helpers need of i18next's `t`: a key and its values, the words back. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

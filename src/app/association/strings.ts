import { useBookStrings } from '../i18n/book-strings';
import { useReportStrings } from '../reports/strings';
import { associationEn } from './strings-en';
import { associationVi } from './strings-vi';

/**
 * The association's pages read their words through this: namespace "association", then the
 * app's. The names of periods and of a report's figures are the club report's own (namespace
 * "reports"), registered beside them: `tr` reads those.
 */
export function useAssociationStrings() {
  const { t, i18n } = useBookStrings('association', { vi: associationVi, en: associationEn });
  const { t: tr } = useReportStrings();
  return { t, i18n, tr };
}

export type { Translate } from '../reports/strings';

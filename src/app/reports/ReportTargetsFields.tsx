import type { Control } from 'react-hook-form';
import type { ClubFields } from '../../domain/club';
import { DigitsField, MoneyField } from '../ui/fields';
import { useReportStrings } from './strings';

/**
 * The club's report targets (REPORTS.md) in the club's Settings: what the association
 * judges the report against. The sources disagree, so each is the club's to set. It comes
 * with the report's words, loaded when Settings opens, not with the first screen.
 */
export function ReportTargetsFields({ control }: { control: Control<ClubFields> }) {
  const { t } = useReportStrings();
  return (
    <fieldset className="form__section">
      <legend>{t('targets.title')}</legend>
      <p className="field__hint">{t('targets.hint')}</p>
      <DigitsField control={control} name="membersTarget" as="number" maxLength={6} label={t('targets.membersTarget')} />
      <DigitsField control={control} name="olderTargetPercent" as="number" maxLength={3} label={t('targets.olderTargetPercent')} />
      <DigitsField control={control} name="olderWomenTargetPercent" as="number" maxLength={3} label={t('targets.olderWomenTargetPercent')} />
      <MoneyField control={control} name="fundTarget" label={t('targets.fundTarget')} />
      <DigitsField control={control} name="checkedTargetPercent" as="number" maxLength={3} label={t('targets.checkedTargetPercent')} />
      <DigitsField control={control} name="borrowingTargetPercent" as="number" maxLength={3} label={t('targets.borrowingTargetPercent')} hint={t('targets.borrowingHint')} />
    </fieldset>
  );
}

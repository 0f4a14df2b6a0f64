import { lazy, Suspense } from 'react';
import { useScreenStrings } from '../i18n/screen-strings';
import { club, type ClubFields } from '../../domain/club';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { ChoiceField, DateField, DigitsField, MoneyField, RateField, TextField } from '../ui/fields';

const resolver = domainResolver(club.fieldsSchema);
// The report's targets come with the report's words: after the first screen (a new phone's club form has no rules).
const ReportTargetsFields = lazy(() => import('../reports/ReportTargetsFields').then((m) => ({ default: m.ReportTargetsFields })));

/**
 * The club's profile and, when `withRules`, its rules. Used to create the club on a new
 * phone and to edit it later from Settings; either way its typing is kept as a draft.
 */
export function ClubForm(props: {
  /** The draft's name: "club:new" on a new phone, "club:<id>" in Settings. */
  draftKey: string;
  initial: ClubFields;
  withRules: boolean;
  submitLabel: string;
  /** `edited`: only what the person changed (all of it when making the club). */
  onSave: (fields: ClubFields, edited: Partial<ClubFields>) => Promise<void>;
}) {
  const { t } = useScreenStrings();
  const book = useBookForm<ClubFields>({ draftKey: props.draftKey, initial: props.initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(props.onSave);

  return (
    <BookFormView book={book} onSubmit={save} submitLabel={props.submitLabel}>
      <TextField control={control} name="name" required maxLength={120} label={t('club.field.name')} hint={t('club.hint.name')} />
      <TextField control={control} name="village" required maxLength={100} label={t('club.field.village')} />
      <TextField control={control} name="commune" required maxLength={100} label={t('club.field.commune')} />
      <TextField control={control} name="province" required maxLength={60} label={t('club.field.province')} />
      <ChoiceField
        control={control}
        name="areaType"
        label={t('club.field.areaType')}
        choices={[
          { value: 'plains', label: t('club.areaType.plains') },
          { value: 'mountains', label: t('club.areaType.mountains') },
        ]}
      />
      <DateField control={control} name="foundedOn" optional label={t('club.field.foundedOn')} />
      {props.withRules && (
        <fieldset className="form__section">
          <legend>{t('club.rules')}</legend>
          <DigitsField control={control} name="olderAgeFrom" as="number" maxLength={2} label={t('club.field.olderAgeFrom')} hint={t('club.hint.olderAgeFrom')} />
          <MoneyField control={control} name="maxLoan" label={t('club.field.maxLoan')} hint={t('club.hint.maxLoan')} />
          <RateField control={control} name='interestRateBasisPoints' unit={t('club.percentPerMonth')} label={t('club.field.interestRate')} hint={t('club.hint.interestRate')} />
          <DigitsField control={control} name="interestToFundPercent" as="number" maxLength={3} label={t('club.field.interestToFund')} hint={t('club.hint.interestToFund')} />
          <DigitsField control={control} name="loanTermMonths" as="number" maxLength={2} label={t('club.field.loanTerm')} />
          <ChoiceField
            control={control}
            name="loanMethod"
            label={t('club.field.loanMethod')}
            hint={t('club.hint.loanMethod')}
            choices={[
              { value: 'flat', label: t('club.loanMethod.flat') },
              { value: 'declining', label: t('club.loanMethod.declining') },
            ]}
          />
          <ChoiceField
            control={control}
            name="loanPattern"
            label={t('club.field.loanPattern')}
            choices={[
              { value: 'equal', label: t('club.loanPattern.equal') },
              { value: 'interestOnly', label: t('club.loanPattern.interestOnly') },
            ]}
          />
          <MoneyField control={control} name="monthlyDues" label={t('club.field.monthlyDues')} />
          <ChoiceField
            control={control}
            name="duesTo"
            label={t('club.field.duesTo')}
            choices={[
              { value: 'operatingFund', label: t('club.fund.operatingFund') },
              { value: 'incomeFund', label: t('club.fund.incomeFund') },
            ]}
          />
        </fieldset>
      )}
      {props.withRules && (
        <fieldset className="form__section">
          <legend>{t('club.meetings')}</legend>
          <DigitsField control={control} name="meetingDay" as="number" optional maxLength={2} label={t('club.field.meetingDay')} hint={t('club.hint.meetingDay')} />
          <DigitsField control={control} name="attendanceTargetPercent" as="number" maxLength={3} label={t('club.field.attendanceTarget')} hint={t('club.hint.attendanceTarget')} />
        </fieldset>
      )}
      {props.withRules && (
        <fieldset className="form__section">
          <legend>{t('club.homeCare')}</legend>
          <p className="field__hint">{t('club.hint.homeCare')}</p>
          <DigitsField control={control} name="careVolunteersTarget" as="number" maxLength={3} label={t('club.field.careVolunteersTarget')} />
          <DigitsField control={control} name="caredForTarget" as="number" maxLength={3} label={t('club.field.caredForTarget')} />
          <DigitsField control={control} name="visitsPerWeekTarget" as="number" maxLength={2} label={t('club.field.visitsPerWeekTarget')} />
        </fieldset>
      )}
      {props.withRules && (
        <Suspense fallback={null}>
          <ReportTargetsFields control={control} />
        </Suspense>
      )}
    </BookFormView>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { club, type ClubFields } from '../../domain/club';
import { domainErrorMap } from '../../domain/validation';
import { ChoiceField, DateField, DigitsField, MoneyField, RateField, TextField } from '../ui/fields';
import { editedFields } from '../ui/edited-fields';
import { FormFooter } from '../ui/FormFooter';
import { useUnsavedWorkGuard } from '../ui/unsaved-work';
import { showWriteError } from '../ui/write-errors';

/**
 * The club's profile and, when `withRules`, its rules. Used to create the club on a new
 * phone and to edit it later from Settings.
 */
export function ClubForm(props: {
  initial: ClubFields;
  withRules: boolean;
  submitLabel: string;
  /** `edited`: only what the person changed (all of it when making the club). */
  onSave: (fields: ClubFields, edited: Partial<ClubFields>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<ClubFields>({
    defaultValues: props.initial,
    resolver: zodResolver(club.fieldsSchema, { error: domainErrorMap }),
  });
  useUnsavedWorkGuard('club', formState.isDirty && !formState.isSubmitSuccessful);

  const save = handleSubmit(
    async (fields) => {
      setFormError(null);
      try {
        await props.onSave(fields, editedFields(fields, formState.dirtyFields));
      } catch (error) {
        setFormError(showWriteError(error, setError));
      }
    },
    () => setFormError('form.fixErrors'),
  );

  return (
    <form className="form" onSubmit={save} noValidate>
      <TextField control={control} name="name" maxLength={120} label={t('club.field.name')} hint={t('club.hint.name')} />
      <TextField control={control} name="village" maxLength={100} label={t('club.field.village')} />
      <TextField control={control} name="commune" maxLength={100} label={t('club.field.commune')} />
      <TextField control={control} name="province" maxLength={60} label={t('club.field.province')} />
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
        </fieldset>
      )}
      <FormFooter error={formError} label={props.submitLabel} busy={formState.isSubmitting} />
    </form>
  );
}

import type { FieldPath, FieldValues, Control } from 'react-hook-form';
import * as z from 'zod/mini';
import { closedPeriodProblem } from '../../domain/fund-forms';
import { todayOn } from '../../domain/dates';
import { text } from '../../domain/validation';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { ChoiceField, TextField } from '../ui/fields';
import { useFundStrings } from './strings';

/** Where money comes from or goes: the cash box or the bank. */
export function PlaceField<T extends FieldValues>(props: { control: Control<T>; name: FieldPath<T>; label: string }) {
  const { t } = useFundStrings();
  return (
    <ChoiceField
      control={props.control}
      name={props.name}
      label={props.label}
      choices={[
        { value: 'cash', label: t('account.cash') },
        { value: 'bank', label: t('account.bank') },
      ]}
    />
  );
}

/**
 * A reason, then one button: reversing an entry, writing off a loan, reopening a count. The
 * reason is kept on the record; what is done is dated today, so a closed period is refused
 * here (`locked`) rather than changed.
 */
export function ReasonForm(props: {
  draftKey: string;
  requiredKey: string;
  label: string;
  hint: string;
  submitLabel: string;
  locked: string | null;
  onSave: (reason: string, today: string) => Promise<void>;
}) {
  const schema = z.strictObject({ reason: text(300, props.requiredKey) });
  const today = todayOn();
  const resolver = domainResolver(schema, () => closedPeriodProblem('reason', today, props.locked));
  const book = useBookForm<{ reason: string }>({ draftKey: props.draftKey, initial: { reason: '' }, resolver });
  const save = book.onSubmit(({ reason }) => props.onSave(reason, today));
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={props.submitLabel}>
      <TextField control={book.form.control} name="reason" required multiline maxLength={300} label={props.label} hint={props.hint} />
    </BookFormView>
  );
}

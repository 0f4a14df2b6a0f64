import { useRef } from 'react';
import type { Control } from 'react-hook-form';
import { pressureFlag, pressureGrade, unusualValues } from '../../domain/health-grades';
import type { ReadingFields } from '../../domain/readings';
import { MeasureField } from '../ui/fields';
import { useHealthStrings } from './strings';

/**
 * When a typed number cannot grow any more, the keypad moves on: a systolic is done at 3
 * digits, or at 2 when a third would make it over 300 ("95"); a diastolic or a pulse at 2
 * unless it starts with 1 ("85", but "110").
 */
export const completeAt = {
  systolic: (digits: string) => digits.length >= 3 || (digits.length === 2 && Number(digits[0]) >= 4),
  twoOrThree: (digits: string) => digits.length >= 3 || (digits.length === 2 && digits[0] !== '1'),
};

/** Moves the focus to the field named `next` in the same form. */
function focusNext(from: HTMLElement | null, next: string) {
  from?.closest('form')?.querySelector<HTMLElement>(`[name="${next}"]`)?.focus();
}

/** The numbers of a reading, each with its unit, the keypad moving from one to the next by itself. */
export function ReadingNumbers({ control, withHeight = true }: { control: Control<ReadingFields>; withHeight?: boolean }) {
  const { t } = useHealthStrings();
  const next = (name: string) => (input: HTMLElement) => focusNext(input, name);
  return (
    <div className="reading-numbers">
      <MeasureField control={control} name="systolic" unit="mmHg" label={t('field.systolic')} completeAt={completeAt.systolic} onComplete={next('diastolic')} />
      <MeasureField control={control} name="diastolic" unit="mmHg" label={t('field.diastolic')} completeAt={completeAt.twoOrThree} onComplete={next('pulse')} />
      <MeasureField control={control} name="pulse" unit={t('unit.pulse')} label={t('field.pulse')} completeAt={completeAt.twoOrThree} onComplete={next('weightKg')} />
      <MeasureField control={control} name="weightKg" unit="kg" decimals label={t('field.weightKg')} />
      {withHeight && <MeasureField control={control} name="heightCm" unit="cm" label={t('field.heightCm')} completeAt={(d) => d.length >= 3} onComplete={next('bloodSugar')} />}
    </div>
  );
}

export function OptionalNumbers({ control }: { control: Control<ReadingFields> }) {
  const { t } = useHealthStrings();
  return (
    <details className="more">
      <summary>{t('moreMeasures')}</summary>
      <MeasureField control={control} name="bloodSugar" unit="mmol/L" decimals label={t('field.bloodSugar')} />
      <MeasureField control={control} name="temperature" unit="°C" decimals label={t('field.temperature')} />
    </details>
  );
}

/** What a saved reading says, in plain words: its grade and what to do. Never a diagnosis. */
export function useReadingSummary() {
  const { t } = useHealthStrings();
  return (fields: ReadingFields): string => {
    if (fields.systolic === null || fields.diastolic === null) return t('savedNoPressure');
    const grade = pressureGrade(fields.systolic, fields.diastolic);
    const flag = pressureFlag(fields.systolic, fields.diastolic);
    return t('savedPressure', { systolic: fields.systolic, diastolic: fields.diastolic, grade: t(`grade.${grade}`), advice: t(`advice.${flag}`) });
  };
}

/**
 * "Are you sure?" for numbers that are possible but unusual: the first Save says which,
 * and the same numbers saved again are kept. Returns the sentence to show, or null.
 */
export function useUnusualCheck() {
  const { t } = useHealthStrings();
  const confirmed = useRef<string | null>(null);
  return (fields: ReadingFields): string | null => {
    const unusual = unusualValues(fields);
    if (unusual.length === 0) return null;
    const key = JSON.stringify(unusual.map((u) => [u.field, fields[u.field]]));
    if (confirmed.current === key) return null;
    confirmed.current = key;
    return t('confirmUnusual', { fields: unusual.map((u) => t(`field.${u.field}`)).join(', ') });
  };
}

export class UnusualValuesError extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = 'UnusualValuesError';
  }
}

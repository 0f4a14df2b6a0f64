import { useId, useState, type ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDate, isCalendarDate } from '../../domain/dates';
import { formatDongDigits } from '../../domain/money';

/**
 * Form fields for people who are not used to forms: a large label above, a hint in plain
 * words, the error right under the field in their language, and the keypad that fits
 * (numbers get the numeric keypad; dates need no "/" key).
 * Each field turns what is typed into the value the domain schema expects.
 */

interface FieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  hint?: string;
}

function Frame(props: { id: string; label: string; hint?: string; error?: string; children: ReactNode; group?: boolean }) {
  const { t } = useTranslation();
  const Wrapper = props.group ? 'fieldset' : 'div';
  return (
    <Wrapper className={props.error ? 'field field--invalid' : 'field'}>
      {props.group ? (
        <legend className="field__label">{props.label}</legend>
      ) : (
        <label className="field__label" htmlFor={props.id}>
          {props.label}
        </label>
      )}
      {props.hint && (
        <p className="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p className="field__error" id={`${props.id}-error`} role="alert">
          {t(props.error)}
        </p>
      )}
    </Wrapper>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * One field's controller and what every text-like input of it carries: the id its label
 * points at, the form's wiring, and the error and hint read out with it.
 */
function useInputField<T extends FieldValues>(props: FieldProps<T>, hint: string | undefined = props.hint) {
  const id = useId();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const error = fieldState.error?.message;
  const wiring = {
    id,
    name: field.name,
    ref: field.ref,
    onBlur: field.onBlur,
    autoComplete: 'off',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
  } as const;
  return { id, field, error, wiring };
}

/** An input followed by its unit ("đồng", "% / tháng"). */
function WithUnit({ unit, children }: { unit: string; children: ReactNode }) {
  return (
    <div className="input-with-unit">
      {children}
      <span className="input-with-unit__unit">{unit}</span>
    </div>
  );
}

export function TextField<T extends FieldValues>(
  props: FieldProps<T> & {
    optional?: boolean;
    maxLength: number;
    multiline?: boolean;
    autoFocus?: boolean;
    autoComplete?: string;
  },
) {
  const { id, field, error, wiring } = useInputField(props);
  const common = {
    ...wiring,
    autoComplete: props.autoComplete ?? 'off',
    value: (field.value as string | null) ?? '',
    maxLength: props.maxLength,
    autoFocus: props.autoFocus,
    onChange: (e: { target: { value: string } }) =>
      field.onChange(props.optional && e.target.value.trim() === '' ? null : e.target.value),
  };
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error}>
      {props.multiline ? <textarea className="input" rows={3} {...common} /> : <input className="input" type="text" {...common} />}
    </Frame>
  );
}

/** Digits only, on the numeric keypad: a year, a count, a phone or an ID number. */
export function DigitsField<T extends FieldValues>(
  props: FieldProps<T> & { maxLength: number; as: 'number' | 'text'; optional?: boolean; tel?: boolean },
) {
  const { id, field, error, wiring } = useInputField(props);
  const shown = field.value === null || field.value === undefined || Number.isNaN(field.value) ? '' : String(field.value);
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error}>
      <input
        {...wiring}
        className="input input--digits"
        type={props.tel ? 'tel' : 'text'}
        inputMode={props.tel ? 'tel' : 'numeric'}
        pattern="[0-9]*"
        value={shown}
        maxLength={props.maxLength}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, props.maxLength);
          if (digits === '') field.onChange(props.optional ? null : props.as === 'number' ? Number.NaN : '');
          else field.onChange(props.as === 'number' ? Number(digits) : digits);
        }}
      />
    </Frame>
  );
}

/** Whole đồng, grouped with dots while typing ("8.000.000"), on the numeric keypad. */
export function MoneyField<T extends FieldValues>(props: FieldProps<T>) {
  const { t } = useTranslation();
  const { id, field, error, wiring } = useInputField(props);
  const amount = field.value as number | null;
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error}>
      <WithUnit unit={t('common.dong')}>
        <input
          {...wiring}
          className="input input--digits"
          inputMode="numeric"
          value={amount === null || Number.isNaN(amount) ? '' : formatDongDigits(amount)}
          onChange={(e) => {
            const digits = e.target.value.replace(/\D/g, '').slice(0, 13);
            field.onChange(digits === '' ? Number.NaN : Number(digits));
          }}
        />
      </WithUnit>
    </Frame>
  );
}

function digitsAsDate(digits: string): string {
  const d = digits.slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
}

/**
 * dd/MM/yyyy on the numeric keypad: the slashes appear by themselves, since a phone's
 * number pad has no "/" key. The value is 'YYYY-MM-DD', or what was typed when it is
 * not a real date (the schema then says so).
 */
export function DateField<T extends FieldValues>(props: FieldProps<T> & { optional?: boolean }) {
  const { t } = useTranslation();
  const hint = props.hint ?? t('common.dateHint');
  const { id, field, error, wiring } = useInputField(props, hint);
  const value = field.value as string | null;
  const [typed, setTyped] = useState(() => (value && isCalendarDate(value) ? formatDate(value) : ''));
  return (
    <Frame id={id} label={props.label} hint={hint} error={error}>
      <input
        {...wiring}
        className="input input--digits"
        inputMode="numeric"
        placeholder={t('common.datePlaceholder')}
        value={typed}
        onChange={(e) => {
          const shown = digitsAsDate(e.target.value.replace(/\D/g, ''));
          setTyped(shown);
          const digits = shown.replace(/\D/g, '');
          if (digits === '') return field.onChange(null);
          const iso = `${digits.slice(4, 8)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
          field.onChange(digits.length === 8 && isCalendarDate(iso) ? iso : shown);
        }}
      />
    </Frame>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** One of a few, as big buttons side by side (a radio group underneath). */
export function ChoiceField<T extends FieldValues, V extends string>(props: FieldProps<T> & { choices: Choice<V>[] }) {
  const id = useId();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const error = fieldState.error?.message;
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} group>
      <div className="choices" role="radiogroup" aria-describedby={describedBy(id, props.hint, error)}>
        {props.choices.map((choice) => (
          <label key={choice.value} className={field.value === choice.value ? 'choice choice--on' : 'choice'}>
            <input
              type="radio"
              name={field.name}
              value={choice.value}
              checked={field.value === choice.value}
              onChange={() => field.onChange(choice.value)}
              onBlur={field.onBlur}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </Frame>
  );
}

/** Any of several, as big toggles (checkboxes underneath). */
export function ManyChoicesField<T extends FieldValues, V extends string>(props: FieldProps<T> & { choices: Choice<V>[] }) {
  const id = useId();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const error = fieldState.error?.message;
  const chosen = (field.value as V[]) ?? [];
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} group>
      <div className="choices choices--wrap">
        {props.choices.map((choice) => {
          const on = chosen.includes(choice.value);
          return (
            <label key={choice.value} className={on ? 'choice choice--on' : 'choice'}>
              <input
                type="checkbox"
                value={choice.value}
                checked={on}
                onChange={() => field.onChange(on ? chosen.filter((v) => v !== choice.value) : [...chosen, choice.value])}
                onBlur={field.onBlur}
              />
              {choice.label}
            </label>
          );
        })}
      </div>
    </Frame>
  );
}

/** A yes/no fact about a person, as one big tappable row. */
export function CheckField<T extends FieldValues>(props: FieldProps<T>) {
  const { field } = useController({ control: props.control, name: props.name });
  return (
    <label className={field.value ? 'check check--on' : 'check'}>
      <input type="checkbox" name={field.name} checked={Boolean(field.value)} onChange={(e) => field.onChange(e.target.checked)} onBlur={field.onBlur} />
      {props.label}
    </label>
  );
}

/** Hundredths of a percent shown as a percent with a decimal comma: 50 ↔ "0,5". */
function basisPointsAsText(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '';
  const whole = Math.trunc(value / 100);
  const hundredths = String(value % 100).padStart(2, '0').replace(/0+$/, '');
  return hundredths ? `${whole},${hundredths}` : String(whole);
}

function textAsBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A rate such as "0,5 % a month", typed with the decimal keypad, stored in basis points. */
export function RateField<T extends FieldValues>(props: FieldProps<T> & { unit: string }) {
  const { id, field, error, wiring } = useInputField(props);
  const [typed, setTyped] = useState(() => basisPointsAsText(field.value as number | null));
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error}>
      <WithUnit unit={props.unit}>
        <input
          {...wiring}
          className="input input--digits"
          inputMode="decimal"
          value={typed}
          maxLength={6}
          onChange={(e) => {
            setTyped(e.target.value);
            field.onChange(e.target.value.trim() === '' ? null : textAsBasisPoints(e.target.value));
          }}
        />
      </WithUnit>
    </Frame>
  );
}

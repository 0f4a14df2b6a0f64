import { useId, useState, type ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDate, isCalendarDate, parseDisplayDate } from '../../domain/dates';
import { formatDong, formatDongDigits } from '../../domain/money';

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
  /** Marked in words beside the label: the form cannot be saved without it. */
  required?: boolean;
}

/**
 * "Họ và tên · bắt buộc": the word, not a star, so that everyone can tell. It sits beside
 * the label rather than in it (assistive tech hears aria-required instead), so the field's
 * name stays the plain label.
 */
function Required() {
  const { t } = useTranslation();
  return (
    <span className="field__required" aria-hidden="true">
      {t('form.required')}
    </span>
  );
}

function Frame(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
  group?: boolean;
}) {
  const { t } = useTranslation();
  const Wrapper = props.group ? 'fieldset' : 'div';
  return (
    <Wrapper className={props.error ? 'field field--invalid' : 'field'}>
      {props.group ? (
        <legend className="field__label">
          {props.label}
          {props.required && <Required />}
        </legend>
      ) : (
        <div className="field__label-row">
          <label className="field__label" htmlFor={props.id}>
            {props.label}
          </label>
          {props.required && <Required />}
        </div>
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
    'aria-required': props.required ? true : undefined,
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
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      {props.multiline ? <textarea className="input" rows={3} {...common} /> : <input className="input" type="text" {...common} />}
    </Frame>
  );
}

/**
 * A passphrase: hidden as it is typed, with a box to show it (many older people cannot type
 * blind on a phone's small keys). Never kept in a draft (book-form.tsx `draftOmit`).
 */
export function SecretField<T extends FieldValues>(
  props: FieldProps<T> & { autoComplete: 'new-password' | 'current-password'; /** A PIN: the number keypad. */ numeric?: boolean },
) {
  const { t } = useTranslation();
  const { id, field, error, wiring } = useInputField(props);
  const [shown, setShown] = useState(false);
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <input
        {...wiring}
        className="input"
        type={shown ? 'text' : 'password'}
        autoComplete={props.autoComplete}
        autoCapitalize="off"
        spellCheck={false}
        inputMode={props.numeric ? 'numeric' : undefined}
        value={(field.value as string | null) ?? ''}
        onChange={(e) => field.onChange(props.numeric ? e.target.value.replace(/\D/g, '') : e.target.value)}
      />
      <label className={shown ? 'check check--on' : 'check'}>
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        {t('common.showSecret')}
      </label>
    </Frame>
  );
}

/**
 * Digits only, on the numeric keypad: a year, a count, a phone or an ID number. With
 * `unknownLabel`, a "not known" box beside it leaves the value empty on purpose.
 */
export function DigitsField<T extends FieldValues>(
  props: FieldProps<T> & { maxLength: number; as: 'number' | 'text'; optional?: boolean; tel?: boolean; unknownLabel?: string },
) {
  const { id, field, error, wiring } = useInputField(props);
  const [unknown, setUnknown] = useState(false);
  const shown = field.value === null || field.value === undefined || Number.isNaN(field.value) ? '' : String(field.value);
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <input
        {...wiring}
        className="input input--digits"
        type={props.tel ? 'tel' : 'text'}
        inputMode={props.tel ? 'tel' : 'numeric'}
        pattern="[0-9]*"
        value={unknown ? '' : shown}
        disabled={unknown}
        maxLength={props.maxLength}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, props.maxLength);
          if (digits === '') field.onChange(props.optional ? null : props.as === 'number' ? Number.NaN : '');
          else field.onChange(props.as === 'number' ? Number(digits) : digits);
        }}
      />
      {props.unknownLabel && (
        <label className={unknown ? 'check check--on' : 'check'}>
          <input
            type="checkbox"
            checked={unknown}
            onChange={(e) => {
              setUnknown(e.target.checked);
              if (e.target.checked) field.onChange(null);
            }}
          />
          {props.unknownLabel}
        </label>
      )}
    </Frame>
  );
}

/**
 * Whole đồng, grouped with dots while typing ("8.000.000"), on the numeric keypad, with the
 * amount said in full under it ("8.000.000 ₫"). Dots and spaces are the thousands marks the
 * field puts in itself; anything else — a comma, a minus, a decimal part, more digits than
 * any sum — is kept as typed and refused with the schema's message, never stripped into a
 * different amount ("8,5" is not 85 đồng).
 */
export function MoneyField<T extends FieldValues>(props: FieldProps<T> & { showAmount?: boolean }) {
  const { t } = useTranslation();
  const { id, field, error, wiring } = useInputField(props);
  const [typed, setTyped] = useState<string | null>(null);
  const amount = field.value as number | null;
  const valid = amount !== null && Number.isSafeInteger(amount);
  const shown = typed ?? (valid ? formatDongDigits(amount) : '');
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <WithUnit unit={t('common.dong')}>
        <input
          {...wiring}
          className="input input--digits"
          inputMode="numeric"
          value={shown}
          onChange={(e) => {
            const text = e.target.value;
            const bare = text.replace(/[.\s\u00a0]/g, '');
            if (bare === '') {
              setTyped(null);
              field.onChange(Number.NaN);
            } else if (/^\d{1,15}$/.test(bare)) {
              setTyped(null);
              field.onChange(Number(bare));
            } else {
              setTyped(text);
              field.onChange(Number.NaN);
            }
          }}
        />
      </WithUnit>
      {props.showAmount !== false && valid && amount > 0 && (
        <p className="field__amount" aria-live="polite">
          {formatDong(amount)}
        </p>
      )}
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
 * What a date input shows for what is typed: digits get their slashes by themselves (a
 * phone's number pad has no "/" key: 05031950 → 05/03/1950), including digits typed after
 * slashes the field put in itself; text with separators of its own ("1/3/2019", "1-3-2019",
 * "1.3.2019") is kept as typed.
 */
export function typedDate(text: string): string {
  const kept = text.replace(/[^\d/.\-\s]/g, '').slice(0, 12);
  const groups = kept.split('/');
  const onlyOurSlashes = /^[\d/]*$/.test(kept) && groups.length <= 3 && groups.slice(0, -1).every((group) => group.length === 2);
  return onlyOurSlashes ? digitsAsDate(kept.replace(/\D/g, '')) : kept;
}

/**
 * dd/MM/yyyy, typed on the numeric keypad. The value is 'YYYY-MM-DD' once the text is a
 * real date, else the text itself (the schema then says what is wrong), and `empty` when
 * nothing is typed. The input shows the value, so a restored draft or a reset shows too.
 */
export function DateField<T extends FieldValues>(props: FieldProps<T> & { optional?: boolean }) {
  const { t } = useTranslation();
  const hint = props.hint ?? t('common.dateHint');
  const { id, field, error, wiring } = useInputField(props, hint);
  const value = field.value as string | null;
  const shown = value === null ? '' : isCalendarDate(value) ? formatDate(value) : value;
  return (
    <Frame id={id} label={props.label} hint={hint} error={error} required={props.required}>
      <DateInput wiring={wiring} value={shown} empty={props.optional ? null : ''} onChange={field.onChange} />
    </Frame>
  );
}

function DateInput(props: {
  wiring: ReturnType<typeof useInputField>['wiring'];
  value: string;
  empty: string | null;
  disabled?: boolean;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  // While the person types, the input shows exactly what they typed ("1/3/20…"); otherwise
  // it shows the value, so a restored draft or a reset form shows too.
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <input
      {...props.wiring}
      className="input input--digits"
      inputMode="numeric"
      placeholder={t('common.datePlaceholder')}
      value={typing ?? props.value}
      disabled={props.disabled}
      onChange={(e) => {
        const text = typedDate(e.target.value);
        setTyping(text);
        if (text.trim() === '') return props.onChange(props.empty);
        props.onChange(parseDisplayDate(text) ?? text);
      }}
      onBlur={() => {
        // Once the person moves on, a real date is shown the one way: 01/03/2019.
        setTyping(null);
        props.wiring.onBlur();
      }}
    />
  );
}

/**
 * A date, or "not known" (null): for the day a member joined when the club's book starts
 * long after. Left blank, it is '' and the schema asks for one or the other.
 */
export function DateOrUnknownField<T extends FieldValues>(props: FieldProps<T> & { unknownLabel: string }) {
  const { t } = useTranslation();
  const hint = props.hint ?? t('common.dateHint');
  const { id, field, error, wiring } = useInputField(props, hint);
  const value = field.value as string | null;
  const unknown = value === null;
  const shown = value === null ? '' : isCalendarDate(value) ? formatDate(value) : value;
  return (
    <Frame id={id} label={props.label} hint={hint} error={error} required={props.required}>
      <DateInput wiring={wiring} value={shown} empty="" disabled={unknown} onChange={field.onChange} />
      <label className={unknown ? 'check check--on' : 'check'}>
        <input type="checkbox" checked={unknown} onChange={(e) => field.onChange(e.target.checked ? null : '')} />
        {props.unknownLabel}
      </label>
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
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required} group>
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
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required} group>
      <div className="choices">
        {props.choices.map((choice) => {
          const on = chosen.includes(choice.value);
          return (
            <label key={choice.value} className={on ? 'choice choice--on' : 'choice'}>
              <input
                type="checkbox"
                name={field.name}
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
  // "0," while typing "0,5": what is typed shows until the person moves on.
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <WithUnit unit={props.unit}>
        <input
          {...wiring}
          className="input input--digits"
          inputMode="decimal"
          value={typing ?? basisPointsAsText(field.value as number | null)}
          maxLength={6}
          onChange={(e) => {
            setTyping(e.target.value);
            field.onChange(e.target.value.trim() === '' ? null : textAsBasisPoints(e.target.value));
          }}
          onBlur={() => {
            // Something that is not a rate stays as typed, beside its red line.
            if (!Number.isNaN(field.value)) setTyping(null);
            wiring.onBlur();
          }}
        />
      </WithUnit>
    </Frame>
  );
}

/**
 * One of many (a person of the register), as the phone's own picker: on Android a full
 * screen list with big rows, which a row of 70 buttons could never be.
 */
export function SelectField<T extends FieldValues, V extends string>(props: FieldProps<T> & { choices: Choice<V>[]; placeholder: string }) {
  const { id, field, error, wiring } = useInputField(props);
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <select {...wiring} className="input" value={(field.value as string | null) ?? ''} onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">{props.placeholder}</option>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** "52,5" or "52.5" → 52.5; "" → null; anything else NaN (refused beside the field). */
export function typedMeasure(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,3}(?:[.,]\d{0,2})?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

function measureAsText(value: number | null): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return String(value).replace('.', ',');
}

/**
 * A measurement with its unit (mmHg, kg, °C), on the number keypad — with a decimal key
 * when it has decimals. `completeAt` says when what is typed cannot grow any more (a
 * systolic of 3 digits, a diastolic of 85): the focus then moves to the next field by
 * itself, so a health day's numbers are typed without touching the screen between them.
 */
export function MeasureField<T extends FieldValues>(
  props: FieldProps<T> & { unit: string; decimals?: boolean; completeAt?: (digits: string) => boolean; onComplete?: (input: HTMLInputElement) => void },
) {
  const { id, field, error, wiring } = useInputField(props);
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <WithUnit unit={props.unit}>
        <input
          {...wiring}
          className="input input--digits input--measure"
          type="text"
          inputMode={props.decimals ? 'decimal' : 'numeric'}
          enterKeyHint="next"
          pattern={props.decimals ? undefined : '[0-9]*'}
          maxLength={props.decimals ? 6 : 3}
          value={typing ?? measureAsText(field.value as number | null)}
          onChange={(e) => {
            const text = props.decimals ? e.target.value : e.target.value.replace(/\D/g, '');
            setTyping(text);
            field.onChange(typedMeasure(text));
            if (props.completeAt?.(text)) props.onComplete?.(e.target);
          }}
          onBlur={() => {
            if (!Number.isNaN(field.value)) setTyping(null);
            wiring.onBlur();
          }}
        />
      </WithUnit>
    </Frame>
  );
}

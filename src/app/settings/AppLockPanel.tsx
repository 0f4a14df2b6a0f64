import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { FieldErrors, Resolver, ResolverResult } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { IDLE_MINUTES_CHOICES, isPin, pinOpensLock, readAppLock, removeAppLock, setAppLock } from '../../local/app-lock';
import { LocalWriteError } from '../../local/errors';
import { useDatabase } from '../database-context';
import { BookFormView, useBookForm } from '../ui/book-form';
import { ChoiceButtons } from '../ui/ChoiceButtons';
import { SecretField } from '../ui/fields';

interface NewPin {
  pin: string;
  again: string;
}

const newPinResolver: Resolver<NewPin> = async (values): Promise<ResolverResult<NewPin>> => {
  const errors: Record<string, { type: string; message: string }> = {};
  if (!isPin(values.pin)) errors.pin = { type: 'check', message: 'lock.pinDigits' };
  else if (values.again !== values.pin) errors.again = { type: 'check', message: 'lock.pinMismatch' };
  return Object.keys(errors).length > 0 ? { values: {}, errors: errors as FieldErrors<NewPin> } : { values, errors: {} };
};

const oldPinResolver: Resolver<{ pin: string }> = async (values): Promise<ResolverResult<{ pin: string }>> =>
  values.pin === ''
    ? { values: {}, errors: { pin: { type: 'check', message: 'lock.pinRequired' } } as FieldErrors<{ pin: string }> }
    : { values, errors: {} };

class WrongPin extends Error {}
const errorKey = (error: unknown) => (error instanceof WrongPin ? 'lock.wrongPin' : error instanceof LocalWriteError ? error.messageKey : 'storage.failed');

function SetPin({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [minutes, setMinutes] = useState<number>(5);
  const book = useBookForm<NewPin>({ draftKey: 'lock:new', initial: { pin: '', again: '' }, resolver: newPinResolver, draftOmit: ['pin', 'again'] });
  const save = book.onSubmit(async ({ pin }) => {
    await setAppLock(db, pin, minutes);
    onDone();
  }, errorKey);
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('lock.turnOn')}>
      <SecretField control={book.form.control} name="pin" required numeric autoComplete="new-password" label={t('lock.newPin')} hint={t('lock.pinHint')} />
      <SecretField control={book.form.control} name="again" required numeric autoComplete="new-password" label={t('lock.pinAgain')} />
      <fieldset className="field">
        <legend className="field__label">{t('lock.after')}</legend>
        <ChoiceButtons
          label={t('lock.after')}
          value={String(minutes)}
          choices={IDLE_MINUTES_CHOICES.map((m) => ({ value: String(m), label: t('lock.minutes', { count: m }) }))}
          onChoose={(value) => setMinutes(Number(value))}
        />
      </fieldset>
    </BookFormView>
  );
}

function RemovePin({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const book = useBookForm<{ pin: string }>({ draftKey: 'lock:off', initial: { pin: '' }, resolver: oldPinResolver, draftOmit: ['pin'] });
  const save = book.onSubmit(async ({ pin }) => {
    if (!(await pinOpensLock(db, pin))) throw new WrongPin();
    await removeAppLock(db);
    onDone();
  }, errorKey);
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('lock.turnOff')}>
      <SecretField control={book.form.control} name="pin" required numeric autoComplete="current-password" label={t('lock.pin')} />
    </BookFormView>
  );
}

/**
 * Settings: the PIN lock for a phone shared in a family. Offered only to a phone connected to
 * the club's server: a forgotten PIN is reset by joining again, which needs the server.
 */
export function AppLockPanel() {
  const { t } = useTranslation();
  const db = useDatabase();
  const lock = useLiveQuery(() => readAppLock(db), [db]);
  const [editing, setEditing] = useState(false);
  if (lock === undefined) return null;
  return (
    <section className="panel" aria-labelledby="lock-title">
      <h2 id="lock-title">{t('lock.settingsTitle')}</h2>
      <p className="field__hint">{lock ? t('lock.isOn', { count: lock.idleMinutes }) : t('lock.explainSetting')}</p>
      {editing ? (
        <>
          {lock ? <RemovePin onDone={() => setEditing(false)} /> : <SetPin onDone={() => setEditing(false)} />}
          <button type="button" className="button button--quiet" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {lock ? t('lock.turnOff') : t('lock.setPin')}
          </button>
        </div>
      )}
    </section>
  );
}

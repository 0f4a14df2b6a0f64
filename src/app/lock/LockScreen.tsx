import { useState } from 'react';
import type { FieldErrors, Resolver, ResolverResult } from 'react-hook-form';
import { pinOpensLock, removeAppLock } from '../../local/app-lock';
import { useDatabase } from '../database-context';
import { JoinStep } from '../onboarding/JoinStep';
import { BookFormView, useBookForm } from '../ui/book-form';
import { SecretField } from '../ui/fields';
import { useScreenStrings } from '../i18n/screen-strings';

/** After this many wrong PINs in a row, each try waits a while (a child tapping at random). */
const FREE_TRIES = 5;
const WAIT_MS = 30_000;

/** The clock, read when a PIN is tried (not while drawing). */
const now = () => Date.now();

class WrongPin extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

const pinResolver: Resolver<{ pin: string }> = async (values): Promise<ResolverResult<{ pin: string }>> =>
  values.pin === ''
    ? { values: {}, errors: { pin: { type: 'check', message: 'lock.pinRequired' } } as FieldErrors<{ pin: string }> }
    : { values, errors: {} };

/**
 * The app is locked: the PIN opens it. Sync goes on behind this screen. A forgotten PIN is
 * not the end: joining the club again with an invite from the chair removes the lock, and
 * the book stays as it is (its changes are on the phone and the server).
 */
export function LockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [forgot, setForgot] = useState(false);
  const [wrong, setWrong] = useState({ count: 0, until: 0 });
  const book = useBookForm<{ pin: string }>({ draftKey: 'lock:pin', initial: { pin: '' }, resolver: pinResolver, draftOmit: ['pin'] });
  const open = book.onSubmit(
    async ({ pin }) => {
      if (now() < wrong.until) throw new WrongPin('lock.wait');
      if (!(await pinOpensLock(db, pin))) {
        const count = wrong.count + 1;
        setWrong({ count, until: count >= FREE_TRIES ? now() + WAIT_MS : 0 });
        throw new WrongPin(count >= FREE_TRIES ? 'lock.wait' : 'lock.wrongPin');
      }
      onUnlocked();
    },
    (error) => (error instanceof WrongPin ? error.key : null),
  );

  return (
    <div className="shell shell--plain">
      <header className="topbar">
        <h1 className="topbar__title">{t('lock.title')}</h1>
      </header>
      <main className="screen">
        {forgot ? (
          <>
            <p className="notice">{t('lock.forgotExplain')}</p>
            <JoinStep
              code={null}
              onJoined={async () => {
                await removeAppLock(db);
                onUnlocked();
              }}
            />
            <button type="button" className="button button--quiet" onClick={() => setForgot(false)}>
              {t('common.back')}
            </button>
          </>
        ) : (
          <>
            <p className="welcome__lead">{t('lock.explain')}</p>
            <BookFormView book={book} onSubmit={open} submitLabel={t('lock.open')}>
              <SecretField control={book.form.control} name="pin" required autoComplete="current-password" label={t('lock.pin')} numeric />
            </BookFormView>
            <button type="button" className="button button--quiet" onClick={() => setForgot(true)}>
              {t('lock.forgot')}
            </button>
          </>
        )}
      </main>
    </div>
  );
}

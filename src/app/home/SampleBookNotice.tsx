import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { leaveSampleBook } from '../../local/device';
import { useDatabase } from '../database-context';
import { AppShell } from '../ui/AppShell';
import { useSampleBook, useSampleFill } from './use-sample-book';

/**
 * "Leave the sample and start the real book": asks first, then empties the phone, and the
 * first start comes back (the app shows it whenever the phone keeps no club).
 */
export function LeaveSampleBook() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!confirming) {
    return (
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
          {t('sample.leave')}
        </button>
      </div>
    );
  }
  return (
    <div className="confirm confirm--danger">
      <p>{t('sample.confirmLeave')}</p>
      <button
        type="button"
        className="button button--danger"
        onClick={async () => {
          setFailed(false);
          try {
            await leaveSampleBook(db);
            navigate('/', { replace: true });
          } catch {
            setFailed(true);
          }
        }}
      >
        {t('sample.leaveForGood')}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
      {failed && (
        <p className="form__error" role="alert">
          {t('sample.leaveFailed')}
        </p>
      )}
    </div>
  );
}

/** On the home screen of a practice book: what it is, and the way out to the real one. */
export function SampleBookNotice() {
  const { t } = useTranslation();
  const sample = useSampleBook();
  const filling = useSampleFill();
  if (!sample) return null;
  return (
    <section className="notice sample-notice" aria-labelledby="sample-notice-title">
      <h2 id="sample-notice-title">{t('sample.title')}</h2>
      {filling !== null && (
        <p role="status" className="notice__progress" data-testid="sample-fill">
          {t('sample.filling', { percent: filling })}
        </p>
      )}
      <p>{t('sample.explain')}</p>
      <LeaveSampleBook />
    </section>
  );
}

/**
 * A server screen (connect, join) reached by its address on a sample book, or while it is
 * still being read: it says why there is no form (connectNewClub and joinClub refuse too).
 */
export function NoServerForSampleBook({ title, sample }: { title: string; sample: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <AppShell title={title} back="/settings">
      {sample && <p className="notice">{t('sample.noServer')}</p>}
    </AppShell>
  );
}

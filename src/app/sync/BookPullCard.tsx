import { useTranslation } from 'react-i18next';
import { useDatabase } from '../database-context';
import { dismissBookPull, useBookPull, type BookPullView } from './sync-context';

/** 12.400: counts as Vietnamese writes them, as the rest of the app writes its numbers. */
const grouped = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * A new phone's wait for its club's book (the first pull), and a full copy's: how many records
 * are in, that it is still working, that it may be left — closed even — and goes on from where
 * it stopped, and at the end that it is all in. The server does not say how many remain, so it
 * counts what came. One polite live line, changed at most once a page (the count) or when the
 * state changes; the rest is read when the person gets to it.
 */
export function BookPullCard({ view: given }: { view?: BookPullView | null }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const live = useBookPull();
  const view = given === undefined ? live : given;
  if (!view) return null;
  const count = { count: view.received, formatted: grouped.format(view.received) };
  if (view.state === 'done') {
    return (
      <section className="book-pull book-pull--done" data-testid="book-pull">
        <div className="book-pull__line">
          <span className="book-pull__mark" aria-hidden="true">
            ✓
          </span>
          <p className="book-pull__text" role="status">{t('bookPull.done', count)}</p>
        </div>
        <button type="button" className="button" onClick={() => void dismissBookPull(db)}>
          {t('bookPull.ok')}
        </button>
      </section>
    );
  }
  const headline =
    view.state === 'waiting'
      ? t(view.reason === 'offline' ? 'bookPull.waitingOffline' : 'bookPull.waitingServer')
      : t(view.resumed ? 'bookPull.resuming' : 'bookPull.receiving');
  const sofar = view.received > 0 ? t('bookPull.received', count) : view.state === 'receiving' ? t('bookPull.starting') : '';
  return (
    <section className={`book-pull book-pull--${view.state}`} data-testid="book-pull">
      <div className="book-pull__line">
        {view.state === 'receiving' ? (
          <span className="book-pull__spinner" aria-hidden="true" />
        ) : (
          <span className="book-pull__mark" aria-hidden="true">
            !
          </span>
        )}
        <p className="book-pull__text" role="status">
          {headline} {sofar}
        </p>
      </div>
      {view.state === 'receiving' && view.resumed && <p className="book-pull__hint">{t('bookPull.resumedExplain')}</p>}
      <p className="book-pull__hint">{t(view.state === 'waiting' ? 'bookPull.waitingExplain' : 'bookPull.leaveHint')}</p>
    </section>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatRecent } from '../../domain/dates';
import { syncStatus, type SyncStatus } from '../../local/queries';
import { onWritesInFlight, writesInFlight } from '../../local/writes-in-flight';
import { useDatabase } from '../database-context';
import { useSampleFill } from '../home/use-sample-book';
import { useBookPull, type BookPullView } from '../sync/sync-context';

/** Why the last attempt to send did not get through, in the person's words; null when it did. */
function problemKey(status: SyncStatus): string | null {
  if (status.unauthorized) return 'badge.unauthorized';
  switch (status.lastError?.code) {
    case undefined:
      return null;
    case 'upgrade_required':
      return 'badge.updateApp';
    case 'offline':
      return status.waiting > 0 ? 'badge.offline' : null;
    default:
      return status.waiting > 0 ? 'badge.serverTrouble' : null;
  }
}

/** The badge's words: saved here, and whether (and when) it was sent and received. */
export function badgeParts(
  status: SyncStatus,
  t: (key: string, options?: Record<string, unknown>) => string,
  now = new Date(),
  page: { bookPull?: BookPullView | null; saving?: boolean; sampleFilling?: number | null } = {},
): string[] {
  const { bookPull = null, saving = false, sampleFilling = null } = page;
  // A tap the screen already shows, still on its way into storage: not "saved" until it is.
  const parts = [t(saving ? 'badge.savingOnPhone' : 'badge.savedOnPhone')];
  // A practice book never sends (while it fills in, how far it is); a book not connected yet exists only on this phone.
  if (status.sampleBook) {
    parts.push(t('badge.sampleBook'));
    if (sampleFilling !== null) parts.push(t('sample.fillingShort', { percent: sampleFilling }));
    return parts;
  }
  if (!status.connected && !status.unauthorized) parts.push(t('badge.onlyHere'));
  else {
    if (status.waiting > 0) parts.push(t('badge.waiting', { count: status.waiting }));
    else if (status.lastSentAt) parts.push(t('badge.allSent'));
    // The club's book still on its way (a new phone): on every screen, without the count,
    // which the home screen shows (this line is read out whenever it changes).
    if (bookPull?.state === 'receiving') parts.push(t('badge.receivingBook'));
    else if (bookPull?.state === 'waiting') parts.push(t('badge.bookPaused'));
    if (status.lastSentAt) parts.push(t('badge.lastSent', { when: formatRecent(status.lastSentAt, now) }));
    if (status.lastPullAt) parts.push(t('badge.lastReceived', { when: formatRecent(status.lastPullAt, now) }));
    const problem = problemKey(status);
    if (problem) parts.push(t(problem));
  }
  if (status.rejected > 0) parts.push(t('badge.needsAttention', { count: status.rejected }));
  return parts;
}

/**
 * On every screen: is everything saved on this phone, how much is waiting to be sent, and
 * when it last went out and came in. People who lost a paper book once need to see this,
 * always, in words.
 */
export function SaveBadge() {
  const { t } = useTranslation();
  const db = useDatabase();
  const status = useLiveQuery(() => syncStatus(db), [db]);
  const bookPull = useBookPull();
  const saving = useSyncExternalStore(onWritesInFlight, writesInFlight) > 0;
  const sampleFilling = useSampleFill();
  if (!status) return <div className="save-badge" aria-hidden="true" />;

  const attention = status.rejected > 0 || problemKey(status) !== null;
  const content = (
    <>
      <span className="save-badge__icon" aria-hidden="true">
        {attention ? '!' : saving ? '…' : '✓'}
      </span>
      <span data-testid="save-badge-text">{badgeParts(status, t, new Date(), { bookPull, saving, sampleFilling }).join(' · ')}</span>
    </>
  );
  const className = attention ? 'save-badge save-badge--attention' : 'save-badge';
  // Refused changes wait for a person: the badge itself leads to them.
  return (
    <div className={className} role="status" aria-live="polite">
      {status.rejected > 0 ? (
        <Link href="/attention" className="save-badge__link">
          {content}
        </Link>
      ) : (
        content
      )}
    </div>
  );
}

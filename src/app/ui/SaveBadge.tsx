import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../domain/dates';
import { saveStatus } from '../../local/queries';
import { useDatabase } from '../database-context';

/**
 * On every screen: is everything saved on this phone, and how much is waiting to be sent.
 * People who lost a paper book once need to see this, always, in words.
 */
export function SaveBadge() {
  const { t } = useTranslation();
  const db = useDatabase();
  const status = useLiveQuery(() => saveStatus(db), [db]);
  if (!status) return <div className="save-badge" aria-hidden="true" />;

  const parts = [t('badge.savedOnPhone')];
  if (status.waiting > 0) parts.push(t('badge.waiting', { count: status.waiting }));
  else if (status.lastSentAt) parts.push(t('badge.allSent'));
  if (status.lastSentAt) parts.push(t('badge.lastSent', { when: formatDateTime(status.lastSentAt) }));
  const attention = status.rejected > 0;

  return (
    <div className={attention ? 'save-badge save-badge--attention' : 'save-badge'} role="status" aria-live="polite">
      <span className="save-badge__icon" aria-hidden="true">
        {attention ? '!' : '✓'}
      </span>
      <span data-testid="save-badge-text">
        {parts.join(' · ')}
        {attention && ` · ${t('badge.needsAttention', { count: status.rejected })}`}
      </span>
    </div>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link } from 'wouter';
import { formatDate, isCalendarDate } from '../../domain/dates';
import { useDatabase } from '../database-context';
import { AppShell } from '../ui/AppShell';
import { discardRejected, listNeedsAttention, retryRejected, type NeedsAttention } from '../../sync/attention';
import { serverErrorKey } from './server-errors';
import { useSyncControl } from './sync-context';
import { useScreenStrings } from '../i18n/screen-strings';

function describe(item: NeedsAttention, t: (key: string, options?: Record<string, unknown>) => string): string {
  const record = item.record as { fullName?: string; name?: string } | undefined;
  const what = record?.fullName ?? record?.name ?? t('attention.unknownRecord');
  return t(`attention.collection.${item.collection}`, { name: what, defaultValue: what });
}

/** "Ngày vào CLB": the form's own label of a field, for a sentence about it. */
function fieldLabel(collection: string, field: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  return t(`${collection === 'club' ? 'club' : collection}.field.${field}`, { defaultValue: field });
}

function shownValue(value: unknown, t: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return t('attention.empty');
  if (typeof value === 'string' && isCalendarDate(value)) return formatDate(value);
  return String(value);
}

/**
 * Changes the server refused, each with the reason in the person's language. Nothing
 * is thrown away until the person decides: correct the record, or drop the change.
 */
export function NeedsAttentionScreen() {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const items = useLiveQuery(() => listNeedsAttention(db), [db]);
  const [error, setError] = useState<string | null>(null);
  const sync = useSyncControl();

  return (
    <AppShell title={t('attention.title')} back="/">
      <p className="field__hint">{t('attention.explain')}</p>
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
      {items && items.length === 0 && <p className="empty">{t('attention.none')}</p>}
      <ul className="attention-list">
        {items?.map((item) => {
          const rejection = item.rejection;
          const rule = rejection?.messageKey ? t(rejection.messageKey, { defaultValue: rejection.message }) : rejection?.message;
          // Two phones' edits that break a rule together: say both, with the other phone's value.
          const reason = rejection.conflictsWith
            ? t('attention.acrossPhones', {
                mine: fieldLabel(item.collection, rejection.field ?? '', t),
                other: fieldLabel(item.collection, rejection.conflictsWith.field, t),
                value: shownValue(rejection.conflictsWith.value, t),
                rule,
              })
            : rule;
          // A conflict is the server's to keep: sending the same change again would be refused again.
          const mayRetry = item.record !== undefined && rejection.code !== 'conflict';
          return (
            <li key={item.seq} className="attention">
              <p className="attention__what">{describe(item, t)}</p>
              <p className="field__error">{reason}</p>
              <div className="actions">
                {item.collection === 'members' && item.record && !item.record.deleted && (
                  <Link href={`/members/${item.id}/edit`} className="button">
                    {t('attention.fix')}
                  </Link>
                )}
                {mayRetry && (
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() =>
                      retryRejected(db, item.seq)
                        .then(() => sync?.syncNow())
                        .catch((e) => setError(serverErrorKey(e)))
                    }
                  >
                    {t('attention.retry')}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => discardRejected(db, item.seq).catch((e) => setError(serverErrorKey(e)))}
                >
                  {t('attention.discard')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </AppShell>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { syncStatus } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useSyncControl } from '../sync/sync-context';
import { useConnection } from '../sync/use-connection';
import { LeaveSampleBook } from '../home/SampleBookNotice';
import { useSampleBook } from '../home/use-sample-book';

/** Where the club's book is kept besides this phone, and what this phone may do there. */
export function ServerPanel() {
  const { t } = useTranslation();
  const connection = useConnection();
  const db = useDatabase();
  const status = useLiveQuery(() => syncStatus(db), [db]);
  const sync = useSyncControl();
  const [sending, setSending] = useState(false);
  const sample = useSampleBook();
  if (connection === undefined || sample === undefined) return null;

  if (sample) {
    // Made-up people never go to the association's server: no way to connect is offered.
    return (
      <section className="panel">
        <h2>{t('server.title')}</h2>
        <p>{t('sample.noServer')}</p>
        <LeaveSampleBook />
      </section>
    );
  }

  if (connection === null) {
    return (
      <section className="panel">
        <h2>{t('server.title')}</h2>
        <p>{t('server.notConnected')}</p>
        <div className="actions">
          <Link href="/settings/connect" className="button button--primary">
            {t('server.connect')}
          </Link>
          <Link href="/settings/join" className="button">
            {t('server.joinWithInvite')}
          </Link>
        </div>
      </section>
    );
  }
  const role = connection.role;
  return (
    <section className="panel">
      <h2>{t('server.title')}</h2>
      {status?.unauthorized && (
        <div className="notice">
          <p>{t('server.removed')}</p>
          <Link href="/settings/join" className="button button--primary">
            {t('server.joinAgain')}
          </Link>
        </div>
      )}
      <p>
        {t('server.connectedTo', { server: connection.serverUrl })}
        <br />
        {t('server.thisPhone', { role: t(`deviceRole.${role}`) })}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={sending || !sync}
          onClick={async () => {
            setSending(true);
            try {
              await sync?.syncNow();
            } finally {
              setSending(false);
            }
          }}
        >
          {sending ? t('server.sending') : t('server.syncNow')}
        </button>
        {(role === 'chair' || role === 'board') && (
          <Link href="/settings/invite" className="button">
            {t('server.invite')}
          </Link>
        )}
        {role === 'chair' && (
          <Link href="/settings/devices" className="button">
            {t('server.devices')}
          </Link>
        )}
      </div>
    </section>
  );
}

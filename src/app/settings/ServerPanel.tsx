import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatDateTime } from '../../domain/dates';
import { syncStatus } from '../../local/queries';
import type { SyncResult } from '../../sync/engine';
import { serverErrorKey } from '../sync/server-errors';
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
  const [run, setRun] = useState<{ state: 'running' } | { state: 'done'; result: SyncResult } | { state: 'failed'; key: string } | null>(null);
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
      <p className="field__hint">
        {t('server.lastSent', { when: status?.lastSentAt ? formatDateTime(status.lastSentAt) : t('server.never') })}
        <br />
        {t('server.lastReceived', { when: status?.lastPullAt ? formatDateTime(status.lastPullAt) : t('server.never') })}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={run?.state === 'running' || !sync}
          aria-busy={run?.state === 'running'}
          onClick={async () => {
            if (!sync) return;
            setRun({ state: 'running' });
            try {
              setRun({ state: 'done', result: await sync.syncNow() });
            } catch (error) {
              setRun({ state: 'failed', key: serverErrorKey(error) });
            }
          }}
        >
          {run?.state === 'running' ? t('server.syncing') : t('server.syncNow')}
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
      {role === 'board' && <p className="field__hint">{t('devices.lostChairPhone')}</p>}
      <div role="status" aria-live="polite">
        {run?.state === 'failed' && <p className="form__error">{t(run.key)}</p>}
        {run?.state === 'done' && <p className="notice">{syncResultText(run.result, t)}</p>}
      </div>
    </section>
  );
}

/** What "send and receive now" did, in words. */
function syncResultText(result: SyncResult, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (result.outcome === 'unauthorized') return t('server.unauthorized');
  if (result.outcome === 'upgrade_required') return t('server.upgrade_required');
  if (result.outcome === 'not_connected') return t('server.notConnected');
  const sent = result.acknowledged - result.rejected;
  if (sent === 0 && result.received === 0) return t('server.nothingNew');
  return [t('server.sentCount', { count: sent }), t('server.receivedCount', { count: result.received })].join(' ');
}

import { useLocation } from 'wouter';
import { useDatabase } from '../database-context';
import { connectNewClub } from '../../sync/club-server';
import { useSyncControl } from '../sync/sync-context';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { NoServerForSampleBook } from '../home/SampleBookNotice';
import { useSampleBook } from '../home/use-sample-book';
import { ServerForm } from './ServerForm';
import { useScreenStrings } from '../i18n/screen-strings';

/**
 * The chair puts a club book made on this phone onto the association's server: the club
 * keeps its id, and every member written so far goes up with the first sync.
 */
export function ConnectScreen() {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const sync = useSyncControl();
  const sample = useSampleBook();
  if (sample !== false) return <NoServerForSampleBook title={t('connect.title')} sample={sample} />;
  return (
    <AppShell title={t('connect.title')} back="/settings">
      <p className="field__hint">{t('connect.explain')}</p>
      <ServerForm
        kind="setup"
        initial={{ serverUrl: window.location.origin }}
        submitLabel={t('connect.submit')}
        onSubmit={async ({ serverUrl, secret, deviceName }) => {
          await connectNewClub(db, { serverUrl, setupCode: secret, deviceName });
          flash(t('connect.done'));
          void sync?.syncNow().catch(() => {});
          navigate('/settings', { replace: true });
        }}
      />
    </AppShell>
  );
}

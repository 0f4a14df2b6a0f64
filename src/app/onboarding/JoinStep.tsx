import { useTranslation } from 'react-i18next';
import { useDatabase } from '../database-context';
import { ServerForm } from '../settings/ServerForm';
import { joinClub } from '../../sync/club-server';
import { useSyncControl } from '../sync/sync-context';

/** A new phone joins a club that is already on the server, with the chair's invite code. */
export function JoinStep({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const sync = useSyncControl();
  return (
    <section>
      <p className="welcome__lead">{t('join.lead')}</p>
      <ServerForm
        kind="invite"
        initial={{ serverUrl: window.location.origin, secret: code ?? '' }}
        submitLabel={t('join.submit')}
        onSubmit={async ({ serverUrl, secret, deviceName }) => {
          await joinClub(db, { serverUrl, code: secret, deviceName });
          void sync?.syncNow();
        }}
      />
    </section>
  );
}

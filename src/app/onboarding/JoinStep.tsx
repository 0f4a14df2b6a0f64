import { useState } from 'react';
import { useScreenStrings } from '../i18n/screen-strings';
import { joinClub } from '../../sync/club-server';
import { useDatabase } from '../database-context';
import { ServerForm } from '../settings/ServerForm';
import { BookPullCard } from '../sync/BookPullCard';
import { useSyncControl } from '../sync/sync-context';

/**
 * A phone joins a club that is already on the server, with the chair's invite code: a new
 * phone at first start, or one that was removed, or restored from a backup, joining again.
 * Once the server has let it in, the code is spent: the form gives way to "joined, loading".
 */
export function JoinStep({ code, onJoined }: { code: string | null; onJoined?: () => void }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const sync = useSyncControl();
  const [joined, setJoined] = useState(false);
  // From the server's yes on, the first pull runs inside the join: how far it is shows here
  // until the club's record arrives and the home screen takes over (with the same card).
  const [joining, setJoining] = useState(false);
  if (joined) {
    return (
      <>
        <p className="notice" role="status">
          {t('join.joined')}
        </p>
        <BookPullCard />
      </>
    );
  }
  return (
    <section>
      <p className="welcome__lead">{t('join.lead')}</p>
      <ServerForm
        kind="invite"
        initial={{ serverUrl: window.location.origin, secret: code ?? '' }}
        submitLabel={t('join.submit')}
        onSubmit={async ({ serverUrl, secret, deviceName }) => {
          setJoining(true);
          try {
            await joinClub(db, { serverUrl, code: secret, deviceName });
          } finally {
            setJoining(false);
          }
          setJoined(true);
          // The first pull may have been cut off: keep fetching in the background.
          void sync?.syncNow().catch(() => {});
          onJoined?.();
        }}
      />
      {joining && <BookPullCard />}
    </section>
  );
}

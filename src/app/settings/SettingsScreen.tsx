import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { storageRoom, type StorageRoom } from '../../local/persistence';
import { clubProfile } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useConnection, useMayWrite } from '../sync/use-connection';
import { useSampleBook } from '../home/use-sample-book';
import { AppLockPanel } from './AppLockPanel';
import { AppShell } from '../ui/AppShell';
import { BackupImport } from '../ui/BackupImport';
import { LanguagePicker } from '../ui/LanguagePicker';
import { TextSizePicker } from '../ui/TextSizePicker';
import { BackupExport } from './BackupExport';
import { ServerPanel } from './ServerPanel';
import { useScreenStrings } from '../i18n/screen-strings';

function StorageNotice() {
  const { t, i18n } = useTranslation();
  const [room, setRoom] = useState<StorageRoom | null>(null);
  useEffect(() => {
    storageRoom().then(setRoom, () => setRoom(null));
  }, []);
  if (!room) return null;
  // "10.240 MB": grouped as Vietnamese numbers are (English: "10,240 MB").
  const mb = (bytes: number) => new Intl.NumberFormat(i18n.language).format(Math.round(bytes / (1024 * 1024)));
  return (
    <p className={room.low ? 'form__error' : 'field__hint'}>
      {t(room.low ? 'settings.storageLow' : 'settings.storage', { used: mb(room.usedBytes), free: mb(room.quotaBytes - room.usedBytes) })}
    </p>
  );
}

export function SettingsScreen() {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const mayEditClub = useMayWrite('club');
  const connection = useConnection();
  const sample = useSampleBook();
  return (
    <AppShell title={t('settings.title')}>
      <section className="panel">
        <h2>{t('settings.language')}</h2>
        <LanguagePicker />
      </section>
      <section className="panel">
        <h2>{t('settings.textSize')}</h2>
        <TextSizePicker />
        <p className="field__hint">{t('settings.textSizeSample')}</p>
      </section>
      <ServerPanel />
      {connection && !sample && <AppLockPanel />}
      {club && (
        <section className="panel">
          <h2>{t('settings.club')}</h2>
          <p>{club.name}</p>
          {mayEditClub && (
            <Link href="/settings/club" className="button">
              {t('settings.editClub')}
            </Link>
          )}
        </section>
      )}
      <section className="panel">
        <h2>{t('backup.title')}</h2>
        <p className="field__hint">{t('backup.explain')}</p>
        <div className="actions">
          <BackupExport />
          <BackupImport />
        </div>
        <StorageNotice />
      </section>
    </AppShell>
  );
}

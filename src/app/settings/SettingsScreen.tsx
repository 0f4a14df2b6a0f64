import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { backupFileName, exportBackup } from '../../local/backup';
import { LocalWriteError } from '../../local/errors';
import { storageRoom, type StorageRoom } from '../../local/persistence';
import { clubProfile } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BackupImport } from '../ui/BackupImport';
import { LanguagePicker } from '../ui/LanguagePicker';
import { TextSizePicker } from '../ui/TextSizePicker';
import { ServerPanel } from './ServerPanel';

/** Hands the file to the share sheet (Zalo, Drive, Bluetooth) where there is one, else downloads it. */
async function shareOrDownload(file: File): Promise<void> {
  if (navigator.canShare?.({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: file.name });
      return;
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
    }
  }
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function BackupExport() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={async () => {
          setError(null);
          try {
            const [backup, club] = await Promise.all([exportBackup(db), clubProfile(db)]);
            const name = backupFileName(club?.name ?? '', backup.exportedAt);
            await shareOrDownload(new File([JSON.stringify(backup)], name, { type: 'application/json' }));
          } catch (e) {
            setError(e instanceof LocalWriteError ? e.messageKey : 'storage.failed');
          }
        }}
      >
        {t('backup.export')}
      </button>
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
    </>
  );
}

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
  const { t } = useTranslation();
  const db = useDatabase();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const mayEditClub = useMayWrite('club');
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

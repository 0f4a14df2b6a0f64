import { useState } from 'react';
import type { FieldErrors, Resolver, ResolverResult } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { backupFileName, exportBackup, type BackupProgress } from '../../local/backup';
import { SHORTEST_PASSPHRASE, sealBackup } from '../../local/backup-seal';
import { LocalWriteError } from '../../local/errors';
import { clubProfile } from '../../local/queries';
import { useDatabase } from '../database-context';
import { BookFormView, useBookForm } from '../ui/book-form';
import { SecretField } from '../ui/fields';
import { LongWork } from '../ui/BackupImport';

interface PassphraseValues {
  passphrase: string;
  again: string;
}

const passphraseResolver: Resolver<PassphraseValues> = async (values): Promise<ResolverResult<PassphraseValues>> => {
  const errors: Record<string, { type: string; message: string }> = {};
  if (values.passphrase.length < SHORTEST_PASSPHRASE) errors.passphrase = { type: 'check', message: 'backup.passphraseShort' };
  else if (values.again !== values.passphrase) errors.again = { type: 'check', message: 'backup.passphraseMismatch' };
  return Object.keys(errors).length > 0 ? { values: {}, errors: errors as FieldErrors<PassphraseValues> } : { values, errors: {} };
};

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

function errorKey(error: unknown): string {
  return error instanceof LocalWriteError ? error.messageKey : 'storage.failed';
}

/**
 * "Back up to a file": the whole book, locked with a passphrase the person chooses and
 * types twice, then handed to the share sheet. The passphrase is never kept anywhere.
 */
export function BackupExport() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  // Reading the book, then locking the file: a few seconds on a five-year book, and nothing
  // on the phone changes, so a backup the app was closed in the middle of is just made again.
  const [progress, setProgress] = useState<BackupProgress | 'locking' | null>(null);
  const book = useBookForm<PassphraseValues>({
    draftKey: 'backup:passphrase',
    initial: { passphrase: '', again: '' },
    resolver: passphraseResolver,
    draftOmit: ['passphrase', 'again'],
  });
  const save = book.onSubmit(async ({ passphrase }) => {
    let sealed: string;
    let backup: Awaited<ReturnType<typeof exportBackup>>;
    let club: Awaited<ReturnType<typeof clubProfile>>;
    try {
      [backup, club] = await Promise.all([exportBackup(db, { onProgress: setProgress }), clubProfile(db)]);
      setProgress('locking');
      sealed = await sealBackup(JSON.stringify(backup), passphrase);
    } finally {
      setProgress(null);
    }
    await shareOrDownload(new File([sealed], backupFileName(club?.name ?? '', backup.exportedAt), { type: 'application/json' }));
    setDone(true);
    setOpen(false);
    return { startOver: { passphrase: '', again: '' } };
  }, errorKey);

  if (!open) {
    return (
      <div className="backup-export">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setDone(false);
            setOpen(true);
          }}
        >
          {t('backup.export')}
        </button>
        {done && (
          <p className="notice" role="status">
            {t('backup.exported')}
          </p>
        )}
      </div>
    );
  }
  return (
    <section className="backup-export" aria-labelledby="backup-lock-title">
      <h3 id="backup-lock-title">{t('backup.lockTitle')}</h3>
      <p className="field__hint">{t('backup.lockExplain')}</p>
      <BookFormView book={book} onSubmit={save} submitLabel={t('backup.lockAndSave')} busyLabel={t('backup.locking')}>
        <SecretField control={book.form.control} name="passphrase" required autoComplete="new-password" label={t('backup.passphrase')} hint={t('backup.passphraseHint')} />
        <SecretField control={book.form.control} name="again" required autoComplete="new-password" label={t('backup.passphraseAgain')} />
      </BookFormView>
      {progress && <LongWork progress={progress} />}
      <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </section>
  );
}

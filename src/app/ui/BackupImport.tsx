import { useState } from 'react';
import type { FieldErrors, Resolver, ResolverResult } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { importBackup, type BackupProgress, type ImportSummary } from '../../local/backup';
import { isSealed, openSealedBackup } from '../../local/backup-seal';
import { LocalWriteError } from '../../local/errors';
import { useDatabase } from '../database-context';
import { BookFormView, useBookForm } from './book-form';
import { SecretField } from './fields';
import { useScreenStrings } from '../i18n/screen-strings';

const needsPassphrase: Resolver<{ passphrase: string }> = async (values): Promise<ResolverResult<{ passphrase: string }>> =>
  values.passphrase === ''
    ? { values: {}, errors: { passphrase: { type: 'check', message: 'backup.passphraseRequired' } } as FieldErrors<{ passphrase: string }> }
    : { values, errors: {} };

function errorKey(error: unknown): string {
  return error instanceof LocalWriteError ? error.messageKey : 'storage.failed';
}

const grouped = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * A backup's or a restore's progress while it runs: the step, records of all of them and the
 * percent, in one polite live line (changed every few hundred records), with a bar. `note`
 * says what happens if the app is closed now.
 */
export function LongWork({ progress, note }: { progress: BackupProgress | 'locking'; note?: string }) {
  const { t } = useTranslation();
  if (progress === 'locking') {
    return (
      <div className="long-work book-pull" data-testid="long-work">
        <div className="book-pull__line">
          <span className="book-pull__spinner" aria-hidden="true" />
          <p className="book-pull__text" role="status">{t('backup.lockingLong')}</p>
        </div>
      </div>
    );
  }
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  const line = t(`backup.${progress.step}`, { done: grouped.format(progress.done), total: grouped.format(progress.total), percent });
  return (
    <div className="long-work book-pull" data-testid="long-work">
      <div className="book-pull__line">
        <span className="book-pull__spinner" aria-hidden="true" />
        <p className="book-pull__text" role="status">{line}</p>
      </div>
      <progress className="long-work__bar" max={100} value={percent} aria-hidden="true" />
      {note && <p className="book-pull__hint">{note}</p>}
    </div>
  );
}

/** The passphrase of a locked file; a wrong one (or a damaged file) changes nothing. */
function Unlock({ file, onOpened, onCancel }: { file: string; onOpened: (json: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const book = useBookForm<{ passphrase: string }>({
    draftKey: 'backup:unlock',
    initial: { passphrase: '' },
    resolver: needsPassphrase,
    draftOmit: ['passphrase'],
  });
  const open = book.onSubmit(async ({ passphrase }) => onOpened(await openSealedBackup(file, passphrase)), errorKey);
  return (
    <section className="backup-unlock" aria-labelledby="backup-unlock-title">
      <h3 id="backup-unlock-title">{t('backup.unlockTitle')}</h3>
      <BookFormView book={book} onSubmit={open} submitLabel={t('backup.unlock')} busyLabel={t('backup.opening')}>
        <SecretField control={book.form.control} name="passphrase" required autoComplete="current-password" label={t('backup.passphrase')} />
      </BookFormView>
      <button type="button" className="button button--quiet" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </section>
  );
}

/**
 * Picks a backup file and merges it in; says what it took, or why it refused the file. A
 * locked file asks for its passphrase first; an unlocked one from an older version opens as
 * it is.
 */
export function BackupImport({ onImported }: { onImported?: (summary: ImportSummary) => void }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [locked, setLocked] = useState<string | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);

  // One transaction (backup.ts): closed part way, the phone keeps its book as it was.
  const merge = async (json: string) => {
    let summary: ImportSummary;
    try {
      summary = await importBackup(db, json, { onProgress: setProgress });
    } finally {
      setProgress(null);
    }
    setLocked(null);
    setResult({ ok: true, text: t('backup.imported', { ...summary }) });
    onImported?.(summary);
  };

  return (
    <div className="backup-import">
      {locked === null && (
        <label className="button">
          {t('backup.import')}
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setResult(null);
              try {
                const text = await file.text();
                if (isSealed(text)) setLocked(text);
                else await merge(text);
              } catch (error) {
                setResult({ ok: false, text: t(errorKey(error)) });
              }
            }}
          />
        </label>
      )}
      {locked !== null && <Unlock file={locked} onOpened={merge} onCancel={() => setLocked(null)} />}
      {progress && <LongWork progress={progress} note={t('backup.restoreSafe')} />}
      {result && (
        <p className={result.ok ? 'notice' : 'form__error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </div>
  );
}

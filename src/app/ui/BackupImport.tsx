import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalWriteError } from '../../local/errors';
import { importBackup, type ImportSummary } from '../../local/backup';
import { useDatabase } from '../database-context';

/** Picks a backup file and merges it in; says what it took, or why it refused the file. */
export function BackupImport({ onImported }: { onImported?: (summary: ImportSummary) => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="backup-import">
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
            try {
              const summary = await importBackup(db, await file.text());
              setResult({ ok: true, text: t('backup.imported', { ...summary }) });
              onImported?.(summary);
            } catch (error) {
              setResult({ ok: false, text: t(error instanceof LocalWriteError ? error.messageKey : 'storage.failed') });
            }
          }}
        />
      </label>
      {result && (
        <p className={result.ok ? 'notice' : 'form__error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </div>
  );
}

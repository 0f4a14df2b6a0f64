import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StruckCollection } from '../../domain/strike-outs';
import { LocalWriteError } from '../../local/errors';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';

/**
 * "This was a mistake": an append-only record (a visit, a reading) is never changed or
 * erased; striking it out asks why, keeps it, and leaves it out of every figure.
 */
export function StrikeOutButton({ collection, recordId, what }: { collection: StruckCollection; recordId: string; what: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="button button--quiet" onClick={() => setOpen(true)} aria-label={t('strike.buttonFor', { what })}>
        {t('strike.button')}
      </button>
    );
  }
  const strike = async () => {
    if (reason.trim() === '') {
      setProblem('validation.strikeReason');
      return;
    }
    try {
      await createRecord(db, 'strikeOuts', { collection, recordId, reason });
      setOpen(false);
    } catch (error) {
      setProblem(error instanceof LocalWriteError ? error.messageKey : 'validation.invalidValue');
    }
  };
  const id = `strike-${recordId}`;
  return (
    <div className="strike-form">
      <label className="field__label" htmlFor={id}>
        {t('strike.reason', { what })}
      </label>
      <input id={id} className="input" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} aria-invalid={problem ? true : undefined} />
      {problem && (
        <p className="field__error" role="alert">
          {t(problem)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void strike()}>
          {t('strike.confirm')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

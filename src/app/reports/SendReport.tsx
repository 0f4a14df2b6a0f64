import { useState } from 'react';
import type { ReportFigures } from '../../domain/club-report';
import { formatDate, type CalendarDate } from '../../domain/dates';
import type { ReportPeriod } from '../../domain/periods';
import { LocalWriteError } from '../../local/errors';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useFlash } from '../ui/flash';
import { useReportStrings } from './strings';

/**
 * The chair's "send to the association": a `reports` record of the figures as they are on
 * screen now, saved with its outbox change like every record, so it goes when there is a
 * network. Sending again makes another record (append-only): the association takes the
 * last, and keeps the earlier ones as its history. A period still running asks a yes first.
 */
export function SendReport({ period, figures, today }: { period: ReportPeriod; figures: ReportFigures; today: CalendarDate }) {
  const { t } = useReportStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = today <= period.to;
  const send = async () => {
    setAsking(false);
    setSending(true);
    setError(null);
    try {
      await createRecord(db, 'reports', { periodKey: period.key, from: period.from, to: period.to, figures, note: null });
      flash(t('send.saved'));
    } catch (problem) {
      setError(problem instanceof LocalWriteError ? problem.messageKey : 'storage.failed');
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="report-send no-print">
      {asking ? (
        <div className="confirm">
          <p role="alert">{t('send.running', { date: formatDate(period.to) })}</p>
          <button type="button" className="button button--primary" onClick={() => void send()}>
            {t('send.yes')}
          </button>
          <button type="button" className="button" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--primary" disabled={sending} onClick={() => (running ? setAsking(true) : void send())}>
          {t('send.button')}
        </button>
      )}
      <p className="field__hint">{t('send.explain')}</p>
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

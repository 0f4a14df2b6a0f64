import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { healthBook } from './health-data';
import { useHealthStrings } from './strings';

/**
 * The health book: first who needs someone to act (urgent: refer to the commune health
 * station; re-check: measure again within 7 days), then month by month how many were
 * measured and how many of them were high.
 */
export function HealthBookScreen() {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const mayRecord = useMayWrite('readings');
  const today = todayOn();
  const book = useLiveQuery(() => healthBook(db, today), [db, today]);
  if (!book) return <AppShell title={t('title')}>{null}</AppShell>;
  const name = (id: string) => book.byId.get(id)?.fullName ?? t('unknownPerson');
  const urgent = book.alerts.filter((a) => a.list === 'urgent');
  const recheck = book.alerts.filter((a) => a.list === 'recheck');
  const thisMonth = book.months[0]!;
  return (
    <AppShell title={t('title')}>
      {mayRecord && (
        <div className="actions">
          <Link href="/health/day" className="button button--primary">
            {t('healthDay')}
          </Link>
        </div>
      )}
      <p className="book-line">{t('measuredThisMonth', { measured: thisMonth.measured, people: thisMonth.people, percent: thisMonth.measuredPercent ?? 0 })}</p>
      <section aria-labelledby="urgent-title" className={urgent.length > 0 ? 'notice notice--urgent' : 'notice'}>
        <h2 id="urgent-title">{t('urgentTitle', { count: urgent.length })}</h2>
        {urgent.length === 0 ? (
          <p>{t('urgentNone')}</p>
        ) : (
          <>
            <p className="field__hint">{t('urgentExplain')}</p>
            <ul className="task-list">
              {urgent.map((alert) => (
                <li key={alert.personId} className="task-row">
                  <Link href={`/health/people/${alert.personId}`} className="task">
                    {t('alertLine', { name: name(alert.personId), systolic: alert.reading.systolic, diastolic: alert.reading.diastolic, date: formatDate(alert.reading.takenOn) })}
                  </Link>
                  {mayRecord && (
                    <Link href={`/health/referrals/new?person=${alert.personId}`} className="button">
                      {t('recordReferral')}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="recheck-title">
        <h2 id="recheck-title" className="section-title">
          {t('recheckTitle', { count: recheck.length })}
        </h2>
        {recheck.length === 0 ? (
          <p className="empty">{t('recheckNone')}</p>
        ) : (
          <ul className="member-list">
            {recheck.map((alert) => (
              <li key={alert.personId}>
                <Link href={`/health/people/${alert.personId}`} className={alert.overdue ? 'member-row member-row--due' : 'member-row'}>
                  <span className="member-row__name">{name(alert.personId)}</span>
                  <span className="member-row__facts">
                    {t('alertNumbers', { systolic: alert.reading.systolic, diastolic: alert.reading.diastolic, date: formatDate(alert.reading.takenOn) })}
                    {' · '}
                    {alert.referral ? t('referredOn', { date: formatDate(alert.referral.referredOn) }) + ' · ' : ''}
                    {alert.overdue ? t('recheckOverdue', { date: formatDate(alert.recheckBy) }) : t('recheckBy', { date: formatDate(alert.recheckBy) })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 className="section-title">{t('monthsTitle')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('month')}</th>
            <th scope="col">{t('measured')}</th>
            <th scope="col">{t('high')}</th>
          </tr>
        </thead>
        <tbody>
          {book.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{`${m.month.slice(5)}/${m.month.slice(0, 4)}`}</th>
              <td>{m.measuredPercent === null ? '—' : t('share', { part: m.measured, whole: m.people, percent: m.measuredPercent })}</td>
              <td>{m.highPercent === null ? '—' : t('share', { part: m.high, whole: m.withPressure, percent: m.highPercent })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AppShell>
  );
}

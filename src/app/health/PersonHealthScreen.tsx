import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { bmiOf, flagOf, gradeOf, healthAlerts } from '../../domain/health-figures';
import { bmiClass } from '../../domain/health-grades';
import { readingsOfPerson, referralsOfPerson } from '../../local/care-queries';
import { recordById } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { StrikeOutButton } from '../ui/StrikeOutButton';
import { useHealthStrings } from './strings';

// uPlot comes with the screens that draw, never with the first screen; it starts loading with
// this screen's code, while the person's readings are read, not after them.
const chartModule = import('./PressureChart');
const PressureChart = lazy(() => chartModule.then((m) => ({ default: m.PressureChart })));

/** The table starts with the last two years of monthly readings; the chart shows them all. */
const FIRST_ROWS = 24;

/** A person's health: what to do now, the trend as a chart, and every reading as a plain table. */
export function PersonHealthScreen({ id }: { id: string }) {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const mayRecord = useMayWrite('readings');
  const mayStrike = useMayWrite('strikeOuts');
  const today = todayOn();
  const [allRows, setAllRows] = useState(false);
  const data = useLiveQuery(async () => {
    // Only this person's records, by their index: a five-year club holds thousands of readings.
    const [person, readings, referrals] = await Promise.all([recordById(db, 'members', id), readingsOfPerson(db, id), referralsOfPerson(db, id)]);
    const standing = <R extends { struckOut: unknown }>(list: R[]) => list.filter((r) => !r.struckOut);
    const alert = healthAlerts(standing(readings), standing(referrals), today)[0] ?? null;
    return { person: person ?? null, readings, alert };
  }, [db, id, today]);
  const counted = useMemo(() => data?.readings.filter((r) => !r.struckOut) ?? [], [data]);
  const labels = useMemo(() => ({ date: t('field.takenOn'), systolic: t('field.systolic'), diastolic: t('field.diastolic'), weight: t('field.weightKg') }), [t]);
  if (!data) return <AppShell title={t('title')} back="/health">{null}</AppShell>;
  if (!data.person) {
    return (
      <AppShell title={t('title')} back="/health">
        <p className="empty">{t('personNotFound')}</p>
      </AppShell>
    );
  }
  const { alert } = data;
  return (
    <AppShell title={data.person.fullName} back="/health">
      {alert && (
        <section className={alert.list === 'urgent' ? 'notice notice--urgent' : 'notice'} role="status">
          <p>
            {t(alert.list === 'urgent' ? 'personUrgent' : 'personRecheck', {
              systolic: alert.reading.systolic,
              diastolic: alert.reading.diastolic,
              date: formatDate(alert.reading.takenOn),
              by: formatDate(alert.recheckBy),
            })}
          </p>
          {alert.list === 'urgent' && mayRecord && (
            <Link href={`/health/referrals/new?person=${id}`} className="button button--primary">
              {t('recordReferral')}
            </Link>
          )}
        </section>
      )}
      {mayRecord && (
        <div className="actions">
          <Link href={`/health/readings/new?person=${id}`} className="button button--primary">
            + {t('newReading')}
          </Link>
        </div>
      )}
      {counted.length >= 2 && (
        <Suspense fallback={<div className="chart" aria-busy="true" />}>
          <PressureChart readings={counted} labels={labels} />
        </Suspense>
      )}
      <h2 className="section-title">{t('readingsTitle', { count: counted.length })}</h2>
      {data.readings.length === 0 && <p className="empty">{t('readingsNone')}</p>}
      <ul className="record-list">
        {(allRows ? data.readings : data.readings.slice(0, FIRST_ROWS)).map((reading) => {
          const grade = gradeOf(reading);
          const value = bmiOf(reading, counted);
          return (
            <li key={reading.id} className={reading.struckOut ? 'record-row record-row--struck' : `record-row record-row--${flagOf(reading)}`}>
              <span className="record-row__title">
                {formatDate(reading.takenOn)} · {t(`place.${reading.place}`)}
              </span>
              <span className="record-row__facts">
                {[
                  reading.systolic !== null && `${reading.systolic}/${reading.diastolic} mmHg${grade ? ` (${t(`grade.${grade}`)})` : ''}`,
                  reading.pulse !== null && t('pulseValue', { value: reading.pulse }),
                  reading.weightKg !== null && `${String(reading.weightKg).replace('.', ',')} kg`,
                  value !== null && t('bmiValue', { value: String(value).replace('.', ','), cls: t(`bmi.${bmiClass(value)}`) }),
                  reading.bloodSugar !== null && `${String(reading.bloodSugar).replace('.', ',')} mmol/L`,
                  reading.temperature !== null && `${String(reading.temperature).replace('.', ',')} °C`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {reading.note && <span className="record-row__facts">{reading.note}</span>}
              {reading.struckOut ? (
                <span className="record-row__facts">{t('strike.struck', { reason: reading.struckOut.reason })}</span>
              ) : (
                mayStrike && <StrikeOutButton collection="readings" recordId={reading.id} what={t('strikeWhat', { date: formatDate(reading.takenOn) })} />
              )}
            </li>
          );
        })}
      </ul>
      {!allRows && data.readings.length > FIRST_ROWS && (
        <div className="actions">
          <button type="button" className="button" onClick={() => setAllRows(true)}>
            {t('showAllReadings', { count: data.readings.length })}
          </button>
        </div>
      )}
    </AppShell>
  );
}

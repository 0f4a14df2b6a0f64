import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { careTotals } from '../../domain/care-figures';
import { todayOn } from '../../domain/dates';
import { healthAlerts, healthByMonth } from '../../domain/health-figures';
import { onRoll } from '../../domain/meeting-figures';
import { careRecords, healthRecords } from '../../local/care-queries';
import { clubProfile, liveRecords } from '../../local/queries';
import { careTargets } from '../care/care-data';
import { useDatabase } from '../database-context';
import { BookTile } from './BookTile';

/**
 * The home-care and health tiles of the home screen, each with its most urgent line. They
 * load after the first screen (with the figures they need): the home screen shows at once,
 * these a moment later.
 */
export function CareTiles() {
  const { t } = useTranslation();
  const db = useDatabase();
  const today = todayOn();
  const lines = useLiveQuery(async () => {
    const [club, members, care, health] = await Promise.all([clubProfile(db), liveRecords(db, 'members'), careRecords(db), healthRecords(db)]);
    const totals = careTotals(care.plans, care.visits, today, careTargets(club));
    const alerts = healthAlerts(health.readings, health.referrals, today);
    const onRollToday = new Set(members.filter((m) => onRoll(m, today)).map((m) => m.id));
    const [month] = healthByMonth(health.readings, [today.slice(0, 7)], () => onRollToday);
    return {
      totals,
      urgent: alerts.filter((a) => a.list === 'urgent').length,
      recheck: alerts.filter((a) => a.list === 'recheck').length,
      measuredPercent: month?.measuredPercent ?? 0,
    };
  }, [db, today]);
  if (!lines) return null;
  return (
    <>
      <BookTile
        href="/care"
        title={t('home.careBook')}
        urgent={lines.totals.notVisitedFor7 > 0}
        lines={[
          t('home.careLine', { caredFor: lines.totals.caredFor, visits: lines.totals.visitsThisWeek }),
          ...(lines.totals.notVisitedFor7 > 0 ? [t('home.careUnvisited', { count: lines.totals.notVisitedFor7 })] : []),
        ]}
      />
      <BookTile
        href="/health"
        title={t('home.healthBook')}
        urgent={lines.urgent > 0}
        lines={[
          ...(lines.urgent > 0 ? [t('home.healthUrgent', { count: lines.urgent })] : []),
          ...(lines.recheck > 0 ? [t('home.healthRecheck', { count: lines.recheck })] : []),
          t('home.healthMeasured', { percent: lines.measuredPercent }),
        ]}
      />
    </>
  );
}

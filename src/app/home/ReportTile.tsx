import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate, todayOn } from '../../domain/dates';
import { bookBegan, sentReports } from '../../local/report-queries';
import { useDatabase } from '../database-context';
import { owedReports } from '../reports/owed';
import { periodName } from '../reports/report-figures';
import { useReportStrings } from '../reports/strings';
import { BookTile } from './BookTile';

/**
 * The report's tile on the home screen: which report to the association is due and by when,
 * how many are overdue, or that all are sent; a tap opens the most pressing one. Loaded after
 * the first screen (HomeScreen imports it lazily), with the report's words.
 */
export function ReportTile() {
  const { t } = useReportStrings();
  const db = useDatabase();
  const today = todayOn();
  const owed = useLiveQuery(async () => {
    const [began, sent] = await Promise.all([bookBegan(db), sentReports(db)]);
    return owedReports(today, began, sent);
  }, [db, today]);
  if (!owed) return null;
  // Newest first: the report due soonest, then the latest overdue.
  const due = owed.filter((o) => o.status === 'due');
  const missing = owed.filter((o) => o.status === 'missing');
  const lines = [
    ...due.map((o) => t('tile.due', { period: periodName(o.period, t), date: formatDate(o.deadline) })),
    ...(missing.length === 1 ? [t('tile.missingOne', { period: periodName(missing[0]!.period, t) })] : []),
    ...(missing.length > 1 ? [t('tile.missingMany', { count: missing.length, period: periodName(missing[0]!.period, t) })] : []),
  ];
  const first = due[0] ?? missing[0];
  return (
    <BookTile
      href={first ? `/reports?period=${first.period.key}` : '/reports'}
      title={t('title')}
      urgent={first !== undefined}
      lines={lines.length > 0 ? lines : [t(owed.length > 0 ? 'tile.allSent' : 'tile.noneYet')]}
    />
  );
}

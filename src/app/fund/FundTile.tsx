import { useLiveQuery } from 'dexie-react-hooks';
import { todayOn } from '../../domain/dates';
import { fundSummary } from '../../domain/fund-figures';
import { permille } from '../../domain/loan-state';
import { formatDong } from '../../domain/money';
import { fundRecords } from '../../local/fund-queries';
import { useDatabase } from '../database-context';
import { BookTile } from '../home/BookTile';
import { formatPermille } from './fund-format';
import { useFundStrings } from './strings';

/** The fund's tile on the home screen: the income fund, loans out, PAR30 and what is overdue. Loaded after the first screen. */
export function FundTile() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const today = todayOn();
  const summary = useLiveQuery(async () => {
    const records = await fundRecords(db);
    return fundSummary(records.entries, records.loans, today);
  }, [db, today]);
  if (!summary) return null;
  const p = summary.portfolio;
  return (
    <BookTile
      href="/fund"
      title={t('title')}
      urgent={p.overdueAmount > 0}
      lines={[
        t('tile.fund', { amount: formatDong(summary.incomeFund) }),
        t('tile.loans', { count: p.activeLoans, amount: formatDong(p.outstanding), par: formatPermille(permille(p.atRisk30, p.outstanding)) }),
        ...(p.overdueAmount > 0 ? [t('tile.overdue', { amount: formatDong(p.overdueAmount) })] : []),
      ]}
    />
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useSearch } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { arrearsBucket, type LoanState } from '../../domain/loan-state';
import { formatDong } from '../../domain/money';
import { compareByGivenName } from '../../domain/names';
import { fundRecords } from '../../local/fund-queries';
import { liveRecords } from '../../local/queries';
import { loanStates } from '../../domain/loan-state';
import { useDatabase } from '../database-context';
import { AppShell } from '../ui/AppShell';
import { useFundStrings } from './strings';

/**
 * The loans out, by given name; "late only" is the overdue list for the meeting: who, how
 * much is due and not paid, how many days late, the latest first. Printable.
 */
export function LoansScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const late = new URLSearchParams(useSearch()).get('late') === '1';
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [members, records] = await Promise.all([liveRecords(db, 'members'), fundRecords(db)]);
    const byId = new Map(members.map((m) => [m.id, m.fullName]));
    const name = (s: LoanState) => byId.get(s.loan.memberId) ?? t('unknownMember');
    const active = loanStates(records.loans, records.entries, today).filter((s) => s.status === 'active' && (!late || s.daysLate > 0));
    active.sort(late ? (a, b) => b.daysLate - a.daysLate || compareByGivenName(name(a), name(b)) : (a, b) => compareByGivenName(name(a), name(b)));
    return active.map((s) => ({ state: s, name: name(s) }));
  }, [db, today, late]);
  const total = data?.reduce((sum, { state }) => sum + (late ? state.overdue.principal + state.overdue.interest : state.outstanding), 0) ?? 0;
  return (
    <AppShell title={t(late ? 'loans.lateTitle' : 'loans.title')} back="/fund">
      <p className="roll-summary">{t(late ? 'loans.lateSummary' : 'loans.summary', { count: data?.length ?? 0, amount: formatDong(total), date: formatDate(today) })}</p>
      <div className="button-row no-print">
        <Link href={late ? '/fund/loans' : '/fund/loans?late=1'} className="button">
          {t(late ? 'loans.showAll' : 'loans.showLate')}
        </Link>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      {data?.length === 0 && <p className="empty">{t(late ? 'loans.noneLate' : 'loans.none')}</p>}
      <ul className="member-list">
        {data?.map(({ state, name }) => (
          <li key={state.loan.id}>
            <Link href={`/fund/loans/${state.loan.id}`} className={state.daysLate > 30 ? 'member-row member-row--due' : 'member-row'}>
              <span className="member-row__name">{name}</span>
              <span className="member-row__facts">
                {late
                  ? t('loans.lateLine', { amount: formatDong(state.overdue.principal + state.overdue.interest), count: state.daysLate, bucket: t(`bucket.${arrearsBucket(state.daysLate)}`) })
                  : t('loans.line', { amount: formatDong(state.outstanding), principal: formatDong(state.loan.principal) })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </AppShell>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { todayOn } from '../../domain/dates';
import { useDatabase } from '../database-context';
import { memberLoanStates } from './fund-data';
import { LoanCard } from './LoanScreen';
import { useFundStrings } from './strings';

/** A member's loans on their page: the loan card of each loan still out, and a line for the repaid ones. */
export function MemberLoans({ memberId, name }: { memberId: string; name: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const today = todayOn();
  const states = useLiveQuery(() => memberLoanStates(db, memberId, today), [db, memberId, today]);
  if (!states || states.length === 0) return null;
  const active = states.filter((s) => s.status === 'active');
  const closed = states.length - active.length;
  return (
    <section aria-labelledby="member-loans">
      <h2 id="member-loans" className="section-title">
        {t('member.loans')}
      </h2>
      {active.map((s) => (
        <div key={s.loan.id}>
          <LoanCard state={s} name={name} />
          <Link href={`/fund/loans/${s.loan.id}`} className="button no-print">
            {t('member.openLoan')}
          </Link>
        </div>
      ))}
      {closed > 0 && <p className="field__hint">{t('member.closedLoans', { count: closed })}</p>}
    </section>
  );
}

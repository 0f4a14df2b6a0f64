import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { closedPeriodProblem, repaymentSchema, type RepaymentValues } from '../../domain/fund-forms';
import { splitInterest } from '../../domain/ledger';
import { allocateRepayment, loanStates, offeredRepayment, repaymentLines, type LoanState } from '../../domain/loan-state';
import { formatDong } from '../../domain/money';
import { compareByGivenName } from '../../domain/names';
import { deviceId } from '../../local/device';
import { liveRecords } from '../../local/queries';
import { fundLock, fundRecords } from '../../local/fund-queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { DateField, MoneyField } from '../ui/fields';
import { loanCard } from './fund-data';
import { PlaceField } from './fund-fields';
import { useFundStrings } from './strings';

/** Who is repaying: the loans out, the late ones first, then by given name. */
export function RepaymentChooseScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [members, records] = await Promise.all([liveRecords(db, 'members'), fundRecords(db)]);
    const byId = new Map(members.map((m) => [m.id, m.fullName]));
    const states = loanStates(records.loans, records.entries, today).filter((s) => s.status === 'active');
    const name = (s: LoanState) => byId.get(s.loan.memberId) ?? t('unknownMember');
    return states.sort((a, b) => Number(b.daysLate > 0) - Number(a.daysLate > 0) || compareByGivenName(name(a), name(b))).map((s) => ({ state: s, name: name(s) }));
  }, [db, today]);
  return (
    <AppShell title={t('repay.title')} back="/fund">
      {data?.length === 0 && <p className="empty">{t('repay.none')}</p>}
      <ul className="member-list">
        {data?.map(({ state, name }) => (
          <li key={state.loan.id}>
            <Link href={`/fund/repay/${state.loan.id}`} className={state.daysLate > 0 ? 'member-row member-row--due' : 'member-row'}>
              <span className="member-row__name">{name}</span>
              <span className="member-row__facts">
                {t('repay.due', { amount: formatDong(offeredRepayment(state)) })}
                {state.daysLate > 0 ? ` · ${t('daysLate', { count: state.daysLate })}` : state.next ? ` · ${t('nextDue', { date: formatDate(state.next.dueOn) })}` : ''}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </AppShell>
  );
}

function Split({ state, amount }: { state: LoanState; amount: number }) {
  const { t } = useFundStrings();
  const allocation = Number.isSafeInteger(amount) ? allocateRepayment(state, amount) : null;
  if (!allocation) return null;
  const split = splitInterest(allocation.interest, state.loan.toIncomeFundPercent);
  return (
    <section className="notice" aria-live="polite" aria-labelledby="split-title">
      <h2 id="split-title">{t('repay.splitTitle')}</h2>
      <p>{t('repay.interest', { amount: formatDong(allocation.interest), income: formatDong(split.incomeFund), operating: formatDong(split.operatingFund) })}</p>
      <p>{t('repay.principal', { amount: formatDong(allocation.principal) })}</p>
      <p>{t('repay.after', { amount: formatDong(state.outstanding - allocation.principal) })}</p>
    </section>
  );
}

function RepaymentForm({ state, name, locked }: { state: LoanState; name: string; locked: string | null }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const resolver = domainResolver(repaymentSchema, (v: RepaymentValues) => {
    const problems = closedPeriodProblem('paidOn', v.paidOn, locked);
    if (Number.isSafeInteger(v.amount) && v.amount > state.remaining) problems.push({ field: 'amount', messageKey: 'validation.overpayment' });
    return problems;
  });
  const initial: RepaymentValues = { amount: offeredRepayment(state), paidOn: todayOn(), account: 'cash' };
  const book = useBookForm<RepaymentValues>({ draftKey: `repayment:${state.loan.id}`, initial, resolver });
  const { control } = book.form;
  const amount = book.form.watch('amount');
  const save = book.onSubmit(async (values) => {
    const allocation = allocateRepayment(state, values.amount);
    if (!allocation) throw new Error('validation.overpayment');
    const saved = await createRecord(db, 'entries', {
      type: 'repayment',
      postedOn: values.paidOn,
      lines: repaymentLines(state.loan, allocation, values.account),
      loanId: state.loan.id,
      memberId: state.loan.memberId,
      meetingId: null,
      reversesEntryId: null,
      note: null,
      phoneId: await deviceId(db),
    });
    navigate(`/fund/entries/${saved.id}?receipt=1`, { replace: true });
  }, (error) => (error instanceof Error && error.message === 'validation.overpayment' ? 'validation.overpayment' : null));
  return (
    <>
      <p className="field__hint">
        {t('repay.owes', { name, amount: formatDong(state.outstanding) })}
        {state.daysLate > 0 ? ` · ${t('daysLate', { count: state.daysLate })}` : ''}
      </p>
      <BookFormView
        book={book}
        onSubmit={save}
        submitLabel={t('repay.save')}
        extraActions={
          <button type="button" className="button" onClick={() => book.form.setValue('amount', state.remaining, { shouldDirty: true })}>
            {t('repay.payOff', { amount: formatDong(state.remaining) })}
          </button>
        }
      >
        <MoneyField control={control} name="amount" required label={t('field.amount')} hint={t('repay.offered', { amount: formatDong(offeredRepayment(state)) })} />
        <Split state={state} amount={amount} />
        <DateField control={control} name="paidOn" required label={t('field.paidOn')} />
        <PlaceField control={control} name="account" label={t('field.paidInto')} />
      </BookFormView>
    </>
  );
}

/** A repayment: the borrower's name on top, what is due already typed in, the split shown before saving. */
export function RepaymentScreen({ loanId }: { loanId: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('entries');
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [card, locked] = await Promise.all([loanCard(db, loanId, today), fundLock(db)]);
    return { card, locked };
  }, [db, loanId, today]);
  if (!data) return <AppShell title={t('repay.title')} back="/fund/repay">{null}</AppShell>;
  const { card } = data;
  if (!card || !mayWrite || card.state.status !== 'active') {
    return (
      <AppShell title={t('repay.title')} back="/fund/repay">
        <p className="notice">{t(!card ? 'notFound' : !mayWrite ? 'readOnly' : 'repay.closed')}</p>
      </AppShell>
    );
  }
  const name = card.member?.fullName ?? t('unknownMember');
  return (
    <AppShell title={name} back="/fund/repay">
      <RepaymentForm state={card.state} name={name} locked={data.locked} />
    </AppShell>
  );
}

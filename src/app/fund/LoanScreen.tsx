import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { entries as entryBook } from '../../domain/entries';
import { line } from '../../domain/ledger';
import type { LoanState } from '../../domain/loan-state';
import { formatDong } from '../../domain/money';
import { writeRefusal } from '../../domain/collection';
import { deviceId } from '../../local/device';
import { fundLock } from '../../local/fund-queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useDeviceRole } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { loanCard } from './fund-data';
import { entryMoney } from './fund-format';
import { formatRate } from './receipts';
import { ReasonForm } from './fund-fields';
import { useFundStrings } from './strings';

/** The loan card: amount, terms, each instalment (paid or not), paid so far, what remains, days late. */
export function LoanCard({ state, name }: { state: LoanState; name: string }) {
  const { t } = useFundStrings();
  const { loan } = state;
  const today = todayOn();
  return (
    <section className="loan-card" aria-label={t('loan.cardOf', { name })}>
      <dl className="facts">
        <dt>{t('loan.principal')}</dt>
        <dd>
          {formatDong(loan.principal)}
          {loan.originalPrincipal !== null ? ` (${t('loan.paperOriginal', { amount: formatDong(loan.originalPrincipal) })})` : ''}
        </dd>
        <dt>{t('loan.terms')}</dt>
        <dd>{`${t('months', { count: loan.termMonths })} · ${formatRate(loan.rateBasisPoints)} ${t('perMonth')} · ${t(`method.${loan.method}`)} · ${t(`pattern.${loan.pattern}`)}`}</dd>
        <dt>{t('loan.disbursedOn')}</dt>
        <dd>{loan.source === 'paperBook' ? t('loan.fromPaper') : formatDate(loan.disbursedOn)}</dd>
        <dt>{t('loan.paid')}</dt>
        <dd>{t('loan.paidLine', { principal: formatDong(state.principalRepaid), interest: formatDong(state.interestRepaid) })}</dd>
        <dt>{t('loan.remaining')}</dt>
        <dd>{state.status === 'active' ? formatDong(state.outstanding) : t(`loan.status.${state.status}`)}</dd>
        {state.daysLate > 0 && (
          <>
            <dt>{t('loan.late')}</dt>
            <dd className="text-urgent">{t('loan.lateLine', { count: state.daysLate, amount: formatDong(state.overdue.principal + state.overdue.interest) })}</dd>
          </>
        )}
      </dl>
      <h2 className="section-title">{t('loan.schedule')}</h2>
      {/* A list, not a table: at the largest text three columns broke dates and amounts mid-number. */}
      <ol className="schedule">
        {state.instalments.map((i) => {
          const unpaid = i.principal - i.principalPaid + (i.interest - i.interestPaid);
          const late = unpaid > 0 && i.dueOn <= today && state.status === 'active';
          return (
            <li key={i.number} className={late ? 'schedule__row schedule__row--late' : 'schedule__row'}>
              <span className="schedule__due">{`${formatDate(i.dueOn)} · ${formatDong(i.principal + i.interest)}`}</span>
              <span className="schedule__state">{unpaid === 0 ? t('loan.instalmentPaid') : state.status !== 'active' ? '—' : t('loan.instalmentOwes', { amount: formatDong(unpaid) })}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The chair's phone writes off what a member cannot repay, after the club's vote: the reason is kept on the entry. */
function WriteOffForm({ state, locked }: { state: LoanState; locked: string | null }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [, navigate] = useLocation();
  return (
    <details className="danger-zone">
      <summary>{t('loan.writeOff', { amount: formatDong(state.outstanding) })}</summary>
      <ReasonForm
        draftKey={`writeOff:${state.loan.id}`}
        requiredKey="validation.reversalReason"
        label={t('loan.writeOffReason')}
        hint={t('loan.writeOffExplain')}
        submitLabel={t('loan.writeOffSave')}
        locked={locked}
        onSave={async (reason, today) => {
          await createRecord(db, 'entries', {
            type: 'writeOff',
            postedOn: today,
            lines: [line('incomeFund', state.outstanding), line('loans', -state.outstanding, state.loan.id)],
            loanId: state.loan.id,
            memberId: state.loan.memberId,
            meetingId: null,
            reversesEntryId: null,
            note: reason,
            phoneId: await deviceId(db),
          });
          flash(t('loan.writtenOffSaved'));
          navigate('/fund', { replace: true });
        }}
      />
    </details>
  );
}

export function LoanScreen({ id }: { id: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const role = useDeviceRole();
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [card, locked] = await Promise.all([loanCard(db, id, today), fundLock(db)]);
    return { card, locked };
  }, [db, id, today]);
  if (!data) return <AppShell title={t('loan.title')} back="/fund/loans">{null}</AppShell>;
  const { card } = data;
  if (!card) {
    return (
      <AppShell title={t('loan.title')} back="/fund/loans">
        <p className="empty">{t('notFound')}</p>
      </AppShell>
    );
  }
  const name = card.member?.fullName ?? t('unknownMember');
  const mayRepay = role !== undefined && writeRefusal(entryBook, { type: 'repayment' }, role) === null;
  const mayWriteOff = role !== undefined && writeRefusal(entryBook, { type: 'writeOff' }, role) === null;
  return (
    <AppShell title={name} back="/fund/loans">
      <LoanCard state={card.state} name={name} />
      <div className="button-row no-print">
        {mayRepay && card.state.status === 'active' && (
          <Link href={`/fund/repay/${card.loan.id}`} className="button button--primary">
            {t('action.repayment')}
          </Link>
        )}
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <h2 className="section-title">{t('loan.entries')}</h2>
      <ul className="member-list">
        {card.entries.map((e) => (
          <li key={e.id}>
            <Link href={`/fund/entries/${e.id}`} className={card.reversed.has(e.id) ? 'member-row entry-row--reversed' : 'member-row'}>
              <span className="member-row__name">{`${t(`type.${e.type}`)} ${entryMoney(e)}`}</span>
              <span className="member-row__facts">{formatDate(e.postedOn)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {mayWriteOff && card.state.status === 'active' && <WriteOffForm state={card.state} locked={data.locked} />}
    </AppShell>
  );
}

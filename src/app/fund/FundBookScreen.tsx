import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link } from 'wouter';
import { addMonths, formatDate, todayOn } from '../../domain/dates';
import { permille } from '../../domain/loan-state';
import { formatDong } from '../../domain/money';
import type { ReviewItem } from '../../domain/review-items';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useSampleFill } from '../home/use-sample-book';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { fundBook } from './fund-data';
import { entryMoney, formatPermille } from './fund-format';
import { useFundStrings } from './strings';

/** The income fund the plan measures: ≥ 100 million (REPORTS.md), cash plus loans out. */
const FUND_TARGET = 100_000_000;

function Money({ label, value, detail, tone }: { label: string; value: number; detail?: string; tone?: 'met' | 'unmet' }) {
  return (
    <div className={tone ? `figure figure--${tone}` : 'figure'}>
      <span className="figure__value figure__value--money">{formatDong(value)}</span>
      <span className="figure__label">{label}</span>
      {detail && <span className="figure__detail">{detail}</span>}
    </div>
  );
}

function ReviewList({ items, names, mayCheck }: { items: ReviewItem[]; names: (entryId: string) => string; mayCheck: boolean }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const check = async (item: ReviewItem) => {
    await createRecord(db, 'reviewChecks', { itemKey: item.key, note: null });
    flash(t('review.checkedSaved'));
  };
  return (
    <section className="notice notice--urgent" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title', { count: items.length })}</h2>
      <ul className="task-list">
        {items.map((item) => (
          <li key={item.key} className="review-item">
            <p>{t(`review.${item.kind}`, { date: formatDate(item.postedOn), amount: formatDong(item.amount), name: names(item.entryIds[item.entryIds.length - 1]!) })}</p>
            <div className="button-row">
              <Link href={`/fund/entries/${item.entryIds[item.entryIds.length - 1]}`} className="button">
                {t('review.look')}
              </Link>
              {mayCheck && (
                <button type="button" className="button" onClick={() => void check(item)}>
                  {t('review.checked')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The fund book: the balances of both funds and where the money is (cash, bank, loans out),
 * the loans' health, what needs the board's attention, and the entries of the month.
 */
export function FundBookScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('entries');
  const mayCheck = useMayWrite('reviewChecks');
  // A practice book whose fund is still being written: not a fund to start from nothing.
  const filling = useSampleFill();
  const today = todayOn();
  const [month, setMonth] = useState(today.slice(0, 7));
  const book = useLiveQuery(() => fundBook(db, today, month), [db, today, month]);
  if (!book) return <AppShell title={t('title')}>{<div aria-busy="true" />}</AppShell>;
  const { summary } = book;
  const name = (memberId: string | null) => (memberId ? (book.byId.get(memberId)?.fullName ?? t('unknownMember')) : '');
  const entryName = (entryId: string) => name(book.month.find((e) => e.id === entryId)?.memberId ?? null);
  const loans = summary.portfolio;
  return (
    <AppShell title={t('title')}>
      {book.empty && filling !== null && <p className="notice">{t('sampleFilling')}</p>}
      {book.empty && filling === null && (
        <section className="start-card" aria-labelledby="fund-start">
          <h2 id="fund-start">{t('start.title')}</h2>
          <p className="field__hint">{t('start.explain')}</p>
          {mayWrite && (
            <div className="button-stack">
              <Link href="/fund/opening" className="button button--primary">
                {t('start.paperBook')}
              </Link>
              <Link href="/fund/record/seed" className="button">
                {t('start.seed')}
              </Link>
            </div>
          )}
        </section>
      )}
      {book.review.length > 0 && <ReviewList items={book.review} names={entryName} mayCheck={mayCheck} />}
      {mayWrite && !book.empty && (
        <div className="button-stack">
          <Link href="/fund/repay" className="button button--primary">
            {t('action.repayment')}
          </Link>
          <Link href="/fund/dues" className="button">
            {t('action.dues')}
          </Link>
          <Link href="/fund/applications" className="button">
            {t('action.applications', { count: book.pendingApplications + book.toDisburse })}
          </Link>
          <Link href="/fund/record" className="button">
            {t('action.record')}
          </Link>
          <Link href="/fund/count" className="button">
            {t('action.count')}
          </Link>
        </div>
      )}
      <h2 className="section-title" elementtiming="fund-book">
        {t('balances')}
      </h2>
      <div className="figures">
        <Money
          label={t('account.incomeFund')}
          value={summary.incomeFund}
          detail={t('incomeFundExplain', { target: formatDong(FUND_TARGET) })}
          tone={summary.incomeFund >= FUND_TARGET ? 'met' : 'unmet'}
        />
        <Money label={t('account.operatingFund')} value={summary.operatingFund} />
        <Money label={t('account.cash')} value={summary.balances.cash} />
        {summary.balances.bank !== 0 && <Money label={t('account.bank')} value={summary.balances.bank} />}
        <Money label={t('account.loans')} value={summary.balances.loans} detail={t('loansCount', { count: loans.activeLoans })} />
        <Money label={t('available')} value={summary.available} />
        {summary.balances.suspense !== 0 && <Money label={t('account.suspense')} value={summary.balances.suspense} detail={t('suspenseExplain')} />}
      </div>
      <h2 className="section-title">{t('loansHealth')}</h2>
      <div className="figures">
        <Money label={t('overdueAmount')} value={loans.overdueAmount} tone={loans.overdueAmount > 0 ? 'unmet' : 'met'} />
        <div className={loans.atRisk30 > 0 ? 'figure figure--unmet' : 'figure'}>
          <span className="figure__value">{formatPermille(permille(loans.atRisk30, loans.outstanding))}</span>
          <span className="figure__label">{t('par30')}</span>
          <span className="figure__detail">{t('par30Explain')}</span>
        </div>
      </div>
      <div className="button-stack">
        <Link href="/fund/loans" className="button">
          {t('action.loans')}
        </Link>
        <Link href="/fund/loans?late=1" className="button">
          {t('action.overdue')}
        </Link>
      </div>
      {book.lastClose && <p className="field__hint">{t('lockedThrough', { date: formatDate(book.lastClose.countedOn) })}</p>}
      <h2 className="section-title" id="month-title">
        {t('monthTitle', { month: `${month.slice(5, 7)}/${month.slice(0, 4)}` })}
      </h2>
      <div className="button-row" role="group" aria-labelledby="month-title">
        <button type="button" className="button" onClick={() => setMonth(addMonths(`${month}-01`, -1).slice(0, 7))}>
          ‹ {t('monthBefore')}
        </button>
        {month < today.slice(0, 7) && (
          <button type="button" className="button" onClick={() => setMonth(addMonths(`${month}-01`, 1).slice(0, 7))}>
            {t('monthAfter')} ›
          </button>
        )}
      </div>
      {book.month.length === 0 && <p className="empty">{t('monthNone')}</p>}
      <ul className="member-list">
        {book.month.map((entry) => {
          const reversed = book.reversed.has(entry.id);
          return (
            <li key={entry.id}>
              <Link href={`/fund/entries/${entry.id}`} className={reversed ? 'member-row entry-row--reversed' : 'member-row'}>
                <span className="member-row__name">
                  {t(`type.${entry.type}`)} {entryMoney(entry)}
                </span>
                <span className="member-row__facts">
                  {[formatDate(entry.postedOn), name(entry.memberId), entry.note ?? '', reversed ? t('reversedMark') : ''].filter(Boolean).join(' · ')}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </AppShell>
  );
}

import type { ClubProfile } from '../../domain/club';
import { formatDate } from '../../domain/dates';
import type { Entry } from '../../domain/entries';
import type { FundMovement } from '../../domain/fund-figures';
import type { FundSummary } from '../../domain/fund-figures';
import type { LoanState } from '../../domain/loan-state';
import type { Member } from '../../domain/members';
import { formatDong } from '../../domain/money';
import { formatPermille } from './fund-format';
import { permille } from '../../domain/loan-state';
import { useFundStrings } from './strings';

/** A rate in basis points as people say it: "1 %", "0,5 %". */
export function formatRate(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`;
}

/**
 * The short text a treasurer sends the member after money changed hands (Zalo, SMS): what
 * was paid or lent, what it paid, what remains, when the next is due. Plain lines, no
 * formatting: an SMS shows them as they are.
 */
export function useReceipt(input: { entry: Entry; member: Member | null; club: ClubProfile | null; card: { state: LoanState } | null } | null): string | null {
  const { t } = useFundStrings();
  if (!input) return null;
  const { entry, member, club, card } = input;
  const head = t('receipt.head', { club: club?.name ?? '' });
  const name = member?.fullName ?? '';
  const date = formatDate(entry.postedOn);
  if (entry.type === 'repayment' && card) {
    const principal = -entry.lines.filter((l) => l.account === 'loans').reduce((sum, l) => sum + l.amount, 0);
    const cash = entry.lines.filter((l) => l.account === 'cash' || l.account === 'bank').reduce((sum, l) => sum + l.amount, 0);
    const next = card.state.next;
    return [
      head,
      t('receipt.repaid', { name, amount: formatDong(cash), date }),
      t('receipt.repaidSplit', { interest: formatDong(cash - principal), principal: formatDong(principal) }),
      card.state.status === 'active' ? t('receipt.remaining', { amount: formatDong(card.state.outstanding) }) : t('receipt.allRepaid'),
      ...(next ? [t('receipt.next', { date: formatDate(next.dueOn), amount: formatDong(next.amount) })] : []),
    ].join('\n');
  }
  if (entry.type === 'disbursement' && card) {
    const loan = card.state.loan;
    const first = card.state.instalments[0];
    return [
      head,
      t('receipt.lent', { name, amount: formatDong(loan.principal), date }),
      t('receipt.terms', { months: loan.termMonths, rate: formatRate(loan.rateBasisPoints) }),
      ...(first ? [t('receipt.next', { date: formatDate(first.dueOn), amount: formatDong(first.principal + first.interest) })] : []),
    ].join('\n');
  }
  if (entry.type === 'dues' || entry.type === 'donation') {
    return [head, t('receipt.received', { name, amount: formatDong(entry.lines[0]?.amount ?? 0), date, what: t(`type.${entry.type}`) })].join('\n');
  }
  return null;
}

/** The fund's summary at a meeting's close, for the whole club: savings groups trust a fund whose members see its numbers. */
export function useFundSummaryText(club: ClubProfile | null, countedOn: string, summary: FundSummary, month: Record<'incomeFund' | 'operatingFund', FundMovement>): string {
  const { t } = useFundStrings();
  const p = summary.portfolio;
  return [
    t('summary.head', { club: club?.name ?? '', date: formatDate(countedOn) }),
    t('summary.incomeFund', { amount: formatDong(summary.incomeFund) }),
    t('summary.operatingFund', { amount: formatDong(summary.operatingFund) }),
    t('summary.cash', { cash: formatDong(summary.balances.cash), bank: formatDong(summary.balances.bank) }),
    t('summary.loans', { count: p.activeLoans, amount: formatDong(p.outstanding), overdue: formatDong(p.overdueAmount), par: formatPermille(permille(p.atRisk30, p.outstanding)) }),
    t('summary.month', {
      dues: formatDong((month.operatingFund.byType.dues ?? 0) + (month.incomeFund.byType.dues ?? 0)),
      interest: formatDong(month.incomeFund.interest + month.operatingFund.interest),
      expenses: formatDong(-(month.operatingFund.byType.expense ?? 0)),
    }),
  ].join('\n');
}

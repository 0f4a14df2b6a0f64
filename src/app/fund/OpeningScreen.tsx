import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { addMonths, formatDate, todayOn } from '../../domain/dates';
import { opening, openingSchema, paperLoanSchema, type OpeningValues, type PaperLoanValues } from '../../domain/fund-forms';
import { uuidv7 } from '../../domain/ids';
import { formatDong } from '../../domain/money';
import { compareByGivenName } from '../../domain/names';
import { deviceId } from '../../local/device';
import { fundRecords } from '../../local/fund-queries';
import { clubProfile, liveRecords } from '../../local/queries';
import { createAcross } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm, type BookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { DateField, DigitsField, MoneyField, RateField, SelectField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useFundStrings } from './strings';
import type { ClubProfile } from '../../domain/club';

const paperResolver = domainResolver(paperLoanSchema);

/** One loan of the paper book, added to the list below it. */
function PaperLoanForm({ members, club, opening: main }: { members: { value: string; label: string }[]; club: ClubProfile | null; opening: BookForm<OpeningValues> }) {
  const { t } = useFundStrings();
  const initial: PaperLoanValues = {
    memberId: '',
    remaining: Number.NaN,
    monthsLeft: club?.loanTermMonths ?? 12,
    nextDueOn: addMonths(todayOn(), 1),
    rateBasisPoints: club?.interestRateBasisPoints ?? (null as unknown as number),
    originalPrincipal: null,
  };
  const book = useBookForm<PaperLoanValues>({ draftKey: 'opening:loan', initial, resolver: paperResolver });
  const { control } = book.form;
  const add = book.onSubmit(async (loan) => {
    main.form.setValue('loans', [...main.form.getValues('loans'), loan], { shouldDirty: true });
    return { startOver: initial };
  });
  return (
    <details className="sub-form" open={main.form.getValues('loans').length === 0}>
      <summary>{t('opening.addLoan')}</summary>
      <BookFormView book={book} onSubmit={add} submitLabel={t('opening.addLoanSave')}>
        <SelectField control={control} name="memberId" label={t('field.member')} choices={members} placeholder={t('field.choose')} required />
        <MoneyField control={control} name="remaining" required label={t('opening.remaining')} />
        <DigitsField control={control} name="monthsLeft" as="number" maxLength={2} required label={t('opening.monthsLeft')} />
        <DateField control={control} name="nextDueOn" required label={t('opening.nextDueOn')} />
        <RateField control={control} name="rateBasisPoints" required label={t('field.rate')} unit={t('perMonth')} />
        <MoneyField control={control} name="originalPrincipal" label={t('opening.originalPrincipal')} />
      </BookFormView>
    </details>
  );
}

/**
 * Moving the paper book in, once: the cash and the bank as counted today, the operating
 * fund as the paper book says, and each loan still out with what remains. The income fund
 * is what makes the book balance (cash + bank + loans − operating fund), shown, not typed.
 */
export function OpeningScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [, navigate] = useLocation();
  const mayWrite = useMayWrite('entries');
  const data = useLiveQuery(async () => {
    const [club, members, records] = await Promise.all([clubProfile(db), liveRecords(db, 'members'), fundRecords(db)]);
    const sorted = members.filter((m) => !m.notMember).sort((a, b) => compareByGivenName(a.fullName, b.fullName));
    return { club, members: sorted.map((m) => ({ value: m.id, label: m.fullName })), hasOpening: records.entries.some((e) => e.type === 'opening') };
  }, [db]);
  const initial: OpeningValues = { openedOn: todayOn(), loans: [], cash: Number.NaN, bank: 0, operatingFund: 0 };
  const book = useBookForm<OpeningValues>({
    draftKey: 'opening',
    initial,
    resolver: domainResolver(openingSchema, () => (data?.hasOpening ? [{ field: 'openedOn', messageKey: 'validation.openingOnce' }] : [])),
  });
  const { control } = book.form;
  const [loans, cash, bank, operating] = book.form.watch(['loans', 'cash', 'bank', 'operatingFund']);
  const save = book.onSubmit(async (values) => {
    const paper = values.loans.map((l) => ({ ...l, loanId: uuidv7() }));
    const made = opening(values, paper, data?.club ?? null);
    const phoneId = await deviceId(db);
    await createAcross(db, [...made.loans.map(({ id, ...fields }) => ({ collection: 'loans' as const, id, fields })), { collection: 'entries', fields: { ...made.entry, phoneId } }]);
    flash(t('opening.saved'));
    navigate('/fund', { replace: true });
  });
  if (!data) return <AppShell title={t('opening.title')} back="/fund">{null}</AppShell>;
  if (!mayWrite || data.hasOpening) {
    return (
      <AppShell title={t('opening.title')} back="/fund">
        <p className="notice">{t(mayWrite ? 'validation.openingOnce' : 'readOnly')}</p>
      </AppShell>
    );
  }
  const name = (id: string) => data.members.find((m) => m.value === id)?.label ?? t('unknownMember');
  const out = loans.reduce((sum, l) => sum + l.remaining, 0);
  const n = (x: number) => (Number.isSafeInteger(x) ? x : 0);
  const income = n(cash) + n(bank) + out - n(operating);
  return (
    <AppShell title={t('opening.title')} back="/fund">
      <p className="field__hint">{t('opening.explain')}</p>
      <PaperLoanForm members={data.members} club={data.club} opening={book} />
      <h2 className="section-title">{t('opening.loans', { count: loans.length, amount: formatDong(out) })}</h2>
      <ul className="member-list">
        {loans.map((l, i) => (
          <li key={`${l.memberId}-${i}`} className="member-row">
            <span className="member-row__name">{name(l.memberId)}</span>
            <span className="member-row__facts">{t('opening.loanLine', { amount: formatDong(l.remaining), count: l.monthsLeft, date: formatDate(l.nextDueOn) })}</span>
            <button type="button" className="button" onClick={() => book.form.setValue('loans', loans.filter((_, j) => j !== i), { shouldDirty: true })}>
              {t('opening.removeLoan')}
            </button>
          </li>
        ))}
      </ul>
      <BookFormView book={book} onSubmit={save} submitLabel={t('opening.save')}>
        <MoneyField control={control} name="cash" required label={t('opening.cash')} />
        <MoneyField control={control} name="bank" label={t('opening.bank')} />
        <MoneyField control={control} name="operatingFund" label={t('opening.operatingFund')} hint={t('opening.operatingHint')} />
        <p className="figure figure--wide" aria-live="polite">
          <span className="figure__value figure__value--money">{formatDong(income)}</span>
          <span className="figure__label">{t('opening.incomeFund')}</span>
        </p>
        <DateField control={control} name="openedOn" required label={t('opening.openedOn')} />
      </BookFormView>
    </AppShell>
  );
}

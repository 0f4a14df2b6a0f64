import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { DEFAULT_MAX_LOAN } from '../../domain/club';
import { addMonths, formatDate, todayOn } from '../../domain/dates';
import { disbursement, disbursementProblems, disbursementSchema, loanTermsFromClub, type DisbursementValues } from '../../domain/fund-forms';
import { uuidv7 } from '../../domain/ids';
import { scheduleOf, scheduleTotals } from '../../domain/loans';
import { formatDong } from '../../domain/money';
import { deviceId } from '../../local/device';
import { recordById } from '../../local/queries';
import { createAcross } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { DateField, DigitsField, MoneyField, RateField } from '../ui/fields';
import { fundContext } from './fund-data';
import { formatRate } from './receipts';
import { PlaceField } from './fund-fields';
import { useFundStrings } from './strings';
import type { LoanApplication } from '../../domain/loan-applications';
import type { ClubProfile } from '../../domain/club';

function SchedulePreview({ values, club }: { values: DisbursementValues; club: ClubProfile | null }) {
  const { t } = useFundStrings();
  const valid = disbursementSchema.safeParse(values).success;
  if (!valid) return null;
  const schedule = scheduleOf({ ...loanTermsFromClub(club), principal: values.principal, termMonths: values.termMonths, rateBasisPoints: values.rateBasisPoints, firstDueOn: addMonths(values.disbursedOn, 1) });
  const totals = scheduleTotals(schedule);
  const first = schedule[0]!;
  const last = schedule[schedule.length - 1]!;
  return (
    <section className="notice" aria-live="polite" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('disburse.scheduleTitle')}</h2>
      <p>{t('disburse.first', { date: formatDate(first.dueOn), amount: formatDong(first.principal + first.interest), principal: formatDong(first.principal), interest: formatDong(first.interest) })}</p>
      {schedule.length > 1 && <p>{t('disburse.last', { date: formatDate(last.dueOn), amount: formatDong(last.principal + last.interest) })}</p>}
      <p>{t('disburse.totals', { principal: formatDong(totals.principal), interest: formatDong(totals.interest) })}</p>
      <p className="field__hint">{t(`method.${club?.loanMethod ?? 'flat'}`)} · {t(`pattern.${club?.loanPattern ?? 'equal'}`)}</p>
    </section>
  );
}

function DisburseForm({ application, context, name }: { application: LoanApplication; context: Awaited<ReturnType<typeof fundContext>>; name: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const { club, summary } = context;
  const maxLoan = club?.maxLoan ?? DEFAULT_MAX_LOAN;
  const resolver = domainResolver(disbursementSchema, (v: DisbursementValues) => disbursementProblems(v, maxLoan, summary.available, context.lockedThrough));
  const initial: DisbursementValues = {
    principal: Math.min(application.amount, maxLoan),
    disbursedOn: todayOn(),
    termMonths: application.termMonths,
    rateBasisPoints: club?.interestRateBasisPoints ?? (null as unknown as number),
    account: 'cash',
  };
  const book = useBookForm<DisbursementValues>({ draftKey: `disburse:${application.id}`, initial, resolver });
  const { control } = book.form;
  const values = book.form.watch();
  const save = book.onSubmit(async (v) => {
    const loanId = uuidv7();
    const made = disbursement(v, application, club, loanId);
    const entryId = uuidv7();
    await createAcross(db, [
      { collection: 'loans', id: loanId, fields: made.loan },
      { collection: 'entries', id: entryId, fields: { ...made.entry, phoneId: await deviceId(db) } },
    ]);
    navigate(`/fund/entries/${entryId}?receipt=1`, { replace: true });
  });
  return (
    <>
      <p className="field__hint">{t('disburse.available', { amount: formatDong(summary.available), max: formatDong(maxLoan) })}</p>
      <BookFormView book={book} onSubmit={save} submitLabel={t('disburse.save', { name })}>
        <MoneyField control={control} name="principal" required label={t('field.amount')} />
        <DigitsField control={control} name="termMonths" as="number" maxLength={2} required label={t('field.termMonths')} />
        <RateField control={control} name="rateBasisPoints" required label={t('field.rate')} unit={t('perMonth')} hint={club?.interestRateBasisPoints != null ? t('disburse.clubRate', { rate: formatRate(club.interestRateBasisPoints) }) : t('disburse.noClubRate')} />
        <SchedulePreview values={values} club={club} />
        <DateField control={control} name="disbursedOn" required label={t('field.disbursedOn')} />
        <PlaceField control={control} name="account" label={t('field.paidFrom')} />
      </BookFormView>
    </>
  );
}

/**
 * Paying out a voted loan: within the club's largest loan and the money available (refused
 * here, offline, beside the amount), with the club's rules copied onto it and its schedule
 * shown before saving. The loan and its entry are stored together.
 */
export function DisburseScreen({ id }: { id: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('loans');
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const application = await recordById(db, 'loanApplications', id);
    const [member, context] = await Promise.all([application ? recordById(db, 'members', application.memberId) : undefined, fundContext(db, today)]);
    return { application: application ?? null, name: member?.fullName ?? t('unknownMember'), context, lent: context.records.loans.some((l) => l.applicationId === id) };
  }, [db, id, today]);
  if (!data) return <AppShell title={t('disburse.title')} back="/fund/applications">{null}</AppShell>;
  const { application } = data;
  const problem = !application ? 'notFound' : !mayWrite ? 'readOnly' : application.decision !== 'approved' ? 'disburse.notApproved' : data.lent ? 'disburse.already' : null;
  return (
    <AppShell title={data.name} back="/fund/applications">
      {problem || !application ? <p className="notice">{t(problem ?? 'notFound')}</p> : <DisburseForm application={application} context={data.context} name={data.name} />}
    </AppShell>
  );
}

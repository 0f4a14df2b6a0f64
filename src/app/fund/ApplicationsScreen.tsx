import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { DEFAULT_LOAN_TERM_MONTHS, DEFAULT_MAX_LOAN } from '../../domain/club';
import { formatDate, todayOn } from '../../domain/dates';
import { loanApplications, newApplicationFields, type LoanApplication, type LoanApplicationFields } from '../../domain/loan-applications';
import { formatDong } from '../../domain/money';
import { compareByGivenName } from '../../domain/names';
import { fundRecords } from '../../local/fund-queries';
import { clubProfile, liveRecords } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { DateField, DigitsField, MoneyField, SelectField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useFundStrings } from './strings';

/**
 * The loan applications: waiting for the meeting's vote, voted and waiting for the money,
 * and decided. The plan's "members in need who got a loan" counts them, deferred included.
 */
export function ApplicationsScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('loanApplications');
  const data = useLiveQuery(async () => {
    const [members, records] = await Promise.all([liveRecords(db, 'members'), fundRecords(db)]);
    const byId = new Map(members.map((m) => [m.id, m.fullName]));
    const lent = new Set(records.loans.map((l) => l.applicationId));
    const name = (a: LoanApplication) => byId.get(a.memberId) ?? t('unknownMember');
    const sorted = [...records.applications].sort((a, b) => b.appliedOn.localeCompare(a.appliedOn) || compareByGivenName(name(a), name(b)));
    return {
      waiting: sorted.filter((a) => a.decision === 'pending'),
      toPay: sorted.filter((a) => a.decision === 'approved' && !lent.has(a.id)),
      decided: sorted.filter((a) => a.decision !== 'pending' && !(a.decision === 'approved' && !lent.has(a.id))).slice(0, 30),
      name,
    };
  }, [db]);
  const row = (a: LoanApplication, href: string) => (
    <li key={a.id}>
      <Link href={href} className="member-row">
        <span className="member-row__name">{data!.name(a)}</span>
        <span className="member-row__facts">{[formatDong(a.amount), t('months', { count: a.termMonths }), formatDate(a.appliedOn), t(`decision.${a.decision}`)].join(' · ')}</span>
      </Link>
    </li>
  );
  return (
    <AppShell title={t('applications.title')} back="/fund">
      {mayWrite && (
        <Link href="/fund/applications/new" className="button button--primary">
          + {t('applications.new')}
        </Link>
      )}
      {data && (
        <>
          <h2 className="section-title">{t('applications.waiting')}</h2>
          {data.waiting.length === 0 && <p className="empty">{t('applications.noneWaiting')}</p>}
          <ul className="member-list">{data.waiting.map((a) => row(a, `/fund/applications/${a.id}`))}</ul>
          {data.toPay.length > 0 && (
            <>
              <h2 className="section-title">{t('applications.toPay')}</h2>
              <ul className="member-list">{data.toPay.map((a) => row(a, `/fund/applications/${a.id}/disburse`))}</ul>
            </>
          )}
          {data.decided.length > 0 && (
            <>
              <h2 className="section-title">{t('applications.decided')}</h2>
              <ul className="member-list">{data.decided.map((a) => row(a, `/fund/applications/${a.id}`))}</ul>
            </>
          )}
        </>
      )}
    </AppShell>
  );
}

/** A member asks for a loan: who, how much, for how long, for what. The meeting votes on it next. */
export function NewApplicationScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [, navigate] = useLocation();
  const data = useLiveQuery(async () => {
    const [club, members] = await Promise.all([clubProfile(db), liveRecords(db, 'members')]);
    return { club, members: members.filter((m) => !m.leftOn && !m.notMember).sort((a, b) => compareByGivenName(a.fullName, b.fullName)) };
  }, [db]);
  if (!data) return <AppShell title={t('applications.new')} back="/fund/applications">{null}</AppShell>;
  const maxLoan = data.club?.maxLoan ?? DEFAULT_MAX_LOAN;
  return (
    <AppShell title={t('applications.new')} back="/fund/applications">
      <ApplicationForm
        initial={newApplicationFields('', todayOn(), Math.min(maxLoan, DEFAULT_MAX_LOAN), data.club?.loanTermMonths ?? DEFAULT_LOAN_TERM_MONTHS)}
        maxLoan={maxLoan}
        members={data.members.map((m) => ({ value: m.id, label: m.fullName }))}
        onSaved={(name) => {
          flash(t('applications.saved', { name }));
          navigate('/fund/applications', { replace: true });
        }}
        save={(fields) => createRecord(db, 'loanApplications', fields).then(() => {})}
      />
    </AppShell>
  );
}

function ApplicationForm(props: {
  initial: LoanApplicationFields;
  maxLoan: number;
  members: { value: string; label: string }[];
  save: (fields: LoanApplicationFields) => Promise<void>;
  onSaved: (name: string) => void;
}) {
  const { t } = useFundStrings();
  const resolver = domainResolver(loanApplications.fieldsSchema, (v) =>
    Number.isSafeInteger(v.amount) && v.amount > props.maxLoan ? [{ field: 'amount', messageKey: 'validation.aboveMaxLoan' }] : [],
  );
  const book = useBookForm<LoanApplicationFields>({ draftKey: 'loanApplication:new', initial: props.initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(async (fields) => {
    await props.save(fields);
    props.onSaved(props.members.find((m) => m.value === fields.memberId)?.label ?? '');
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('applications.save')}>
      <SelectField control={control} name="memberId" label={t('field.member')} choices={props.members} placeholder={t('field.choose')} required />
      <MoneyField control={control} name="amount" required label={t('field.amount')} hint={t('applications.maxLoan', { amount: formatDong(props.maxLoan) })} />
      <DigitsField control={control} name="termMonths" as="number" maxLength={2} required label={t('field.termMonths')} />
      <TextField control={control} name="purpose" optional maxLength={200} label={t('field.purpose')} hint={t('applications.purposeHint')} />
      <DateField control={control} name="appliedOn" required label={t('field.appliedOn')} />
    </BookFormView>
  );
}

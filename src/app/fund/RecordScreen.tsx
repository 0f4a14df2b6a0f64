import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { todayOn } from '../../domain/dates';
import { closedPeriodProblem, simpleEntry, simpleEntrySchema, SIMPLE_KINDS, type SimpleEntryValues, type SimpleKind } from '../../domain/fund-forms';
import { compareByGivenName } from '../../domain/names';
import { deviceId } from '../../local/device';
import { liveRecords } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { ChoiceField, DateField, MoneyField, SelectField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { fundContext } from './fund-data';
import { PlaceField } from './fund-fields';
import { useFundStrings } from './strings';

/** "Record money": the kinds of entry besides a loan's, each a short form. */
export function RecordMenuScreen() {
  const { t } = useFundStrings();
  return (
    <AppShell title={t('record.title')} back="/fund">
      <div className="button-stack">
        {SIMPLE_KINDS.map((kind) => (
          <Link key={kind} href={`/fund/record/${kind}`} className="button">
            {t(`record.kind.${kind}`)}
          </Link>
        ))}
      </div>
    </AppShell>
  );
}

type Context = NonNullable<Awaited<ReturnType<typeof fundContext>>>;

function RecordForm({ kind, context, members, writtenOff }: { kind: SimpleKind; context: Context; members: { value: string; label: string }[]; writtenOff: { value: string; label: string }[] }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [, navigate] = useLocation();
  const { balances } = context.summary;
  const resolver = domainResolver(simpleEntrySchema, (v: SimpleEntryValues) => {
    const problems = closedPeriodProblem('postedOn', v.postedOn, context.lockedThrough);
    if (kind === 'expense' && !v.note) problems.push({ field: 'note', messageKey: 'validation.expenseNote' });
    if (kind === 'recovery' && !v.loanId) problems.push({ field: 'loanId', messageKey: 'validation.entryLoan' });
    // Money that is not in the box cannot be paid out of it: count the cash, or fix the book first.
    const from = kind === 'transfer' ? (v.account === 'cash' ? 'bank' : 'cash') : v.account;
    if ((kind === 'expense' || kind === 'transfer') && Number.isSafeInteger(v.amount) && v.amount > balances[from]) {
      problems.push({ field: 'amount', messageKey: 'validation.aboveBalance' });
    }
    return problems;
  });
  const initial: SimpleEntryValues = {
    kind,
    amount: Number.NaN,
    postedOn: todayOn(),
    account: kind === 'transfer' ? 'bank' : 'cash',
    fund: kind === 'dues' ? (context.club?.duesTo ?? 'operatingFund') : 'incomeFund',
    memberId: null,
    loanId: null,
    note: null,
  };
  const book = useBookForm<SimpleEntryValues>({ draftKey: `entry:${kind}`, initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(async (values) => {
    await createRecord(db, 'entries', { ...simpleEntry(values), phoneId: await deviceId(db) });
    flash(t('record.saved'));
    navigate('/fund', { replace: true });
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('record.save')}>
      <MoneyField control={control} name="amount" required label={t('field.amount')} />
      {(kind === 'donation' || kind === 'dues') && (
        <ChoiceField
          control={control}
          name="fund"
          label={t('field.fund')}
          choices={[
            { value: 'incomeFund', label: t('account.incomeFund') },
            { value: 'operatingFund', label: t('account.operatingFund') },
          ]}
        />
      )}
      {kind === 'recovery' && <SelectField control={control} name="loanId" label={t('field.writtenOffLoan')} choices={writtenOff} placeholder={t('field.choose')} />}
      {(kind === 'dues' || kind === 'donation') && <SelectField control={control} name="memberId" label={t('field.member')} choices={members} placeholder={t('field.nobody')} />}
      <TextField control={control} name="note" optional={kind !== 'expense'} required={kind === 'expense'} maxLength={300} label={t(kind === 'expense' ? 'field.expenseFor' : 'field.note')} />
      <PlaceField control={control} name="account" label={t(kind === 'transfer' ? 'field.transferTo' : kind === 'expense' ? 'field.paidFrom' : 'field.paidInto')} />
      <DateField control={control} name="postedOn" required label={t('field.postedOn')} />
    </BookFormView>
  );
}

/** One kind of entry: the amount first (the number keypad), then what it needs, then Save. */
export function RecordScreen({ kind }: { kind: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('entries');
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [context, members] = await Promise.all([fundContext(db, today), liveRecords(db, 'members')]);
    const byId = new Map(members.map((m) => [m.id, m]));
    const writtenOff = context.summary.states.filter((s) => s.status === 'writtenOff').map((s) => ({ value: s.loan.id, label: byId.get(s.loan.memberId)?.fullName ?? t('unknownMember') }));
    const choices = members.sort((a, b) => compareByGivenName(a.fullName, b.fullName)).map((m) => ({ value: m.id, label: m.fullName }));
    return { context, members: choices, writtenOff };
  }, [db, today]);
  const known = (SIMPLE_KINDS as readonly string[]).includes(kind);
  const title = known ? t(`record.kind.${kind}`) : t('record.title');
  if (!data) return <AppShell title={title} back="/fund/record">{null}</AppShell>;
  if (!known || !mayWrite) {
    return (
      <AppShell title={title} back="/fund">
        <p className="notice">{t(known ? 'readOnly' : 'notFound')}</p>
      </AppShell>
    );
  }
  return (
    <AppShell title={title} back="/fund/record">
      <RecordForm kind={kind as SimpleKind} context={data.context} members={data.members} writtenOff={data.writtenOff} />
    </AppShell>
  );
}

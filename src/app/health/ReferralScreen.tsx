import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation, useSearch } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { referrals, type ReferralFields } from '../../domain/referrals';
import { recordById } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { DateField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useHealthStrings } from './strings';

const resolver = domainResolver(referrals.fieldsSchema);

function ReferralForm({ initial, name }: { initial: ReferralFields; name: string }) {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const book = useBookForm<ReferralFields>({ draftKey: `referral:${initial.personId}`, initial, resolver });
  const save = book.onSubmit(async (fields) => {
    await createRecord(db, 'referrals', fields);
    flash(t('referralSaved', { name, date: formatDate(fields.referredOn) }));
    navigate(`/health/people/${initial.personId}`, { replace: true });
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('common.save')}>
      <p className="field__hint">{t('referralExplain')}</p>
      <DateField control={book.form.control} name="referredOn" required label={t('field.referredOn')} />
      <TextField control={book.form.control} name="referredTo" optional maxLength={120} label={t('field.referredTo')} />
      <TextField control={book.form.control} name="note" optional multiline maxLength={500} label={t('field.note')} />
    </BookFormView>
  );
}

/** "We took them to the health station": takes an urgent reading off the urgent list. */
export function NewReferralScreen() {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('referrals');
  const personId = new URLSearchParams(useSearch()).get('person') ?? '';
  const person = useLiveQuery(() => recordById(db, 'members', personId).then((m) => m ?? null), [db, personId]);
  const back = `/health/people/${personId}`;
  if (person === undefined) return <AppShell title={t('recordReferral')} back={back}>{null}</AppShell>;
  return (
    <AppShell title={t('recordReferral')} back={back}>
      {!person ? (
        <p className="empty">{t('personNotFound')}</p>
      ) : !mayWrite ? (
        <p className="notice">{t('readOnly')}</p>
      ) : (
        <ReferralForm initial={{ personId: person.id, referredOn: todayOn(), referredTo: t('stationDefault'), note: null }} name={person.fullName} />
      )}
    </AppShell>
  );
}

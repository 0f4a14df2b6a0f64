import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { caredFor } from '../../domain/care-figures';
import { CARE_HELP, planInForce } from '../../domain/care-plans';
import { todayOn } from '../../domain/dates';
import { hasRole } from '../../domain/members';
import { compareByGivenName } from '../../domain/names';
import { newVisitFields, visits, type VisitFields } from '../../domain/visits';
import { careRecords, plansOfPerson } from '../../local/care-queries';
import { liveRecords, recordById } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useDeviceRole, useMayWrite, useOwnMemberId } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { CheckField, ChoiceField, DateField, ManyChoicesField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useCareStrings } from './strings';

const resolver = domainResolver(visits.fieldsSchema);

function VisitForm(props: { initial: VisitFields; name: string; volunteers: { value: string; label: string }[] | null; done: string }) {
  const { t } = useCareStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const book = useBookForm<VisitFields>({ draftKey: `visit:${props.initial.personId}`, initial: props.initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(async (fields) => {
    await createRecord(db, 'visits', fields);
    flash(t('visitSaved', { name: props.name }));
    // Measured at the door: the numbers go straight into the health book, then back.
    const measured = fields.help.some((h) => h === 'bloodPressure' || h === 'pulse' || h === 'temperature');
    const reading = `/health/readings/new?person=${fields.personId}&place=homeVisit&then=${encodeURIComponent(props.done)}`;
    navigate(measured ? reading : props.done, { replace: true });
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('saveVisit')}>
      {/* What was done first: the usual visit is already ticked, and one tap saves it. */}
      <ManyChoicesField control={control} name="help" label={t('field.help')} hint={t('hint.help')} choices={CARE_HELP.map((help) => ({ value: help, label: t(`help.${help}`) }))} />
      <CheckField control={control} name="needsAttention" label={t('field.needsAttention')} />
      <TextField control={control} name="note" optional multiline maxLength={500} label={t('field.note')} />
      <DateField control={control} name="visitedOn" required label={t('field.visitedOn')} />
      {props.volunteers && <ChoiceField control={control} name="volunteerId" label={t('field.volunteer')} choices={props.volunteers} />}
    </BookFormView>
  );
}

/**
 * Logging a visit: the person's name on top, the help of their last visit already ticked,
 * Save. A volunteer's phone logs it as theirs; the board's phone asks which volunteer went.
 */
export function VisitScreen({ personId }: { personId: string }) {
  const { t } = useCareStrings();
  const db = useDatabase();
  const role = useDeviceRole();
  const ownMemberId = useOwnMemberId();
  const mayWrite = useMayWrite('visits');
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [person, plans, care, members] = await Promise.all([recordById(db, 'members', personId), plansOfPerson(db, personId), careRecords(db), liveRecords(db, 'members')]);
    const plan = plans.find((p) => planInForce(p, today)) ?? plans[0] ?? null;
    const usual = plan ? (caredFor([plan], care.visits, today)[0]?.usualHelp ?? plan.usualHelp) : [];
    const volunteers = members
      .filter((m) => plan?.volunteerIds.includes(m.id) || hasRole(m, 'volunteer'))
      .sort((a, b) => Number(plan?.volunteerIds.includes(b.id)) - Number(plan?.volunteerIds.includes(a.id)) || compareByGivenName(a.fullName, b.fullName));
    return { person: person ?? null, plan, usual, volunteers };
  }, [db, personId, today]);
  const back = role === 'volunteer' ? '/' : `/care/people/${personId}`;
  if (!data || role === undefined || ownMemberId === undefined) return <AppShell title={t('visitTitle')} back={back}>{null}</AppShell>;
  if (!data.person) {
    return (
      <AppShell title={t('visitTitle')} back={back}>
        <p className="empty">{t('personNotFound')}</p>
      </AppShell>
    );
  }
  if (!mayWrite) {
    return (
      <AppShell title={data.person.fullName} back={back}>
        <p className="notice">{t('readOnly')}</p>
      </AppShell>
    );
  }
  // A volunteer's own phone: the visit is theirs. Any other phone: the plan's first volunteer, to change if another went.
  const mine = role === 'volunteer' && ownMemberId !== null;
  const volunteerId = mine ? ownMemberId : (data.plan?.volunteerIds[0] ?? data.volunteers[0]?.id ?? '');
  const choices = mine ? null : data.volunteers.map((m) => ({ value: m.id, label: m.fullName }));
  return (
    <AppShell title={data.person.fullName} back={back}>
      <VisitForm initial={newVisitFields(personId, volunteerId, today, data.usual)} name={data.person.fullName} volunteers={choices} done={back} />
    </AppShell>
  );
}

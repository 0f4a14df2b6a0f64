import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation, useSearch } from 'wouter';
import { CARE_HELP, carePlans, newCarePlanFields, type CarePlanFields } from '../../domain/care-plans';
import { todayOn } from '../../domain/dates';
import { hasRole, isActive, type Member } from '../../domain/members';
import { fieldsOf } from '../../domain/record';
import { membersInBookOrder, recordById } from '../../local/queries';
import { createRecord, updateRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { DateField, DigitsField, ManyChoicesField, SelectField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useCareStrings } from './strings';

const resolver = domainResolver(carePlans.fieldsSchema);

function PlanForm({ initial, planId, members }: { initial: CarePlanFields; planId?: string; members: Member[] }) {
  const { t } = useCareStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const book = useBookForm<CarePlanFields>({ draftKey: planId ? `carePlan:${planId}` : 'carePlan:new', initial, resolver });
  const { control } = book.form;
  const today = todayOn();
  const inRegister = members.filter((m) => isActive(m, today));
  // The volunteers: members who hold the role, and anyone the plan already names.
  const volunteers = inRegister.filter((m) => hasRole(m, 'volunteer') || initial.volunteerIds.includes(m.id));
  const save = book.onSubmit(async (fields, edited) => {
    const saved = planId ? await updateRecord(db, 'carePlans', planId, edited) : await createRecord(db, 'carePlans', fields);
    flash(t('planSaved'));
    navigate(`/care/people/${saved.personId}`, { replace: true });
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('common.save')}>
      <SelectField
        control={control}
        name="personId"
        required
        label={t('field.person')}
        hint={t('hint.person')}
        placeholder={t('choosePerson')}
        choices={inRegister.map((m) => ({ value: m.id, label: m.notMember ? `${m.fullName} (${t('notMemberShort')})` : m.fullName }))}
      />
      <ManyChoicesField control={control} name="volunteerIds" required label={t('field.volunteers')} hint={volunteers.length === 0 ? t('hint.noVolunteers') : undefined} choices={volunteers.map((m) => ({ value: m.id, label: m.fullName }))} />
      <DigitsField control={control} name="visitsPerWeek" as="number" maxLength={2} required label={t('field.visitsPerWeek')} />
      <ManyChoicesField control={control} name="usualHelp" label={t('field.usualHelp')} choices={CARE_HELP.map((help) => ({ value: help, label: t(`help.${help}`) }))} />
      <DateField control={control} name="startedOn" required label={t('field.startedOn')} />
      <DateField control={control} name="endedOn" optional label={t('field.endedOn')} hint={t('hint.endedOn')} />
      <TextField control={control} name="notes" optional multiline maxLength={1000} label={t('field.planNotes')} />
    </BookFormView>
  );
}

export function NewCarePlanScreen() {
  const { t } = useCareStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('carePlans');
  const person = new URLSearchParams(useSearch()).get('person');
  const members = useLiveQuery(() => membersInBookOrder(db), [db]);
  return (
    <AppShell title={t('addPlan')} back={person ? `/care/people/${person}` : '/care'}>
      {!mayWrite ? <p className="notice">{t('readOnly')}</p> : members && <PlanForm members={members} initial={newCarePlanFields(person ?? '', todayOn())} />}
    </AppShell>
  );
}

export function EditCarePlanScreen({ id }: { id: string }) {
  const { t } = useCareStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('carePlans');
  const data = useLiveQuery(async () => ({ plan: (await recordById(db, 'carePlans', id)) ?? null, members: await membersInBookOrder(db) }), [db, id]);
  return (
    <AppShell title={t('editPlan')} back={data?.plan ? `/care/people/${data.plan.personId}` : '/care'}>
      {!mayWrite ? (
        <p className="notice">{t('readOnly')}</p>
      ) : !data ? null : !data.plan ? (
        <p className="empty">{t('personNotFound')}</p>
      ) : (
        <PlanForm key={data.plan.id} planId={data.plan.id} members={data.members} initial={fieldsOf(data.plan)} />
      )}
    </AppShell>
  );
}

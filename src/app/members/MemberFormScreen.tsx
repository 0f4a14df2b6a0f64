import { useLiveQuery } from 'dexie-react-hooks';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { MEMBER_ROLES, members, newMemberFields, type MemberFields } from '../../domain/members';
import { fieldsOf } from '../../domain/record';
import type { ValidationProblem } from '../../domain/validation';
import { clubProfile, recordById } from '../../local/queries';
import { createRecord, updateRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, SubmitButton, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { CheckField, ChoiceField, DateField, DateOrUnknownField, DigitsField, ManyChoicesField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useScreenStrings } from '../i18n/screen-strings';

/**
 * A birth year after this year is a slip, but only the phone's calendar can tell: it is
 * checked while typing, not by the domain (a phone whose clock is wrong must still sync).
 */
function birthYearNotAhead(values: MemberFields): ValidationProblem[] {
  return Number.isInteger(values.birthYear) && values.birthYear > new Date().getFullYear()
    ? [{ field: 'birthYear', messageKey: 'validation.birthYearFuture' }]
    : [];
}

const resolver = domainResolver(members.fieldsSchema, birthYearNotAhead);

/**
 * The next blank form after "save and add another": a club's members are typed in one
 * sitting, most from the same village and cluster, joined at the same time.
 */
function nextMemberFields(saved: MemberFields): MemberFields {
  return { ...newMemberFields(), village: saved.village, group: saved.group, joinedOn: saved.joinedOn };
}

function MemberForm({ initial, memberId }: { initial: MemberFields; memberId?: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const book = useBookForm<MemberFields>({ draftKey: memberId ? `member:${memberId}` : 'member:new', initial, resolver });
  const { control } = book.form;
  const poverty = useWatch({ control, name: 'poverty' });

  const save = book.onSubmit(async (fields, edited, submitter) => {
    const saved = memberId ? await updateRecord(db, 'members', memberId, edited) : await createRecord(db, 'members', fields);
    flash(t('members.saved', { name: saved.fullName }));
    if (!memberId && submitter?.dataset.action === 'add-another') return { startOver: nextMemberFields(fields) };
    navigate(memberId ? `/members/${memberId}` : '/members', { replace: true });
  });

  const roleChoices = MEMBER_ROLES.map((role) => ({ value: role, label: t(`members.role.${role}`) }));
  return (
    <BookFormView
      book={book}
      onSubmit={save}
      submitLabel={t('common.save')}
      extraActions={
        !memberId && (
          <SubmitButton busy={book.busy} action="add-another" label={t('members.saveAndAddAnother')} />
        )
      }
    >
      <TextField control={control} name="fullName" required label={t('members.field.fullName')} hint={t('members.hint.fullName')} maxLength={100} autoFocus={!memberId} />
      <ChoiceField
        control={control}
        name="gender"
        label={t('members.field.gender')}
        choices={[
          { value: 'female', label: t('members.gender.female') },
          { value: 'male', label: t('members.gender.male') },
        ]}
      />
      <DigitsField control={control} name="birthYear" as="number" required maxLength={4} label={t('members.field.birthYear')} hint={t('members.hint.birthYear')} />
      <DigitsField control={control} name="phone" as="text" tel optional maxLength={10} label={t('members.field.phone')} />
      <TextField control={control} name="group" optional maxLength={60} label={t('members.field.group')} hint={t('members.hint.group')} />
      <TextField control={control} name="village" optional maxLength={100} label={t('members.field.village')} />
      <ChoiceField
        control={control}
        name="poverty"
        label={t('members.field.poverty')}
        choices={[
          { value: 'none', label: t('members.poverty.none') },
          { value: 'nearPoor', label: t('members.poverty.nearPoor') },
          { value: 'poor', label: t('members.poverty.poor') },
        ]}
      />
      {poverty !== 'none' && (
        <DigitsField
          control={control}
          name="povertyYear"
          as="number"
          optional
          maxLength={4}
          label={t('members.field.povertyYear')}
          hint={t('members.hint.povertyYear')}
          unknownLabel={t('members.povertyYearUnknown')}
        />
      )}
      <div className="field">
        <span className="field__label">{t('members.field.situation')}</span>
        <CheckField control={control} name="livesAlone" label={t('members.field.livesAlone')} />
        <CheckField control={control} name="disability" label={t('members.field.disability')} />
        <CheckField control={control} name="ethnicMinority" label={t('members.field.ethnicMinority')} />
        <CheckField control={control} name="notMember" label={t('members.field.notMember')} />
      </div>
      <ManyChoicesField control={control} name="roles" label={t('members.field.roles')} choices={roleChoices} />
      <DateOrUnknownField
        control={control}
        name="joinedOn"
        required
        label={t('members.field.joinedOn')}
        unknownLabel={t('members.joinedBefore')}
      />
      <details className="more">
        <summary>{t('members.moreDetails')}</summary>
        <DateField control={control} name="birthDate" optional label={t('members.field.birthDate')} />
        <DigitsField control={control} name="citizenId" as="text" optional maxLength={12} label={t('members.field.citizenId')} />
        <TextField control={control} name="villageCode" optional maxLength={20} label={t('members.field.villageCode')} />
        <TextField control={control} name="notes" optional multiline maxLength={1000} label={t('members.field.notes')} />
      </details>
    </BookFormView>
  );
}

/** A phone whose role may only read members (a volunteer's) gets no form to fill in. */
function ReadOnly() {
  const { t } = useTranslation();
  return (
    <AppShell title={t('members.title')} back="/members">
      <p className="notice">{t('members.readOnly')}</p>
    </AppShell>
  );
}

export function NewMemberScreen() {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const mayWrite = useMayWrite('members');
  if (club === undefined) return <AppShell title={t('members.addTitle')} back="/members">{null}</AppShell>;
  if (!mayWrite) return <ReadOnly />;
  // Most members live in the club's own village: start with it filled in.
  const initial = { ...newMemberFields(), village: club?.village ?? null };
  return (
    <AppShell title={t('members.addTitle')} back="/members">
      <MemberForm initial={initial} />
    </AppShell>
  );
}

export function EditMemberScreen({ id }: { id: string }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const member = useLiveQuery(() => recordById(db, 'members', id).then((m) => m ?? null), [db, id]);
  const mayWrite = useMayWrite('members');
  if (!mayWrite) return <ReadOnly />;
  return (
    <AppShell title={t('members.editTitle')} back={`/members/${id}`}>
      {member === undefined ? null : member === null ? (
        <p className="empty">{t('members.notFound')}</p>
      ) : (
        <MemberForm key={member.id} initial={fieldsOf(member)} memberId={member.id} />
      )}
    </AppShell>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { todayOn } from '../../domain/dates';
import { MEMBER_ROLES, members, newMemberFields, type MemberFields } from '../../domain/members';
import { domainErrorMap } from '../../domain/validation';
import { clubProfile, recordById } from '../../local/queries';
import { createRecord, updateRecord } from '../../local/write';
import { fieldsOf } from '../../domain/record';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { CheckField, ChoiceField, DateField, DigitsField, ManyChoicesField, TextField } from '../ui/fields';
import { editedFields } from '../ui/edited-fields';
import { FormFooter } from '../ui/FormFooter';
import { useUnsavedWorkGuard } from '../ui/unsaved-work';
import { showWriteError } from '../ui/write-errors';
import { useFlash } from '../ui/flash';

function MemberForm({ initial, memberId }: { initial: MemberFields; memberId?: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<MemberFields>({
    defaultValues: initial,
    resolver: zodResolver(members.fieldsSchema, { error: domainErrorMap }),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  useUnsavedWorkGuard('member', formState.isDirty && !formState.isSubmitSuccessful);
  const poverty = useWatch({ control, name: 'poverty' });
  // A problem in a field tucked under "more details" must not be hidden: open it.
  const moreDetails = useRef<HTMLDetailsElement>(null);
  const { errors } = formState;
  const hiddenProblem = Boolean(errors.birthDate || errors.citizenId || errors.villageCode || errors.notes);
  useEffect(() => {
    if (hiddenProblem && moreDetails.current) moreDetails.current.open = true;
  }, [hiddenProblem]);

  const save = handleSubmit(
    async (fields) => {
      setFormError(null);
      try {
        const saved = memberId
          ? await updateRecord(db, 'members', memberId, editedFields(fields, formState.dirtyFields))
          : await createRecord(db, 'members', fields);
        flash(t('members.saved', { name: saved.fullName }));
        navigate(memberId ? `/members/${memberId}` : '/members', { replace: true });
      } catch (error) {
        setFormError(showWriteError(error, setError));
      }
    },
    () => setFormError('form.fixErrors'),
  );

  const roleChoices = MEMBER_ROLES.map((role) => ({ value: role, label: t(`members.role.${role}`) }));
  return (
    <form className="form" onSubmit={save} noValidate>
      <TextField control={control} name="fullName" label={t('members.field.fullName')} hint={t('members.hint.fullName')} maxLength={100} autoFocus={!memberId} />
      <ChoiceField
        control={control}
        name="gender"
        label={t('members.field.gender')}
        choices={[
          { value: 'female', label: t('members.gender.female') },
          { value: 'male', label: t('members.gender.male') },
        ]}
      />
      <DigitsField control={control} name="birthYear" as="number" maxLength={4} label={t('members.field.birthYear')} hint={t('members.hint.birthYear')} />
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
        <DigitsField control={control} name="povertyYear" as="number" optional maxLength={4} label={t('members.field.povertyYear')} />
      )}
      <div className="field">
        <span className="field__label">{t('members.field.situation')}</span>
        <CheckField control={control} name="livesAlone" label={t('members.field.livesAlone')} />
        <CheckField control={control} name="disability" label={t('members.field.disability')} />
        <CheckField control={control} name="ethnicMinority" label={t('members.field.ethnicMinority')} />
      </div>
      <ManyChoicesField control={control} name="roles" label={t('members.field.roles')} choices={roleChoices} />
      <DateField control={control} name="joinedOn" label={t('members.field.joinedOn')} />
      <details className="more" ref={moreDetails}>
        <summary>{t('members.moreDetails')}</summary>
        <DateField control={control} name="birthDate" optional label={t('members.field.birthDate')} />
        <DigitsField control={control} name="citizenId" as="text" optional maxLength={12} label={t('members.field.citizenId')} />
        <TextField control={control} name="villageCode" optional maxLength={20} label={t('members.field.villageCode')} />
        <TextField control={control} name="notes" optional multiline maxLength={1000} label={t('members.field.notes')} />
      </details>
      <FormFooter error={formError} label={t('common.save')} busy={formState.isSubmitting} />
    </form>
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
  const { t } = useTranslation();
  const db = useDatabase();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const mayWrite = useMayWrite('members');
  if (club === undefined) return <AppShell title={t('members.addTitle')} back="/members">{null}</AppShell>;
  if (!mayWrite) return <ReadOnly />;
  // Most members live in the club's own village: start with it filled in.
  const initial = { ...newMemberFields(todayOn()), village: club?.village ?? null };
  return (
    <AppShell title={t('members.addTitle')} back="/members">
      <MemberForm initial={initial} />
    </AppShell>
  );
}

export function EditMemberScreen({ id }: { id: string }) {
  const { t } = useTranslation();
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

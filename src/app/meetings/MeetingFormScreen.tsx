import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { ACTIVITY_AREAS, MEETING_KINDS, MEETING_THEMES, meetings, newMeetingFields, type MeetingFields } from '../../domain/meetings';
import { fieldsOf } from '../../domain/record';
import { meetingsNewestFirst } from '../../local/meeting-queries';
import { recordById } from '../../local/queries';
import { createRecord, updateRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { ChoiceField, DateField, DigitsField, ManyChoicesField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useMeetingStrings } from './strings';

const resolver = domainResolver(meetings.fieldsSchema);

function MeetingForm({ initial, meetingId }: { initial: MeetingFields; meetingId?: string }) {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const book = useBookForm<MeetingFields>({ draftKey: meetingId ? `meeting:${meetingId}` : 'meeting:new', initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(async (fields, edited) => {
    const saved = meetingId ? await updateRecord(db, 'meetings', meetingId, edited) : await createRecord(db, 'meetings', fields);
    flash(t('saved', { date: formatDate(saved.heldOn) }));
    // A new meeting opens on its page, where the roll is called.
    navigate(`/meetings/${saved.id}`, { replace: true });
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('common.save')}>
      <DateField control={control} name="heldOn" required label={t('field.heldOn')} />
      <ChoiceField control={control} name="kind" label={t('field.kind')} choices={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
      <TextField control={control} name="place" optional maxLength={120} label={t('field.place')} hint={t('hint.place')} />
      <ManyChoicesField control={control} name="areas" label={t('field.areas')} hint={t('hint.areas')} choices={ACTIVITY_AREAS.map((area) => ({ value: area, label: t(`area.${area}`) }))} />
      <ManyChoicesField control={control} name="themes" label={t('field.themes')} choices={MEETING_THEMES.map((theme) => ({ value: theme, label: t(`theme.${theme}`) }))} />
      <TextField control={control} name="topic" optional maxLength={200} label={t('field.topic')} />
      <TextField control={control} name="minutes" optional multiline maxLength={5000} label={t('field.minutes')} />
      <TextField control={control} name="decisions" optional multiline maxLength={2000} label={t('field.decisions')} hint={t('hint.decisions')} />
      <DigitsField control={control} name="guests" as="number" maxLength={3} label={t('field.guests')} />
      <DateField control={control} name="nextPlannedOn" optional label={t('field.nextPlannedOn')} />
    </BookFormView>
  );
}

function ReadOnly({ title, back }: { title: string; back: string }) {
  const { t } = useMeetingStrings();
  return (
    <AppShell title={title} back={back}>
      <p className="notice">{t('readOnly')}</p>
    </AppShell>
  );
}

export function NewMeetingScreen() {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('meetings');
  // Most clubs meet in the same place every month: start with the last meeting's.
  const last = useLiveQuery(() => meetingsNewestFirst(db).then((all) => all[0] ?? null), [db]);
  if (!mayWrite) return <ReadOnly title={t('addTitle')} back="/meetings" />;
  return (
    <AppShell title={t('addTitle')} back="/meetings">
      {last !== undefined && <MeetingForm initial={{ ...newMeetingFields(todayOn()), place: last?.place ?? null }} />}
    </AppShell>
  );
}

export function EditMeetingScreen({ id }: { id: string }) {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const meeting = useLiveQuery(() => recordById(db, 'meetings', id).then((m) => m ?? null), [db, id]);
  const mayWrite = useMayWrite('meetings');
  if (!mayWrite) return <ReadOnly title={t('editTitle')} back={`/meetings/${id}`} />;
  return (
    <AppShell title={t('editTitle')} back={`/meetings/${id}`}>
      {meeting === undefined ? null : meeting === null ? (
        <p className="empty">{t('notFound')}</p>
      ) : (
        <MeetingForm key={meeting.id} initial={fieldsOf(meeting)} meetingId={meeting.id} />
      )}
    </AppShell>
  );
}

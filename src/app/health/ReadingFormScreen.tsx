import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation, useSearch } from 'wouter';
import { todayOn } from '../../domain/dates';
import { READING_PLACES, newReadingFields, readings, type ReadingFields, type ReadingPlace } from '../../domain/readings';
import { recordById } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { ChoiceField, DateField, TextField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { OptionalNumbers, ReadingNumbers, UnusualValuesError, useReadingSummary, useUnusualCheck } from './reading-fields';
import { useHealthStrings } from './strings';

const resolver = domainResolver(readings.fieldsSchema);

function ReadingForm({ initial, name, then }: { initial: ReadingFields; name: string; then: string }) {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const summary = useReadingSummary();
  const unusual = useUnusualCheck();
  const book = useBookForm<ReadingFields>({ draftKey: `reading:${initial.personId}`, initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(
    async (fields) => {
      const question = unusual(fields);
      if (question) throw new UnusualValuesError(question);
      await createRecord(db, 'readings', fields);
      flash(`${name}: ${summary(fields)}`);
      navigate(then, { replace: true });
    },
    (error) => (error instanceof UnusualValuesError ? error.sentence : null),
  );
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('common.save')}>
      <ReadingNumbers control={control} />
      <OptionalNumbers control={control} />
      <DateField control={control} name="takenOn" required label={t('field.takenOn')} />
      <ChoiceField control={control} name="place" label={t('field.place')} choices={READING_PLACES.map((place) => ({ value: place, label: t(`place.${place}`) }))} />
      <TextField control={control} name="note" optional multiline maxLength={500} label={t('field.note')} />
    </BookFormView>
  );
}

/** One reading for one person (from their page, a volunteer's visit, or the urgent list). */
export function NewReadingScreen() {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('readings');
  const search = new URLSearchParams(useSearch());
  const personId = search.get('person') ?? '';
  const placeParam = search.get('place');
  const place: ReadingPlace = READING_PLACES.includes(placeParam as ReadingPlace) ? (placeParam as ReadingPlace) : 'meeting';
  const person = useLiveQuery(() => recordById(db, 'members', personId).then((m) => m ?? null), [db, personId]);
  // After a visit that measured: back where the visit was logged from. Only an address of this app.
  const then = search.get('then');
  const back = then?.startsWith('/') && !then.startsWith('//') ? then : `/health/people/${personId}`;
  if (person === undefined) return <AppShell title={t('newReading')} back={back}>{null}</AppShell>;
  return (
    <AppShell title={person ? person.fullName : t('newReading')} back={back}>
      {!person ? (
        <p className="empty">{t('personNotFound')}</p>
      ) : !mayWrite ? (
        <p className="notice">{t('readOnly')}</p>
      ) : (
        <ReadingForm initial={newReadingFields(person.id, todayOn(), place)} name={person.fullName} then={back} />
      )}
    </AppShell>
  );
}

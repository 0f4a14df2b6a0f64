import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useState } from 'react';
import { todayOn } from '../../domain/dates';
import { onRoll } from '../../domain/meeting-figures';
import type { Member } from '../../domain/members';
import { foldForSearch, matchesFolded } from '../../domain/names';
import { newReadingFields, readings, type Reading, type ReadingFields } from '../../domain/readings';
import { membersInBookOrder } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { useFlash } from '../ui/flash';
import { ReadingNumbers, UnusualValuesError, useReadingSummary, useUnusualCheck } from './reading-fields';
import { useHealthStrings } from './strings';

const resolver = domainResolver(readings.fieldsSchema);

function OnePerson({ person, today, onSaved }: { person: Member; today: string; onSaved: () => void }) {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const flash = useFlash();
  const summary = useReadingSummary();
  const unusual = useUnusualCheck();
  const book = useBookForm<ReadingFields>({ draftKey: `healthDay:${person.id}`, initial: newReadingFields(person.id, today, 'healthDay'), resolver });
  const save = book.onSubmit(
    async (fields) => {
      const question = unusual(fields);
      if (question) throw new UnusualValuesError(question);
      await createRecord(db, 'readings', fields);
      flash(`${person.fullName}: ${summary(fields)}`);
      onSaved();
    },
    (error) => (error instanceof UnusualValuesError ? error.sentence : null),
  );
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('saveAndNext')}>
      <h2 className="section-title">{person.fullName}</h2>
      <ReadingNumbers control={book.form.control} />
    </BookFormView>
  );
}

/**
 * The monthly measuring at a meeting, person after person on one screen: the members in
 * book order (or found by name), one person's numbers with the keypad moving on by itself,
 * "Save, next" — 60 people without going back to a list.
 */
export function HealthDayScreen() {
  const { t } = useHealthStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('readings');
  const today = todayOn();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [chosen, setChosen] = useState<string | null>(null);
  const data = useLiveQuery(async () => {
    const [members, todays] = await Promise.all([membersInBookOrder(db), db.records<Reading>('readings').where('takenOn').equals(today).toArray()]);
    return { people: members.filter((m) => onRoll(m, today) || m.notMember), measured: new Set(todays.filter((r) => !r.deleted).map((r) => r.personId)) };
  }, [db, today]);
  const folded = useMemo(() => data?.people.map((m) => ({ member: m, folded: foldForSearch(m.fullName) })) ?? [], [data]);
  if (!data) return <AppShell title={t('healthDay')} back="/health">{null}</AppShell>;
  if (!mayWrite) {
    return (
      <AppShell title={t('healthDay')} back="/health">
        <p className="notice">{t('readOnly')}</p>
      </AppShell>
    );
  }
  const next = data.people.find((m) => !data.measured.has(m.id));
  const person = data.people.find((m) => m.id === chosen) ?? next;
  const found = deferred.trim() === '' ? [] : folded.filter((f) => matchesFolded(f.folded, deferred)).slice(0, 8);
  return (
    <AppShell title={t('healthDay')} back="/health">
      <p className="book-line" aria-live="polite">
        {t('measuredToday', { measured: data.measured.size, people: data.people.length })}
      </p>
      <label className="field__label" htmlFor="health-day-search">
        {t('findPerson')}
      </label>
      <input id="health-day-search" className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {found.length > 0 && (
        <ul className="choices choices--list">
          {found.map(({ member }) => (
            <li key={member.id}>
              <button
                type="button"
                className="choice"
                onClick={() => {
                  setChosen(member.id);
                  setQuery('');
                }}
              >
                {member.fullName}
                {data.measured.has(member.id) ? ` · ${t('alreadyMeasured')}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {person ? (
        <OnePerson key={person.id} person={person} today={today} onSaved={() => setChosen(null)} />
      ) : (
        <p className="empty">{t('everyoneMeasured')}</p>
      )}
    </AppShell>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { todayOn } from '../../domain/dates';
import { useDatabase } from '../database-context';
import { useOwnMemberId } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { volunteerDay } from './care-data';
import { useCareStrings } from './strings';

/**
 * A volunteer's phone opens here: the people they care for, the longest unvisited first,
 * each one tap from logging a visit; and above them, what the health book asks of them
 * (take someone to the health station, measure someone again).
 */
export function MyPeople({ volunteerId }: { volunteerId: string }) {
  const { t } = useCareStrings();
  const db = useDatabase();
  const today = todayOn();
  const day = useLiveQuery(() => volunteerDay(db, volunteerId, today), [db, volunteerId, today]);
  if (!day) return <div aria-busy="true" />;
  const name = (id: string) => day.byId.get(id)?.fullName ?? t('unknownPerson');
  return (
    <>
      {day.tasks.length > 0 && (
        <section className="notice notice--urgent" aria-labelledby="tasks-title">
          <h2 id="tasks-title">{t('tasksTitle')}</h2>
          <ul className="task-list">
            {day.tasks.map((task) => (
              <li key={task.personId}>
                <Link href={`/health/people/${task.personId}`} className="task">
                  {t(`task.${task.task}`, { name: name(task.personId), systolic: task.alert.reading.systolic, diastolic: task.alert.reading.diastolic })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 className="section-title">{t('myPeopleTitle')}</h2>
      {day.people.length === 0 && <p className="empty">{t('myPeopleNone')}</p>}
      <ul className="member-list">
        {day.people.map((person) => (
          <li key={person.personId}>
            <Link href={`/care/visit/${person.personId}`} className={person.due ? 'member-row member-row--due' : 'member-row'}>
              <span className="member-row__name">{name(person.personId)}</span>
              <span className="member-row__facts">
                {person.daysSince === null ? t('neverVisited') : person.daysSince === 0 ? t('visitedToday') : t('daysSince', { count: person.daysSince })}
                {person.due ? ` · ${t('due')}` : ''}
              </span>
              <span className="member-row__action">{t('logVisit')}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "My people" as a screen of its own (the care tab of a volunteer's phone). */
export function MyPeopleScreen() {
  const { t } = useCareStrings();
  const memberId = useOwnMemberId();
  return (
    <AppShell title={t('myPeopleTitle')}>
      {memberId === undefined ? null : memberId === null ? <p className="notice">{t('noMemberTied')}</p> : <MyPeople volunteerId={memberId} />}
    </AppShell>
  );
}

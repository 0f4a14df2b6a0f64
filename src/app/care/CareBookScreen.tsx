import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { compareByGivenName } from '../../domain/names';
import { useDatabase } from '../database-context';
import { useDeviceRole, useMayWrite, useOwnMemberId } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { careBook } from './care-data';
import { MyPeople } from './MyPeopleScreen';
import { useCareStrings } from './strings';

function Target({ label, value, target, met }: { label: string; value: number; target: number; met: boolean }) {
  const { t } = useCareStrings();
  return (
    <div className={met ? 'figure figure--met' : 'figure figure--unmet'}>
      <span className="figure__value">{value}</span>
      <span className="figure__label">{label}</span>
      <span className="figure__detail">{t(met ? 'targetMet' : 'targetNotMet', { target })}</span>
    </div>
  );
}

/**
 * The board's view of home care: the club against its targets, this week per volunteer
 * (visits against the target) and per person cared for (last visit; 7 and 14 days without).
 */
function BoardView() {
  const { t } = useCareStrings();
  const db = useDatabase();
  const mayPlan = useMayWrite('carePlans');
  const today = todayOn();
  const book = useLiveQuery(() => careBook(db, today), [db, today]);
  if (!book) return <div aria-busy="true" />;
  const name = (id: string) => book.byId.get(id)?.fullName ?? t('unknownPerson');
  const { totals } = book;
  const people = [...book.people].sort((a, b) => (b.daysSince ?? 999) - (a.daysSince ?? 999) || compareByGivenName(name(a.personId), name(b.personId)));
  const weeks = [...book.weeks].sort((a, b) => a.visits - b.visits || compareByGivenName(name(a.volunteerId), name(b.volunteerId)));
  return (
    <>
      <div className="figures">
        <Target label={t('totals.volunteers')} value={totals.volunteers} target={totals.targets.volunteers} met={totals.met.volunteers} />
        <Target label={t('totals.caredFor')} value={totals.caredFor} target={totals.targets.caredFor} met={totals.met.caredFor} />
        <Target label={t('totals.meetingTarget', { target: totals.targets.visitsPerWeek })} value={totals.volunteersMeetingTarget} target={totals.volunteers} met={totals.met.visitsPerWeek} />
        <div className="figure">
          <span className="figure__value">{totals.visitsThisWeek}</span>
          <span className="figure__label">{t('totals.visitsThisWeek')}</span>
        </div>
      </div>
      {book.attention.length > 0 && (
        <section className="notice notice--urgent" aria-labelledby="attention-title">
          <h2 id="attention-title">{t('attentionTitle')}</h2>
          <ul className="task-list">
            {book.attention.map((visit) => (
              <li key={visit.id}>
                <Link href={`/care/people/${visit.personId}`} className="task">
                  {t('attentionLine', { name: name(visit.personId), date: formatDate(visit.visitedOn), volunteer: name(visit.volunteerId) })}
                  {visit.note ? ` — ${visit.note}` : ''}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 className="section-title">{t('peopleTitle')}</h2>
      {people.length === 0 && <p className="empty">{t('peopleNone')}</p>}
      <ul className="member-list">
        {people.map((person) => (
          <li key={person.personId}>
            <Link href={`/care/people/${person.personId}`} className={person.notVisitedFor ? 'member-row member-row--due' : 'member-row'}>
              <span className="member-row__name">{name(person.personId)}</span>
              <span className="member-row__facts">
                {person.lastVisitOn === null ? t('neverVisited') : t('lastVisit', { date: formatDate(person.lastVisitOn) })}
                {person.notVisitedFor ? ` · ${t('notVisitedFor', { count: person.notVisitedFor })}` : ''}
                {` · ${t('thisWeek', { count: person.visitsThisWeek })}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {mayPlan && (
        <div className="actions">
          <Link href="/care/plans/new" className="button button--primary">
            + {t('addPlan')}
          </Link>
        </div>
      )}
      <h2 className="section-title">{t('weekTitle')}</h2>
      {weeks.length === 0 && <p className="empty">{t('weekNone')}</p>}
      <ul className="member-list">
        {weeks.map((week) => (
          <li key={week.volunteerId} className={week.met ? 'member-row' : 'member-row member-row--due'}>
            <span className="member-row__name">{name(week.volunteerId)}</span>
            <span className="member-row__facts">{t('weekLine', { visits: week.visits, target: week.target })}</span>
          </li>
        ))}
      </ul>
      <div className="actions">
        <Link href="/health" className="button">
          {t('toHealthBook')}
        </Link>
      </div>
    </>
  );
}

/** The care tab: a volunteer's people on a volunteer's phone, the board's view on the others. */
export function CareBookScreen() {
  const { t } = useCareStrings();
  const role = useDeviceRole();
  const memberId = useOwnMemberId();
  if (role === undefined || memberId === undefined) return <AppShell title={t('title')}>{null}</AppShell>;
  if (role === 'volunteer') {
    return <AppShell title={t('myPeopleTitle')}>{memberId ? <MyPeople volunteerId={memberId} /> : <p className="notice">{t('noMemberTied')}</p>}</AppShell>;
  }
  return (
    <AppShell title={t('title')}>
      <BoardView />
    </AppShell>
  );
}

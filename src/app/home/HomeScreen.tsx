import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { DEFAULT_OLDER_AGE_FROM } from '../../domain/club';
import { formatDate, todayOn } from '../../domain/dates';
import { memberFigures } from '../../domain/indicators';
import { absentFromLast, areasCovered, attendanceOf, thisMonth } from '../../domain/meeting-figures';
import type { ClubProfile } from '../../domain/club';
import type { Member } from '../../domain/members';
import { marksOfMeetings, meetingsNewestFirst } from '../../local/meeting-queries';
import { clubProfile, liveRecords } from '../../local/queries';
import { useDatabase } from '../database-context';
import { canRead } from '../../domain/collection';
import { entries } from '../../domain/entries';
import { reports } from '../../domain/reports';
import { visits } from '../../domain/visits';
import { useDeviceRole, useMayWrite, useOwnMemberId } from '../sync/use-connection';
import { BookPullCard } from '../sync/BookPullCard';
import { useBookPull } from '../sync/sync-context';
import { AppShell } from '../ui/AppShell';
import { BookTile } from './BookTile';
import { useSampleBook } from './use-sample-book';

// Only a practice book shows it: it loads then, not with every home screen.
const SampleBookNotice = lazy(() => import('./SampleBookNotice').then((m) => ({ default: m.SampleBookNotice })));
// The care and health books' lines, and a volunteer's people, come with those books' code.
const FundTile = lazy(() => import('../fund/FundTile').then((m) => ({ default: m.FundTile })));
// The reports owed to the association, with the report's words: after the first screen too.
const ReportTile = lazy(() => import('./ReportTile').then((m) => ({ default: m.ReportTile })));
const CareTiles = lazy(() => import('./CareTiles').then((m) => ({ default: m.CareTiles })));
const MyPeople = lazy(() => import('../care/MyPeopleScreen').then((m) => ({ default: m.MyPeople })));

function Figure({ label, value, detail, href }: { label: string; value: number; detail?: string; href: string }) {
  return (
    <Link href={href} className="figure">
      <span className="figure__value">{value}</span>
      <span className="figure__label">{label}</span>
      {detail && <span className="figure__detail">{detail}</span>}
    </Link>
  );
}

/**
 * The meeting book's most urgent lines: whether this month's meeting is held (and how many
 * came), which of the 8 areas the year still lacks, who has stopped coming.
 */
async function meetingLines(db: ReturnType<typeof useDatabase>, club: ClubProfile, members: Member[], today: string) {
  const meetings = await meetingsNewestFirst(db);
  const lastMonthly = meetings.filter((m) => m.kind === 'monthly' && m.heldOn <= today).slice(0, 3);
  const marks = await marksOfMeetings(db, lastMonthly.map((m) => m.id));
  const status = thisMonth(meetings, today, club.meetingDay ?? null);
  const held = status === 'held' ? lastMonthly.find((m) => m.heldOn.startsWith(today.slice(0, 7))) : undefined;
  return {
    status,
    held,
    heldPercent: held ? attendanceOf(held, members, marks).percent : null,
    missingAreas: areasCovered(meetings, { from: `${today.slice(0, 4)}-01-01`, to: today }).missing.length,
    toVisit: absentFromLast(3, meetings, members, marks, today).length,
    any: meetings.length > 0,
  };
}

/** The club's hub: each book one tap away with what needs doing, then who is in the club. */
export function HomeScreen() {
  const { t } = useTranslation();
  const db = useDatabase();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const members = useLiveQuery(() => liveRecords(db, 'members'), [db]);
  const mayWrite = useMayWrite('members');
  const role = useDeviceRole();
  const ownMemberId = useOwnMemberId();
  const readsCare = role !== undefined && canRead(visits, role);
  const readsFund = role !== undefined && canRead(entries, role);
  const readsReports = role !== undefined && canRead(reports, role);
  const sampleBook = useSampleBook();
  // A new phone's club book still on its way: said first, and no "add the first member" meanwhile.
  const bookPull = useBookPull();
  const bookArriving = bookPull?.state === 'receiving' || bookPull?.state === 'waiting';
  const today = todayOn();
  const meetings = useLiveQuery(async () => (club && members ? meetingLines(db, club, members, today) : undefined), [db, club, members, today]);
  if (!club || !members) return <AppShell title={t('app.name')}>{null}</AppShell>;

  const olderAgeFrom = club.olderAgeFrom ?? DEFAULT_OLDER_AGE_FROM;
  const figures = memberFigures(members, today, olderAgeFrom);
  const meetingLine = !meetings
    ? null
    : meetings.status === 'held'
      ? meetings.heldPercent === null
        ? t('home.meetingHeld', { date: formatDate(meetings.held!.heldOn) })
        : t('home.meetingHeldAttendance', { date: formatDate(meetings.held!.heldOn), percent: meetings.heldPercent })
      : meetings.status === 'due'
        ? t('home.meetingDue')
        : t('home.meetingNotYet');
  return (
    <AppShell title={t('app.name')}>
      {sampleBook && (
        <Suspense fallback={null}>
          <SampleBookNotice />
        </Suspense>
      )}
      <BookPullCard view={bookPull} />
      {mayWrite && figures.members === 0 && !bookArriving && (
        // A new book: the first thing to do, first on the screen.
        <section className="start-card" aria-labelledby="start-card-title">
          <h2 id="start-card-title">{t('home.startTitle')}</h2>
          <Link href="/members/new" className="button button--primary">
            + {t('members.add')}
          </Link>
          <p className="field__hint">{t('home.startExplain')}</p>
        </section>
      )}
      {role === 'volunteer' && ownMemberId && (
        // A volunteer's phone opens on the people they care for: a visit is one tap away.
        <Suspense fallback={null}>
          <MyPeople volunteerId={ownMemberId} />
        </Suspense>
      )}
      <section className="club-card">
        <h2 className="club-card__name">{club.name}</h2>
        <p className="club-card__place">{[club.village, club.commune, club.province].join(', ')}</p>
      </section>
      <nav className="book-tiles" aria-label={t('home.books')}>
        <BookTile
          href="/members"
          title={t('home.membersBook')}
          lines={[t('home.membersLine', { count: figures.members, women: figures.womenPercent ?? 0 })]}
        />
        {meetings && meetingLine && (
          <BookTile
            href="/meetings"
            title={t('home.meetingsBook')}
            urgent={meetings.status === 'due'}
            lines={[
              meetingLine,
              meetings.missingAreas === 0 ? t('home.areasAll') : t('home.areasMissing', { count: meetings.missingAreas }),
              ...(meetings.toVisit > 0 ? [t('home.toVisit', { count: meetings.toVisit })] : []),
            ]}
          />
        )}
        {readsCare && role !== 'volunteer' && (
          <Suspense fallback={null}>
            <CareTiles />
          </Suspense>
        )}
        {readsFund && (
          <Suspense fallback={null}>
            <FundTile />
          </Suspense>
        )}
        {readsReports && (
          <Suspense fallback={null}>
            <ReportTile />
          </Suspense>
        )}
      </nav>
      <h2 className="section-title">{t('home.figures')}</h2>
      <div className="figures">
        <Figure label={t('home.members')} value={figures.members} href="/members" />
        <Figure
          label={t('home.women')}
          value={figures.women}
          detail={figures.womenPercent === null ? undefined : t('home.percent', { percent: figures.womenPercent })}
          href="/members?filter=women"
        />
        <Figure label={t('home.older', { age: olderAgeFrom })} value={figures.older} href="/members?filter=older" />
        <Figure
          label={t('home.poor')}
          value={figures.poor + figures.nearPoor}
          detail={t('home.poorDetail', { poor: figures.poor, nearPoor: figures.nearPoor })}
          href="/members?filter=poor"
        />
        <Figure label={t('home.volunteers')} value={figures.volunteers} href="/members?filter=volunteers" />
        <Figure label={t('home.careRecipients')} value={figures.careRecipients} href="/members?filter=careRecipients" />
      </div>
      {mayWrite && figures.members > 0 && (
        <div className="actions">
          <Link href="/members/new" className="button button--primary">
            + {t('members.add')}
          </Link>
        </div>
      )}
    </AppShell>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import {
  absentFromLast,
  areasCovered,
  attendanceOf,
  monthsOf,
  themeSessions,
  thisMonth,
  twelveMonthsTo,
} from '../../domain/meeting-figures';
import { MEETING_THEMES, type Meeting } from '../../domain/meetings';
import { clubProfile, liveRecords } from '../../local/queries';
import { marksOfMeetings, meetingsNewestFirst } from '../../local/meeting-queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useMeetingStrings } from './strings';

async function bookOfYear(db: ReturnType<typeof useDatabase>, year: number, today: string) {
  const [meetings, members, club] = await Promise.all([meetingsNewestFirst(db), liveRecords(db, 'members'), clubProfile(db)]);
  const ofYear = meetings.filter((m) => m.heldOn.startsWith(String(year)));
  // The follow-up list needs the last three monthly meetings' marks; the months those of the year.
  const lastMonthly = meetings.filter((m) => m.kind === 'monthly' && m.heldOn <= today).slice(0, 3);
  const marks = await marksOfMeetings(db, [...new Set([...ofYear, ...lastMonthly].map((m) => m.id))]);
  return { meetings, ofYear, members, club, marks };
}

/**
 * The meeting book: the year as twelve months — which had their monthly meeting and how
 * many came, which are missing, this month due once the usual day has passed — then the 8
 * areas of the last 12 months, the year's themes, and who to visit.
 */
export function MeetingBookScreen() {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const today = todayOn();
  const thisYear = Number(today.slice(0, 4));
  const asked = Number(new URLSearchParams(useSearch()).get('year'));
  const year = Number.isInteger(asked) && asked > 1990 && asked <= thisYear + 1 ? asked : thisYear;
  const mayWrite = useMayWrite('meetings');
  const book = useLiveQuery(() => bookOfYear(db, year, today), [db, year, today]);

  return (
    <AppShell title={t('title')}>
      {book && <Book book={book} year={year} today={today} onYear={(y) => navigate(y === thisYear ? '/meetings' : `/meetings?year=${y}`, { replace: true })} />}
      {mayWrite && (
        <Link href="/meetings/new" className="fab">
          + {t('add')}
        </Link>
      )}
    </AppShell>
  );
}

function Book({ book, year, today, onYear }: { book: Awaited<ReturnType<typeof bookOfYear>>; year: number; today: string; onYear: (year: number) => void }) {
  const { t } = useMeetingStrings();
  const { meetings, ofYear, members, marks, club } = book;
  const thisYear = Number(today.slice(0, 4));
  const status = thisMonth(meetings, today, club?.meetingDay ?? null);
  const areas = areasCovered(meetings, twelveMonthsTo(today));
  const themes = themeSessions(meetings, { from: `${year}-01-01`, to: `${year}-12-31` });
  const toVisit = absentFromLast(3, meetings, members, marks, today);
  const heldThisMonth = meetings.find((m) => m.kind === 'monthly' && m.heldOn.startsWith(today.slice(0, 7)));

  return (
    <>
      {year === thisYear && (
        <p className={status === 'due' ? 'notice notice--due' : 'notice'} role="status">
          {status === 'held'
            ? t('thisMonthHeld', { date: formatDate(heldThisMonth!.heldOn) })
            : status === 'due'
              ? t('thisMonthDue', { day: club?.meetingDay })
              : t('thisMonthNotYet')}
        </p>
      )}
      {toVisit.length > 0 && (
        <Link href="/meetings/follow-up" className="notice notice--link">
          {t('followUp', { count: toVisit.length })}
        </Link>
      )}
      <nav className="year-nav" aria-label={t('title')}>
        <button type="button" className="button" onClick={() => onYear(year - 1)}>
          <span aria-hidden="true">‹ </span>
          <span className="visually-hidden">{t('yearBack')} </span>
          {year - 1}
        </button>
        {/* Drawn with the year's months, once the book is read: `npm run bench` times the book's opening to it. */}
        <h2 className="year-nav__year" elementtiming="meeting-book">
          {year}
        </h2>
        <button type="button" className="button" disabled={year >= thisYear} onClick={() => onYear(year + 1)}>
          <span className="visually-hidden">{t('yearNext')} </span>
          {year + 1}
          <span aria-hidden="true"> ›</span>
        </button>
      </nav>
      {ofYear.length === 0 && <p className="empty">{t('empty')}</p>}
      <ol className="months">
        {monthsOf({ from: `${year}-01-01`, to: `${year}-12-31` }).map((month) => (
          <Month key={month} month={month} meetings={ofYear.filter((m) => m.heldOn.startsWith(month))} members={members} marks={marks} today={today} due={status === 'due'} />
        ))}
      </ol>
      <section className="panel" aria-labelledby="areas-title">
        <h2 id="areas-title">{t('areasTitle')}</h2>
        <p className={areas.missing.length > 0 ? 'form__error' : undefined}>
          {areas.missing.length === 0
            ? t('areasAllCovered')
            : t('areasMissing', { count: areas.missing.length, areas: areas.missing.map((a) => t(`area.${a}`)).join(', ') })}
        </p>
        <ul className="tags">
          {areas.covered.map((area) => (
            <li key={area} className="tag">
              {t(`area.${area}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="themes-title">
        <h2 id="themes-title">{t('themesTitle', { year })}</h2>
        <ul className="plain-list">
          {MEETING_THEMES.map((theme) => (
            <li key={theme}>{t('themeCount', { theme: t(`theme.${theme}`), count: themes[theme] })}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Month(props: {
  month: string;
  meetings: Meeting[];
  members: Parameters<typeof attendanceOf>[1];
  marks: Parameters<typeof attendanceOf>[2];
  today: string;
  due: boolean;
}) {
  const { t } = useMeetingStrings();
  const { month, meetings, today } = props;
  const monthly = meetings.filter((m) => m.kind === 'monthly');
  const current = month === today.slice(0, 7);
  const past = month < today.slice(0, 7);
  const state = monthly.length > 0 ? 'held' : current && props.due ? 'due' : past ? 'missing' : 'coming';
  return (
    <li className={`month month--${state}`}>
      <span className="month__name">{t('month', { month: Number(month.slice(5)) })}</span>
      {state === 'missing' && <span className="month__state">{t('monthMissing')}</span>}
      {state === 'due' && <span className="month__state">{t('monthDue')}</span>}
      {state === 'coming' && <span className="month__state">{t('monthComing')}</span>}
      {[...meetings]
        .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
        .map((meeting) => {
          const counts = attendanceOf(meeting, props.members, props.marks);
          const called = counts.unmarked < counts.onRoll;
          return (
            <Link key={meeting.id} href={`/meetings/${meeting.id}`} className="month__meeting">
              <span className="month__meeting-what">
                {meeting.kind === 'monthly' ? t('monthHeld', { date: formatDate(meeting.heldOn) }) : `${t(`kind.${meeting.kind}`)} ${formatDate(meeting.heldOn)}`}
              </span>
              <span className="month__meeting-facts">
                {called ? t('attendanceLine', { present: counts.present, onRoll: counts.onRoll, percent: counts.percent }) : t('rollNotCalled')}
              </span>
            </Link>
          );
        })}
    </li>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { todayOn } from '../../domain/dates';
import { absentFromLast } from '../../domain/meeting-figures';
import { compareByGivenName } from '../../domain/names';
import { marksOfMeetings, meetingsNewestFirst } from '../../local/meeting-queries';
import { liveRecords } from '../../local/queries';
import { useDatabase } from '../database-context';
import { AppShell } from '../ui/AppShell';
import { useMeetingStrings } from './strings';

/** Members away without leave from the last three monthly meetings: the board visits them. */
export function FollowUpScreen() {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const today = todayOn();
  const toVisit = useLiveQuery(async () => {
    const [meetings, members] = await Promise.all([meetingsNewestFirst(db), liveRecords(db, 'members')]);
    const last = meetings.filter((m) => m.kind === 'monthly' && m.heldOn <= today).slice(0, 3);
    const marks = await marksOfMeetings(db, last.map((m) => m.id));
    return absentFromLast(3, meetings, members, marks, today).sort((a, b) => compareByGivenName(a.fullName, b.fullName));
  }, [db, today]);
  return (
    <AppShell title={t('followUpTitle')} back="/meetings">
      <p className="field__hint">{t('followUpExplain')}</p>
      {toVisit?.length === 0 && <p className="empty">{t('followUpNone')}</p>}
      <ul className="member-list">
        {toVisit?.map((member) => (
          <li key={member.id}>
            <Link href={`/members/${member.id}`} className="member-row">
              <span className="member-row__name">{member.fullName}</span>
              <span className="member-row__facts">{[member.group, member.phone].filter(Boolean).join(' · ')}</span>
            </Link>
          </li>
        ))}
      </ul>
    </AppShell>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { formatDate } from '../../domain/dates';
import { memberAttendance } from '../../domain/meeting-figures';
import type { Member } from '../../domain/members';
import { marksOfMember, meetingsNewestFirst } from '../../local/meeting-queries';
import { useDatabase } from '../database-context';
import { useMeetingStrings } from './strings';

/** On a member's page: their marks at the last 12 meetings they were a member for. */
export function MemberAttendance({ member }: { member: Member }) {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const last = useLiveQuery(
    async () => memberAttendance(member, await meetingsNewestFirst(db), await marksOfMember(db, member.id), 12),
    [db, member],
  );
  if (!last) return null;
  const present = last.filter((entry) => entry.mark === 'present').length;
  return (
    <section className="panel" aria-labelledby="member-attendance-title">
      <h2 id="member-attendance-title">{t('member.title')}</h2>
      {last.length === 0 ? (
        <p className="field__hint">{t('member.none')}</p>
      ) : (
        <>
          <p>{t('member.line', { present, count: last.length })}</p>
          <ol className="attendance-marks">
            {last.map(({ meeting, mark }) => (
              <li key={meeting.id}>
                <Link href={`/meetings/${meeting.id}`} className={`attendance-mark attendance-mark--${mark ?? 'none'}`}>
                  <span>{formatDate(meeting.heldOn)}</span>
                  <span>{t(`mark.${mark ?? 'none'}`)}</span>
                </Link>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { formatDate } from '../../domain/dates';
import { attendanceOf } from '../../domain/meeting-figures';
import { marksOfMeetings } from '../../local/meeting-queries';
import { liveRecords, recordById } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useMeetingStrings } from './strings';

/** A meeting's page: when and what, who came, the areas and themes, the minutes and decisions. */
export function MeetingScreen({ id }: { id: string }) {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('meetings');
  const data = useLiveQuery(
    async () => {
      const meeting = await recordById(db, 'meetings', id);
      if (!meeting) return null;
      const [members, marks] = await Promise.all([liveRecords(db, 'members'), marksOfMeetings(db, [id])]);
      return { meeting, counts: attendanceOf(meeting, members, marks) };
    },
    [db, id],
  );
  if (data === undefined) return <AppShell title={t('title')} back="/meetings">{null}</AppShell>;
  if (data === null) {
    return (
      <AppShell title={t('title')} back="/meetings">
        <p className="empty">{t('notFound')}</p>
      </AppShell>
    );
  }
  const { meeting, counts } = data;
  return (
    <AppShell title={`${t(`kind.${meeting.kind}`)} ${formatDate(meeting.heldOn)}`} back={`/meetings?year=${meeting.heldOn.slice(0, 4)}`}>
      <section className="panel">
        <p className="attendance-line" data-testid="attendance-line">
          {counts.onRoll === 0
            ? t('roll.lineEmpty')
            : t('attendanceLine', { present: counts.present, onRoll: counts.onRoll, percent: counts.percent })}
        </p>
        {counts.unmarked > 0 && counts.onRoll > 0 && <p className="field__hint">{t('roll.unmarked', { count: counts.unmarked })}</p>}
        {mayWrite && (
          <div className="actions">
            <Link href={`/meetings/${meeting.id}/roll`} className="button button--primary">
              {t('page.rollCall')}
            </Link>
            <Link href={`/meetings/${meeting.id}/edit`} className="button">
              {t('page.edit')}
            </Link>
          </div>
        )}
      </section>
      <dl className="facts">
        {meeting.place && (
          <div className="fact">
            <dt>{t('field.place')}</dt>
            <dd>{meeting.place}</dd>
          </div>
        )}
        {meeting.topic && (
          <div className="fact">
            <dt>{t('field.topic')}</dt>
            <dd>{meeting.topic}</dd>
          </div>
        )}
        <div className="fact">
          <dt>{t('field.areas')}</dt>
          <dd>{meeting.areas.length === 0 ? t('page.noAreas') : meeting.areas.map((a) => t(`area.${a}`)).join(', ')}</dd>
        </div>
        {meeting.themes.length > 0 && (
          <div className="fact">
            <dt>{t('field.themes')}</dt>
            <dd>{meeting.themes.map((theme) => t(`theme.${theme}`)).join(', ')}</dd>
          </div>
        )}
        {meeting.guests > 0 && (
          <div className="fact">
            <dt>{t('field.guests')}</dt>
            <dd>{t('page.guests', { count: meeting.guests })}</dd>
          </div>
        )}
        {meeting.minutes && (
          <div className="fact fact--long">
            <dt>{t('field.minutes')}</dt>
            <dd className="prose">{meeting.minutes}</dd>
          </div>
        )}
        {meeting.decisions && (
          <div className="fact fact--long">
            <dt>{t('field.decisions')}</dt>
            <dd className="prose">{meeting.decisions}</dd>
          </div>
        )}
        {meeting.nextPlannedOn && (
          <div className="fact">
            <dt>{t('field.nextPlannedOn')}</dt>
            <dd>{formatDate(meeting.nextPlannedOn)}</dd>
          </div>
        )}
      </dl>
    </AppShell>
  );
}

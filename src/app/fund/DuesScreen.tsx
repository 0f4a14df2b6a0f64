import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useState } from 'react';
import { formatDate, todayOn } from '../../domain/dates';
import type { Entry } from '../../domain/entries';
import { duesEntry, reversalEntry } from '../../domain/fund-forms';
import { rollOf } from '../../domain/meeting-figures';
import type { Member } from '../../domain/members';
import { formatDong } from '../../domain/money';
import { compareByGivenName } from '../../domain/names';
import { deviceId } from '../../local/device';
import { LocalWriteError } from '../../local/errors';
import { clubProfile, liveRecords } from '../../local/queries';
import { createRecord } from '../../local/write';
import { entriesPostedFrom, fundLock } from '../../local/fund-queries';
import { DEFAULT_MONTHLY_DUES } from '../../domain/club';
import { useSearch } from 'wouter';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { duesPaidAt } from './fund-data';
import { useFundStrings } from './strings';

const DuesRow = memo(function DuesRow(props: { member: Member; paid: Entry | undefined; amount: string; onTap: (member: Member, paid: Entry | undefined) => void }) {
  const { t } = useFundStrings();
  const { member, paid } = props;
  return (
    <li className={paid ? 'roll-row roll-row--present' : 'roll-row'}>
      <span className="roll-row__name">{member.fullName}</span>
      <button type="button" aria-pressed={paid !== undefined} className={paid ? 'roll-mark roll-mark--present roll-mark--on' : 'roll-mark'} onClick={() => props.onTap(member, paid)}>
        {paid ? t('dues.paid', { amount: props.amount }) : t('dues.pay', { amount: props.amount })}
      </button>
    </li>
  );
});

/**
 * The month's dues, collected at the meeting like a roll call: the members on the roll by
 * given name, one tap records a member's dues (an entry each), a second tap on a paid one
 * takes it back (a reversal, with the reason said for them). The meeting is the latest
 * one in the meeting book, or the one named.
 */
export function DuesScreen() {
  const { t } = useFundStrings();
  const meetingId = new URLSearchParams(useSearch()).get('meeting');
  const db = useDatabase();
  const mayWrite = useMayWrite('entries');
  const [problem, setProblem] = useState<string | null>(null);
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [club, members, meetings, locked] = await Promise.all([clubProfile(db), liveRecords(db, 'members'), liveRecords(db, 'meetings'), fundLock(db)]);
    const held = meetings.filter((m) => m.heldOn <= today).sort((a, b) => b.heldOn.localeCompare(a.heldOn));
    const meeting = (meetingId ? held.find((m) => m.id === meetingId) : held[0]) ?? null;
    const roll = meeting ? rollOf(members, meeting.heldOn).sort((a, b) => compareByGivenName(a.fullName, b.fullName)) : [];
    // Only the entries since the meeting's day: its dues and their reversals, not the whole book.
    const since = meeting ? await entriesPostedFrom(db, meeting.heldOn) : [];
    return { club, meeting, roll, paid: meeting ? duesPaidAt(since, meeting.id) : new Map<string, Entry>(), locked };
  }, [db, meetingId, today]);
  const amount = data?.club?.monthlyDues ?? DEFAULT_MONTHLY_DUES;
  const fund = data?.club?.duesTo ?? 'operatingFund';
  const meeting = data?.meeting ?? null;
  const onTap = useCallback(
    async (member: Member, paid: Entry | undefined) => {
      if (!meeting) return;
      setProblem(null);
      try {
        const phoneId = await deviceId(db);
        if (paid) await createRecord(db, 'entries', { ...reversalEntry(paid, meeting.heldOn, t('dues.undoReason')), phoneId });
        else await createRecord(db, 'entries', { ...duesEntry(member.id, meeting.id, meeting.heldOn, amount, fund), phoneId });
      } catch (error) {
        setProblem(error instanceof LocalWriteError ? error.messageKey : 'storage.failed');
      }
    },
    [db, meeting, amount, fund, t],
  );
  if (!data) return <AppShell title={t('dues.title')} back="/fund">{null}</AppShell>;
  if (!meeting) {
    return (
      <AppShell title={t('dues.title')} back="/fund">
        <p className="empty">{t('dues.noMeeting')}</p>
      </AppShell>
    );
  }
  const closed = data.locked !== null && meeting.heldOn <= data.locked;
  const paidCount = data.roll.filter((m) => data.paid.has(m.id)).length;
  const shown = formatDong(amount);
  return (
    <AppShell title={t('dues.title')} back="/fund">
      <p className="roll-summary" aria-live="polite">
        {t('dues.summary', { date: formatDate(meeting.heldOn), paid: paidCount, count: data.roll.length, total: formatDong(paidCount * amount) })}
      </p>
      {problem && (
        <p className="form__error" role="alert">
          {t(problem)}
        </p>
      )}
      {closed && <p className="notice">{t('dues.closed')}</p>}
      {!mayWrite && <p className="notice">{t('readOnly')}</p>}
      <ul className="roll-list">
        {data.roll.map((member) => (
          <DuesRow key={member.id} member={member} paid={data.paid.get(member.id)} amount={shown} onTap={mayWrite && !closed ? onTap : () => {}} />
        ))}
      </ul>
    </AppShell>
  );
}

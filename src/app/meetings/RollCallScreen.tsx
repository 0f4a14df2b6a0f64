import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { MARKS, markId, type Mark } from '../../domain/attendance';
import { formatDate } from '../../domain/dates';
import { marksOf, rollOf } from '../../domain/meeting-figures';
import type { Member } from '../../domain/members';
import { compareByGivenName, foldForSearch, matchesFolded } from '../../domain/names';
import { LocalWriteError } from '../../local/errors';
import { marksOfMeetings } from '../../local/meeting-queries';
import { liveRecords, recordById } from '../../local/queries';
import { upsertRecords } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useMeetingStrings } from './strings';

const groupCollator = new Intl.Collator('vi', { numeric: true });

interface RollRow {
  member: Member;
  folded: string;
}

/** One person on the roll: their name, and the three marks as big buttons (one tap each). */
const RollRowView = memo(function RollRowView(props: { member: Member; mark: Mark | undefined; onMark: (member: Member, mark: Mark) => void }) {
  const { t } = useMeetingStrings();
  const { member, mark } = props;
  return (
    <li className={mark ? `roll-row roll-row--${mark}` : 'roll-row'}>
      <span className="roll-row__name">{member.fullName}</span>
      <div className="roll-row__marks" role="radiogroup" aria-label={t('roll.markOf', { name: member.fullName })}>
        {MARKS.map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={mark === value}
            className={`roll-mark roll-mark--${value}${mark === value ? ' roll-mark--on' : ''}`}
            onClick={() => props.onMark(member, value)}
          >
            {t(`roll.${value}`)}
          </button>
        ))}
      </div>
    </li>
  );
});

/**
 * The roll of a meeting: the members in the club on its day, by given name (in their
 * household clusters when the club has them). "Everyone present" first, then a tap for each
 * exception; the line at the top counts as it goes. Two phones can call it together,
 * offline, each taking half: every mark has one id per meeting and person (markId).
 */
export function RollCallScreen({ id }: { id: string }) {
  const { t } = useMeetingStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('attendance');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [error, setError] = useState<string | null>(null);

  // The meeting and its people, and the marks, read apart: a tap changes a mark, and only the
  // marks are read again (the roll, sorted by given name, stays as it was).
  const data = useLiveQuery(
    async () => {
      const meeting = await recordById(db, 'meetings', id);
      if (!meeting) return null;
      return { meeting, members: await liveRecords(db, 'members') };
    },
    [db, id],
  );
  const marks = useLiveQuery(() => marksOfMeetings(db, [id]), [db, id]);

  const roll: RollRow[] = useMemo(
    () =>
      data
        ? rollOf(data.members, data.meeting.heldOn)
            .sort((a, b) => compareByGivenName(a.fullName, b.fullName))
            .map((member) => ({ member, folded: foldForSearch(`${member.fullName} ${member.group ?? ''}`) }))
        : [],
    [data],
  );
  const stored = useMemo(() => marksOf(id, marks ?? []), [marks, id]);
  // Marks tapped and not yet read back from the phone's storage: shown at once, so the
  // button lights up with the tap, not after the write and the read that follows it. Each
  // stands while storage still holds what it held at the tap; once storage changes for that
  // person (this tap stored, or another phone's mark pulled), storage is shown again.
  const [tapped, setTapped] = useState<ReadonlyMap<string, { mark: Mark; over: Mark | undefined }>>(new Map());
  const byMember = useMemo(() => {
    if (tapped.size === 0) return stored;
    const shown = new Map(stored);
    for (const [member, tap] of tapped) if (stored.get(member) === tap.over) shown.set(member, tap.mark);
    return shown;
  }, [stored, tapped]);

  const onMark = useCallback(
    (member: Member, mark: Mark) => {
      setError(null);
      upsertRecords(db, 'attendance', [{ id: markId(id, member.id), fields: { meetingId: id, memberId: member.id, mark } }]).catch((e: unknown) => {
        // Not stored: the button goes back to what the phone holds, and the screen says why.
        setTapped((current) => {
          if (current.get(member.id)?.mark !== mark) return current;
          const next = new Map(current);
          next.delete(member.id);
          return next;
        });
        setError(e instanceof LocalWriteError ? e.messageKey : 'storage.failed');
      });
      setTapped((current) => new Map(current).set(member.id, { mark, over: stored.get(member.id) }));
    },
    [db, id, stored],
  );

  if (data === undefined || marks === undefined) return <AppShell title={t('roll.title')} back={`/meetings/${id}`}>{null}</AppShell>;
  if (data === null || !mayWrite) {
    return (
      <AppShell title={t('roll.title')} back={`/meetings/${id}`}>
        <p className="empty">{data === null ? t('notFound') : t('readOnly')}</p>
      </AppShell>
    );
  }

  const present = roll.filter((row) => byMember.get(row.member.id) === 'present').length;
  const unmarked = roll.filter((row) => !byMember.has(row.member.id)).length;
  const percent = roll.length === 0 ? 0 : Math.round((present * 100) / roll.length);
  const shown = deferredQuery.trim() ? roll.filter((row) => matchesFolded(row.folded, deferredQuery)) : roll;
  // Grouped by household cluster when the club uses them; one list otherwise.
  const clustered = roll.some((row) => row.member.group);
  const groups = new Map<string, RollRow[]>();
  for (const row of shown) {
    const group = clustered ? (row.member.group ?? '') : '';
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  const groupNames = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : groupCollator.compare(a, b)));

  // "Present" for those of `rows` not marked yet, in one commit. Two phones sharing a roll each
  // use their own clusters' buttons: a whole-roll "everyone present" on one phone would mark
  // the other phone's half before its exceptions arrive.
  const presentFor = (rows: readonly RollRow[]) => {
    setError(null);
    const items = rows
      .filter((row) => !byMember.has(row.member.id))
      .map((row) => ({ id: markId(id, row.member.id), fields: { meetingId: id, memberId: row.member.id, mark: 'present' as const } }));
    if (items.length === 0) return;
    upsertRecords(db, 'attendance', items).catch((e: unknown) => setError(e instanceof LocalWriteError ? e.messageKey : 'storage.failed'));
  };
  const searching = deferredQuery.trim() !== '';
  const unmarkedIn = (rows: readonly RollRow[]) => rows.some((row) => !byMember.has(row.member.id));

  return (
    <AppShell title={`${t('roll.title')} ${formatDate(data.meeting.heldOn)}`} back={`/meetings/${id}`}>
      <div className="roll-tools">
        <p className="attendance-line" aria-live="polite" data-testid="roll-line">
          {roll.length === 0 ? t('roll.lineEmpty') : t('roll.line', { present, onRoll: roll.length, percent })}
        </p>
        {unmarked > 0 && <p className="field__hint">{t('roll.unmarked', { count: unmarked })}</p>}
        {error && (
          <p className="form__error" role="alert">
            {t(error)}
          </p>
        )}
        <input
          className="input search"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t('roll.searchPlaceholder')}
          aria-label={t('roll.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {unmarked > 0 && !searching && (
        <div className="actions">
          <button type="button" className="button button--primary" onClick={() => presentFor(roll)}>
            {t('roll.allPresent')}
          </button>
          <p className="field__hint">{t('roll.allPresentHint')}</p>
          {clustered && <p className="field__hint">{t('roll.twoPhonesHint')}</p>}
        </div>
      )}
      {groupNames.map((group) => (
        <section key={group} aria-label={clustered ? group || t('roll.noGroup') : undefined}>
          {clustered && (
            <div className="roll-group">
              <h2>{group || t('roll.noGroup')}</h2>
              {!searching && unmarkedIn(groups.get(group)!) && (
                <button type="button" className="button" onClick={() => presentFor(groups.get(group)!)}>
                  {t('roll.groupPresent', { group: group || t('roll.noGroup') })}
                </button>
              )}
            </div>
          )}
          <ul className="roll-list">
            {groups.get(group)!.map((row) => (
              <RollRowView key={row.member.id} member={row.member} mark={byMember.get(row.member.id)} onMark={onMark} />
            ))}
          </ul>
        </section>
      ))}
    </AppShell>
  );
}

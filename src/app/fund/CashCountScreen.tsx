import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { expectedCash, lastClose, lockedThrough, overShortLines } from '../../domain/cash-counts';
import { formatDate, todayOn } from '../../domain/dates';
import { cashCountSchema, type CashCountValues } from '../../domain/fund-forms';
import { fundMovements, fundSummary } from '../../domain/fund-figures';
import { uuidv7 } from '../../domain/ids';
import { formatDong } from '../../domain/money';
import { compareByGivenName } from '../../domain/names';
import { deviceId } from '../../local/device';
import { fundRecords } from '../../local/fund-queries';
import { clubProfile, liveRecords } from '../../local/queries';
import { createAcross, createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { MoneyField, SelectField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { ShareButton } from '../ui/ShareButton';
import { ReasonForm } from './fund-fields';
import { useFundSummaryText } from './receipts';
import { useFundStrings } from './strings';

const BOARD_ROLES = new Set<string>(['chair', 'viceChair', 'treasurer', 'groupLeader']);

type Data = NonNullable<Awaited<ReturnType<typeof countData>>>;

async function countData(db: Parameters<typeof fundRecords>[0], today: string) {
  const [club, members, meetings, records] = await Promise.all([clubProfile(db), liveRecords(db, 'members'), liveRecords(db, 'meetings'), fundRecords(db)]);
  const locked = lockedThrough(records.counts, records.reopenings);
  const open = meetings.filter((m) => m.heldOn <= today && (locked === null || m.heldOn > locked)).sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  const counters = members
    .filter((m) => !m.leftOn && !m.notMember)
    .sort((a, b) => Number(b.roles.some((r) => BOARD_ROLES.has(r))) - Number(a.roles.some((r) => BOARD_ROLES.has(r))) || compareByGivenName(a.fullName, b.fullName));
  return { club, records, meetings: open, counters, last: lastClose(records.counts, records.reopenings), locked };
}

function CountForm({ data, onClosed }: { data: Data; onClosed: (countedOn: string) => void }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const initial: CashCountValues = { meetingId: data.meetings[0]!.id, counted: Number.NaN, firstCounter: '', secondCounter: '' };
  const resolver = domainResolver(cashCountSchema, (v: CashCountValues) =>
    v.firstCounter && v.firstCounter === v.secondCounter ? [{ field: 'secondCounter', messageKey: 'validation.countedBy' }] : [],
  );
  const book = useBookForm<CashCountValues>({ draftKey: 'cashCount', initial, resolver });
  const { control } = book.form;
  const meetingId = book.form.watch('meetingId');
  const counted = book.form.watch('counted');
  const meeting = data.meetings.find((m) => m.id === meetingId) ?? data.meetings[0]!;
  const expected = expectedCash(data.records.entries, meeting.heldOn);
  const difference = Number.isSafeInteger(counted) ? counted - expected : null;
  const save = book.onSubmit(async (v) => {
    const lines = overShortLines(v.counted, expected);
    const entryId = lines ? uuidv7() : null;
    const phoneId = await deviceId(db);
    await createAcross(db, [
      ...(lines && entryId
        ? [{ collection: 'entries' as const, id: entryId, fields: { type: 'overShort' as const, postedOn: meeting.heldOn, lines, loanId: null, memberId: null, meetingId: meeting.id, reversesEntryId: null, note: null, phoneId } }]
        : []),
      { collection: 'cashCounts', fields: { meetingId: meeting.id, countedOn: meeting.heldOn, counted: v.counted, expected, countedBy: [v.firstCounter, v.secondCounter], overShortEntryId: entryId } },
    ]);
    onClosed(meeting.heldOn);
  });
  const people = data.counters.map((m) => ({ value: m.id, label: m.fullName }));
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('count.save')}>
      <SelectField control={control} name="meetingId" label={t('count.meeting')} choices={data.meetings.map((m) => ({ value: m.id, label: formatDate(m.heldOn) }))} placeholder={t('field.choose')} required />
      <p className="figure figure--wide">
        <span className="figure__value figure__value--money">{formatDong(expected)}</span>
        <span className="figure__label">{t('count.expected', { date: formatDate(meeting.heldOn) })}</span>
      </p>
      <MoneyField control={control} name="counted" required label={t('count.counted')} />
      {difference !== null && (
        <p className={difference === 0 ? 'notice' : 'notice notice--urgent'} aria-live="polite">
          {difference === 0 ? t('count.agrees') : t(difference > 0 ? 'count.over' : 'count.short', { amount: formatDong(Math.abs(difference)) })}
        </p>
      )}
      <SelectField control={control} name="firstCounter" label={t('count.first')} choices={people} placeholder={t('field.choose')} required />
      <SelectField control={control} name="secondCounter" label={t('count.second')} choices={people} placeholder={t('field.choose')} required />
    </BookFormView>
  );
}

function ReopenForm({ countId, countedOn }: { countId: string; countedOn: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  return (
    <details className="danger-zone">
      <summary>{t('count.reopen', { date: formatDate(countedOn) })}</summary>
      <ReasonForm
        draftKey={`reopen:${countId}`}
        requiredKey="validation.reopenReason"
        label={t('count.reopenReason')}
        hint={t('count.reopenExplain')}
        submitLabel={t('count.reopenSave')}
        locked={null}
        onSave={async (reason) => {
          await createRecord(db, 'reopenings', { cashCountId: countId, reason });
          flash(t('count.reopened'));
        }}
      />
    </details>
  );
}

function Summary({ data, countedOn }: { data: Data; countedOn: string }) {
  const { t } = useFundStrings();
  const summary = fundSummary(data.records.entries, data.records.loans, countedOn);
  const month = fundMovements(data.records.entries, `${countedOn.slice(0, 7)}-01`, countedOn);
  const text = useFundSummaryText(data.club, countedOn, summary, month);
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" className="section-title">
        {t('count.summaryTitle')}
      </h2>
      <ShareButton text={text} label={t('count.share')} />
    </section>
  );
}

/**
 * The meeting's cash count, which closes the book through the meeting's day: the book's
 * figure beside what two officers counted; a difference goes to suspense as its own entry
 * for the board to decide; the fund's summary to share with the whole club.
 */
export function CashCountScreen() {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('cashCounts');
  const today = todayOn();
  const [closedOn, setClosedOn] = useState<string | null>(null);
  const data = useLiveQuery(() => countData(db, today), [db, today]);
  if (!data) return <AppShell title={t('count.title')} back="/fund">{null}</AppShell>;
  return (
    <AppShell title={t('count.title')} back="/fund">
      {data.last && <p className="field__hint">{t('count.lastClose', { date: formatDate(data.last.countedOn), counted: formatDong(data.last.counted) })}</p>}
      {closedOn && <Summary data={data} countedOn={closedOn} />}
      {!mayWrite && <p className="notice">{t('readOnly')}</p>}
      {mayWrite && !closedOn && (data.meetings.length > 0 ? <CountForm data={data} onClosed={setClosedOn} /> : <p className="notice">{t('count.noMeeting')}</p>)}
      {mayWrite && data.last && !closedOn && <ReopenForm countId={data.last.id} countedOn={data.last.countedOn} />}
    </AppShell>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation, useSearch } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { entries as entryBook, reversalsByEntry, type Entry } from '../../domain/entries';
import { reversalEntry } from '../../domain/fund-forms';
import { formatDong } from '../../domain/money';
import { deviceId } from '../../local/device';
import { clubProfile, liveRecords, recordById } from '../../local/queries';
import { createRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useDeviceRole } from '../sync/use-connection';
import { writeRefusal } from '../../domain/collection';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { ShareButton } from '../ui/ShareButton';
import { loanCard } from './fund-data';
import { fundLock } from '../../local/fund-queries';
import { entryMoney } from './fund-format';
import { ReasonForm } from './fund-fields';
import { useFundStrings } from './strings';
import { useReceipt } from './receipts';

function ReverseForm({ entry, locked }: { entry: Entry; locked: string | null }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [, navigate] = useLocation();
  return (
    <ReasonForm
      draftKey={`reverse:${entry.id}`}
      requiredKey="validation.reversalReason"
      label={t('entry.reason')}
      hint={t('entry.reverseExplain')}
      submitLabel={t('entry.reverse')}
      locked={locked}
      onSave={async (reason, today) => {
        await createRecord(db, 'entries', { ...reversalEntry(entry, today, reason), phoneId: await deviceId(db) });
        flash(t('entry.reversedSaved'));
        navigate('/fund', { replace: true });
      }}
    />
  );
}

/**
 * One entry as the book holds it: its lines, who, why; whether it was reversed. A mistake
 * is put right here, by "reverse this entry" with a reason — never by editing it.
 */
export function EntryScreen({ id }: { id: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const role = useDeviceRole();
  const receiptAsked = new URLSearchParams(useSearch()).get('receipt') === '1';
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const entry = await recordById(db, 'entries', id);
    if (!entry) return { entry: null } as const;
    const [all, member, locked, club, card] = await Promise.all([
      liveRecords(db, 'entries'),
      entry.memberId ? recordById(db, 'members', entry.memberId) : undefined,
      fundLock(db),
      clubProfile(db),
      entry.loanId ? loanCard(db, entry.loanId, today) : null,
    ]);
    const reversals = reversalsByEntry(all).get(entry.id) ?? [];
    const original = entry.reversesEntryId ? (all.find((e) => e.id === entry.reversesEntryId) ?? null) : null;
    return { entry, member: member ?? null, reversals, original, locked, club, card };
  }, [db, id, today]);
  const receipt = useReceipt(data?.entry ? { entry: data.entry, member: data.member, club: data.club ?? null, card: data.card ?? null } : null);
  if (!data) return <AppShell title={t('entry.title')} back="/fund">{null}</AppShell>;
  const { entry } = data;
  if (!entry) {
    return (
      <AppShell title={t('entry.title')} back="/fund">
        <p className="empty">{t('notFound')}</p>
      </AppShell>
    );
  }
  const mayReverse = role !== undefined && writeRefusal(entryBook, { type: 'reversal' }, role) === null && data.reversals.length === 0;
  return (
    <AppShell title={t(`type.${entry.type}`)} back="/fund">
      {receiptAsked && receipt && <ShareButton text={receipt} label={t('receipt.send')} />}
      <dl className="facts">
        <dt>{t('field.amount')}</dt>
        <dd>{entryMoney(entry)}</dd>
        <dt>{t('field.postedOn')}</dt>
        <dd>{formatDate(entry.postedOn)}</dd>
        {data.member && (
          <>
            <dt>{t('field.member')}</dt>
            <dd>{data.member.fullName}</dd>
          </>
        )}
        {entry.note && (
          <>
            <dt>{t(entry.type === 'reversal' ? 'entry.reason' : 'field.note')}</dt>
            <dd>{entry.note}</dd>
          </>
        )}
        {data.original && (
          <>
            <dt>{t('entry.reverses')}</dt>
            <dd>{`${t(`type.${data.original.type}`)} ${formatDate(data.original.postedOn)} ${entryMoney(data.original)}`}</dd>
          </>
        )}
      </dl>
      <h2 className="section-title">{t('entry.lines')}</h2>
      <ul className="schedule">
        {entry.lines.map((l, i) => (
          <li key={i} className="schedule__row">
            <span className="schedule__due">{t(`account.${l.account}`)}</span>
            <span className="schedule__state">{l.amount > 0 ? t('entry.debitLine', { amount: formatDong(l.amount) }) : t('entry.creditLine', { amount: formatDong(-l.amount) })}</span>
          </li>
        ))}
      </ul>
      {data.reversals.length > 0 && (
        <p className="notice">
          {data.reversals.map((r) => t('entry.reversedOn', { date: formatDate(r.postedOn), reason: r.note ?? '' })).join(' ')}
        </p>
      )}
      {mayReverse && <ReverseForm entry={entry} locked={data.locked} />}
    </AppShell>
  );
}


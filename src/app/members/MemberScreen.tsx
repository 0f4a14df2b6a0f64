import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { formatDate, todayOn } from '../../domain/dates';
import { ageOn, type Member } from '../../domain/members';
import { LocalWriteError } from '../../local/errors';
import { recordById } from '../../local/queries';
import { deleteRecord, updateRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { canRead } from '../../domain/collection';
import { visits } from '../../domain/visits';
import { entries } from '../../domain/entries';
import { useDeviceRole, useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { useScreenStrings } from '../i18n/screen-strings';

// The meeting book's part of the page loads with the meeting book's code and words.
const MemberAttendance = lazy(() => import('../meetings/MemberAttendance').then((m) => ({ default: m.MemberAttendance })));
// The loan cards load with the fund's code, on phones that read the fund.
const MemberLoans = lazy(() => import('../fund/MemberLoans').then((m) => ({ default: m.MemberLoans })));

function Fact({ label, value, href }: { label: string; value: string | null; href?: string }) {
  if (value === null || value === '') return null;
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>
        {href ? (
          <a className="fact__action" href={href}>
            {value}
          </a>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

function MemberDetails({ member }: { member: Member }) {
  const { t } = useTranslation();
  const today = todayOn();
  const yes = (flag: boolean) => (flag ? t('common.yes') : null);
  const poverty =
    member.poverty === 'none'
      ? t('members.poverty.none')
      : `${t(`members.poverty.${member.poverty}`)}${member.povertyYear ? ` (${member.povertyYear})` : ''}`;
  return (
    <dl className="facts">
      <Fact label={t('members.field.gender')} value={t(`members.gender.${member.gender}`)} />
      <Fact
        label={t('members.field.birth')}
        value={`${member.birthDate ? formatDate(member.birthDate) : member.birthYear} · ${t('members.age', { count: ageOn(member, today) })}`}
      />
      {/* One tap calls the member. */}
      <Fact label={t('members.field.phone')} value={member.phone} href={member.phone ? `tel:${member.phone}` : undefined} />
      <Fact label={t('members.field.group')} value={member.group} />
      <Fact label={t('members.field.village')} value={member.village} />
      <Fact label={t('members.field.poverty')} value={poverty} />
      <Fact label={t('members.field.livesAlone')} value={yes(member.livesAlone)} />
      <Fact label={t('members.field.disability')} value={yes(member.disability)} />
      <Fact label={t('members.field.ethnicMinority')} value={yes(member.ethnicMinority)} />
      <Fact label={t('members.field.notMember')} value={yes(member.notMember)} />
      <Fact label={t('members.field.roles')} value={member.roles.map((r) => t(`members.role.${r}`)).join(', ')} />
      <Fact label={t('members.field.joinedOn')} value={member.joinedOn === null ? t('members.joinedBeforeShown') : formatDate(member.joinedOn)} />
      <Fact label={t('members.field.leftOn')} value={member.leftOn && formatDate(member.leftOn)} />
      <Fact label={t('members.field.citizenId')} value={member.citizenId} />
      <Fact label={t('members.field.notes')} value={member.notes} />
    </dl>
  );
}

export function MemberScreen({ id }: { id: string }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const [confirming, setConfirming] = useState<'leave' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const member = useLiveQuery(() => recordById(db, 'members', id).then((m) => m ?? null), [db, id]);
  const mayWrite = useMayWrite('members');
  const role = useDeviceRole();
  const readsFund = role !== undefined && canRead(entries, role);
  const readsCare = role !== undefined && canRead(visits, role);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await action();
      setConfirming(null);
      flash(done);
    } catch (e) {
      setError(e instanceof LocalWriteError ? e.messageKey : 'storage.failed');
    }
  };

  if (member === undefined) return <AppShell title={t('members.title')} back="/members">{null}</AppShell>;
  if (member === null) {
    return (
      <AppShell title={t('members.title')} back="/members">
        <p className="empty">{t('members.notFound')}</p>
      </AppShell>
    );
  }
  const hasLeft = member.leftOn !== null;
  return (
    <AppShell title={member.fullName} back="/members">
      {hasLeft && <p className="notice">{t('members.hasLeft', { date: formatDate(member.leftOn!) })}</p>}
      <MemberDetails member={member} />
      {readsCare && (
        <div className="actions">
          <Link href={`/health/people/${member.id}`} className="button">
            {t('members.health')}
          </Link>
          <Link href={`/care/people/${member.id}`} className="button">
            {t('members.care')}
          </Link>
        </div>
      )}
      <Suspense fallback={null}>
        <MemberAttendance member={member} />
      </Suspense>
      {readsFund && (
        <Suspense fallback={null}>
          <MemberLoans memberId={member.id} name={member.fullName} />
        </Suspense>
      )}
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
      {mayWrite && (
      <div className="actions">
        <Link href={`/members/${member.id}/edit`} className="button button--primary">
          {t('common.edit')}
        </Link>
        {hasLeft ? (
          <button type="button" className="button" onClick={() => run(() => updateRecord(db, 'members', member.id, { leftOn: null }), t('members.rejoined'))}>
            {t('members.rejoin')}
          </button>
        ) : confirming === 'leave' ? (
          <div className="confirm">
            <p>{t('members.confirmLeave', { name: member.fullName })}</p>
            <button type="button" className="button button--primary" onClick={() => run(() => updateRecord(db, 'members', member.id, { leftOn: todayOn() }), t('members.markedLeft'))}>
              {t('members.markLeftToday')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming('leave')}>
            {t('members.markLeft')}
          </button>
        )}
        {confirming === 'delete' ? (
          <div className="confirm confirm--danger">
            <p>{t('members.confirmDelete', { name: member.fullName })}</p>
            <button
              type="button"
              className="button button--danger"
              onClick={() =>
                run(async () => {
                  await deleteRecord(db, 'members', member.id);
                  navigate('/members', { replace: true });
                }, t('members.deleted'))
              }
            >
              {t('members.deleteForGood')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirming('delete')}>
            {t('members.delete')}
          </button>
        )}
      </div>
      )}
    </AppShell>
  );
}

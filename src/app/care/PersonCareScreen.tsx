import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { planInForce } from '../../domain/care-plans';
import { formatDate, todayOn } from '../../domain/dates';
import { plansOfPerson, visitsOfPerson } from '../../local/care-queries';
import { liveRecords, recordById } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { StrikeOutButton } from '../ui/StrikeOutButton';
import { useCareStrings } from './strings';

/** One person cared for: their plan, a button to log a visit, and every visit, struck-out ones struck through. */
export function PersonCareScreen({ id }: { id: string }) {
  const { t } = useCareStrings();
  const db = useDatabase();
  const mayVisit = useMayWrite('visits');
  const mayPlan = useMayWrite('carePlans');
  const mayStrike = useMayWrite('strikeOuts');
  const today = todayOn();
  const data = useLiveQuery(async () => {
    const [person, plans, visits, members] = await Promise.all([recordById(db, 'members', id), plansOfPerson(db, id), visitsOfPerson(db, id), liveRecords(db, 'members')]);
    return { person: person ?? null, plans, visits, names: new Map(members.map((m) => [m.id, m.fullName])) };
  }, [db, id]);
  if (!data) return <AppShell title={t('title')} back="/care">{null}</AppShell>;
  if (!data.person) {
    return (
      <AppShell title={t('title')} back="/care">
        <p className="empty">{t('personNotFound')}</p>
      </AppShell>
    );
  }
  const plan = data.plans.find((p) => planInForce(p, today)) ?? null;
  const name = (memberId: string) => data.names.get(memberId) ?? t('unknownPerson');
  return (
    <AppShell title={data.person.fullName} back="/care">
      {data.person.notMember && <p className="field__hint">{t('notMember')}</p>}
      <section className="club-card" aria-labelledby="plan-title">
        <h2 id="plan-title">{t('planTitle')}</h2>
        {plan ? (
          <>
            <p>{t('planVolunteers', { names: plan.volunteerIds.map(name).join(', ') })}</p>
            <p>{t('planRhythm', { count: plan.visitsPerWeek, date: formatDate(plan.startedOn) })}</p>
            {plan.usualHelp.length > 0 && <p>{t('planHelp', { help: plan.usualHelp.map((h) => t(`help.${h}`)).join(', ') })}</p>}
            {plan.endedOn && <p>{t('planEnds', { date: formatDate(plan.endedOn) })}</p>}
          </>
        ) : (
          <p>{t('noPlan')}</p>
        )}
        {mayPlan && (
          <Link href={plan ? `/care/plans/${plan.id}/edit` : `/care/plans/new?person=${id}`} className="button">
            {plan ? t('editPlan') : t('addPlan')}
          </Link>
        )}
      </section>
      <div className="actions">
        {mayVisit && (
          <Link href={`/care/visit/${id}`} className="button button--primary">
            + {t('logVisit')}
          </Link>
        )}
        <Link href={`/health/people/${id}`} className="button">
          {t('toHealth')}
        </Link>
      </div>
      <h2 className="section-title">{t('visitsTitle', { count: data.visits.filter((v) => !v.struckOut).length })}</h2>
      {data.visits.length === 0 && <p className="empty">{t('visitsNone')}</p>}
      <ul className="record-list">
        {data.visits.map((visit) => (
          <li key={visit.id} className={visit.struckOut ? 'record-row record-row--struck' : 'record-row'}>
            <span className="record-row__title">
              {formatDate(visit.visitedOn)} · {name(visit.volunteerId)}
              {visit.needsAttention && ` · ${t('needsAttention')}`}
            </span>
            <span className="record-row__facts">{visit.help.map((h) => t(`help.${h}`)).join(', ')}</span>
            {visit.note && <span className="record-row__facts">{visit.note}</span>}
            {visit.struckOut ? (
              <span className="record-row__facts">{t('strike.struck', { reason: visit.struckOut.reason })}</span>
            ) : (
              mayStrike && <StrikeOutButton collection="visits" recordId={visit.id} what={t('strikeWhat', { date: formatDate(visit.visitedOn) })} />
            )}
          </li>
        ))}
      </ul>
    </AppShell>
  );
}

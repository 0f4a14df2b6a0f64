import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { DEFAULT_OLDER_AGE_FROM } from '../../domain/club';
import { todayOn } from '../../domain/dates';
import { memberFigures } from '../../domain/indicators';
import { clubProfile, liveRecords } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useSampleBook } from './use-sample-book';

// Only a practice book shows it: it loads then, not with every home screen.
const SampleBookNotice = lazy(() => import('./SampleBookNotice').then((m) => ({ default: m.SampleBookNotice })));

function Figure({ label, value, detail, href }: { label: string; value: number; detail?: string; href: string }) {
  return (
    <Link href={href} className="figure">
      <span className="figure__value">{value}</span>
      <span className="figure__label">{label}</span>
      {detail && <span className="figure__detail">{detail}</span>}
    </Link>
  );
}

/** The club at a glance: who is in it, as the association counts them. */
export function HomeScreen() {
  const { t } = useTranslation();
  const db = useDatabase();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const members = useLiveQuery(() => liveRecords(db, 'members'), [db]);
  const mayWrite = useMayWrite('members');
  const sampleBook = useSampleBook();
  if (!club || !members) return <AppShell title={t('app.name')}>{null}</AppShell>;

  const olderAgeFrom = club.olderAgeFrom ?? DEFAULT_OLDER_AGE_FROM;
  const figures = memberFigures(members, todayOn(), olderAgeFrom);
  return (
    <AppShell title={t('app.name')}>
      {sampleBook && (
        <Suspense fallback={null}>
          <SampleBookNotice />
        </Suspense>
      )}
      {mayWrite && figures.members === 0 && (
        // A new book: the first thing to do, first on the screen.
        <section className="start-card" aria-labelledby="start-card-title">
          <h2 id="start-card-title">{t('home.startTitle')}</h2>
          <Link href="/members/new" className="button button--primary">
            + {t('members.add')}
          </Link>
          <p className="field__hint">{t('home.startExplain')}</p>
        </section>
      )}
      <section className="club-card">
        <h2 className="club-card__name">{club.name}</h2>
        <p className="club-card__place">{[club.village, club.commune, club.province].join(', ')}</p>
      </section>
      <div className="figures">
        <Figure label={t('home.members')} value={figures.members} href="/members" />
        <Figure
          label={t('home.women')}
          value={figures.women}
          detail={figures.womenPercent === null ? undefined : t('home.percent', { percent: figures.womenPercent })}
          href="/members?filter=women"
        />
        <Figure label={t('home.older', { age: olderAgeFrom })} value={figures.older} href="/members?filter=older" />
        <Figure
          label={t('home.poor')}
          value={figures.poor + figures.nearPoor}
          detail={t('home.poorDetail', { poor: figures.poor, nearPoor: figures.nearPoor })}
          href="/members?filter=poor"
        />
        <Figure label={t('home.volunteers')} value={figures.volunteers} href="/members?filter=volunteers" />
        <Figure label={t('home.careRecipients')} value={figures.careRecipients} href="/members?filter=careRecipients" />
      </div>
      {mayWrite && figures.members > 0 && (
        <div className="actions">
          <Link href="/members/new" className="button button--primary">
            + {t('members.add')}
          </Link>
        </div>
      )}
    </AppShell>
  );
}

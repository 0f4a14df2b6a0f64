import { Suspense, lazy, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { newClubFields } from '../../domain/club';
import { todayOn } from '../../domain/dates';
import { useDatabase } from '../database-context';
import { chosenLanguage } from '../preferences';
import { LanguagePicker } from '../ui/LanguagePicker';
import { TextSizePicker } from '../ui/TextSizePicker';
import { useTranslation } from 'react-i18next';

// A new phone's first screen is the language choice: the forms of the later steps (and
// their form library) load while the person reads it, not before it shows.
const ClubForm = lazy(() => import('../settings/ClubForm').then((m) => ({ default: m.ClubForm })));
const JoinStep = lazy(() => import('./JoinStep').then((m) => ({ default: m.JoinStep })));
const BackupImport = lazy(() => import('../ui/BackupImport').then((m) => ({ default: m.BackupImport })));

const STEPS = ['language', 'start', 'create', 'join'] as const;
type Step = (typeof STEPS)[number];

/** Where each step's back arrow goes. */
const PARENT: Record<Step, Step | null> = { language: null, start: 'language', create: 'start', join: 'start' };

/**
 * One seed for every phone: at a training, each trainee's sample book holds the same people,
 * so the trainer can say "open Nguyễn Thị … and mark her visit". The dates follow today.
 */
const SAMPLE_SEED = 2026;

/** A step's address; an invite code from a scanned link travels along. */
function stepPath(step: Step, code: string | null): string {
  const search = new URLSearchParams({ step });
  if (code) search.set('code', code);
  return `/?${search}`;
}

/**
 * First start on a phone: pick a language and a text size, then either make the club's book
 * here (it works at once, offline; Settings → Server puts it on the association's server
 * later, records and all) or join a club already on the server with the chair's invite code.
 * Trainers and the curious may instead fill the phone with a sample club to practise on.
 * Each step is a page of its own in the browser's history, so the phone's Back goes back a
 * step instead of leaving the app; the forms keep what was typed as drafts either way.
 */
export function OnboardingScreen() {
  // Only the app's own words: the first screen of a new phone loads no screen's strings.
  const { t } = useTranslation();
  const db = useDatabase();
  const [path, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  // A phone that scanned an invite QR with its camera opens /join?code=…: go straight there.
  const inviteCode = search.get('code');
  const asked = search.get('step');
  // Without a step in the address: where a phone starts, decided once (choosing a language
  // must not move the person on before they have chosen a text size too).
  const [firstStep] = useState<Step>(() => (inviteCode ? 'join' : chosenLanguage() ? 'start' : 'language'));
  const step: Step = STEPS.includes(asked as Step) ? (asked as Step) : firstStep;
  const [makingSample, setMakingSample] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const go = (next: Step) => navigate(stepPath(next, inviteCode));

  const trySample = async () => {
    setMakingSample(true);
    setSampleError(null);
    try {
      // The generator itself loads only now (makeSampleBook imports it on demand).
      const { makeSampleBook } = await import('../../local/sample-book');
      // The book opens at the address the phone came in by, without the step, as soon as the
      // club is made; its history goes on filling in behind.
      await makeSampleBook(db, { seed: SAMPLE_SEED, today: todayOn() }, () => navigate(path, { replace: true }));
    } catch (error) {
      const { LocalWriteError } = await import('../../local/errors');
      setSampleError(error instanceof LocalWriteError ? error.messageKey : 'storage.failed');
      setMakingSample(false);
    }
  };

  const parent = PARENT[step];
  return (
    <div className="shell shell--plain">
      <header className="topbar">
        {parent && (
          <Link href={stepPath(parent, inviteCode)} className="topbar__back" aria-label={t('common.back')}>
            ‹
          </Link>
        )}
        <h1 className="topbar__title">{t('app.name')}</h1>
      </header>
      <main className="screen">
        <Suspense fallback={null}>
          {step === 'language' && (
            <section className="welcome">
              <p className="welcome__lead">{t('onboarding.chooseLanguage')}</p>
              <LanguagePicker />
              <h2>{t('onboarding.chooseTextSize')}</h2>
              <TextSizePicker />
              <div className="actions">
                <button type="button" className="button button--primary" onClick={() => go(inviteCode ? 'join' : 'start')}>
                  {t('onboarding.next')}
                </button>
              </div>
            </section>
          )}
          {step === 'start' && (
            <section className="welcome">
              <p className="welcome__lead">{t('onboarding.welcome')}</p>
              <div className="actions">
                <button type="button" className="button button--primary" onClick={() => go('create')}>
                  {t('onboarding.createClub')}
                </button>
                <button type="button" className="button" onClick={() => go('join')}>
                  {t('onboarding.joinClub')}
                </button>
              </div>
              <p>{t('onboarding.trySampleHint')}</p>
              <div className="actions">
                <button type="button" className="button" disabled={makingSample} onClick={trySample}>
                  {makingSample ? t('onboarding.makingSample') : t('onboarding.trySample')}
                </button>
              </div>
              {sampleError && (
                <p className="form__error" role="alert">
                  {t(sampleError)}
                </p>
              )}
              <p>{t('onboarding.restoreHint')}</p>
              <BackupImport />
            </section>
          )}
          {step === 'join' && <JoinStep code={inviteCode} />}
          {step === 'create' && (
            <section>
              <p className="welcome__lead">{t('onboarding.createLead')}</p>
              <ClubForm
                draftKey="club:new"
                initial={newClubFields()}
                withRules={false}
                submitLabel={t('onboarding.createButton')}
                onSave={async (fields) => {
                  const { createClub } = await import('../../local/club');
                  await createClub(db, fields);
                  navigate(path, { replace: true });
                }}
              />
            </section>
          )}
        </Suspense>
      </main>
    </div>
  );
}

import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { newClubFields } from '../../domain/club';
import { todayOn } from '../../domain/dates';
import { useDatabase } from '../database-context';
import { chosenLanguage } from '../preferences';
import { LanguagePicker } from '../ui/LanguagePicker';

// A new phone's first screen is the language choice: the forms of the later steps (and
// their form library) load while the person reads it, not before it shows.
const ClubForm = lazy(() => import('../settings/ClubForm').then((m) => ({ default: m.ClubForm })));
const JoinStep = lazy(() => import('./JoinStep').then((m) => ({ default: m.JoinStep })));
const BackupImport = lazy(() => import('../ui/BackupImport').then((m) => ({ default: m.BackupImport })));

type Step = 'language' | 'start' | 'create' | 'join';

/**
 * One seed for every phone: at a training, each trainee's sample book holds the same people,
 * so the trainer can say "open Nguyễn Thị … and mark her visit". The dates follow today.
 */
const SAMPLE_SEED = 2026;

/**
 * First start on a phone: pick a language, then either make the club's book here (it
 * works at once, offline; Settings → Server puts it on the association's server later,
 * records and all) or join a club already on the server with the chair's invite code.
 * Trainers and the curious may instead fill the phone with a sample club to practise on.
 */
export function OnboardingScreen() {
  const { t } = useTranslation();
  const db = useDatabase();
  // A phone that scanned an invite QR with its camera opens /join?code=…: go straight there.
  const inviteCode = new URLSearchParams(useSearch()).get('code');
  const [step, setStep] = useState<Step>(inviteCode ? 'join' : chosenLanguage() ? 'start' : 'language');
  const [makingSample, setMakingSample] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);

  const trySample = async () => {
    setMakingSample(true);
    setSampleError(null);
    try {
      // The generator itself loads only now (makeSampleBook imports it on demand).
      const { makeSampleBook } = await import('../../local/sample-book');
      await makeSampleBook(db, { seed: SAMPLE_SEED, today: todayOn() });
    } catch (error) {
      const { LocalWriteError } = await import('../../local/errors');
      setSampleError(error instanceof LocalWriteError ? error.messageKey : 'storage.failed');
      setMakingSample(false);
    }
  };

  return (
    <div className="shell shell--plain">
      <header className="topbar">
        <h1 className="topbar__title">{t('app.name')}</h1>
      </header>
      <main className="screen">
        <Suspense fallback={null}>
          {step === 'language' && (
            <section className="welcome">
              <p className="welcome__lead">{t('onboarding.chooseLanguage')}</p>
              <LanguagePicker onChosen={() => setStep(inviteCode ? 'join' : 'start')} />
            </section>
          )}
          {step === 'start' && (
            <section className="welcome">
              <p className="welcome__lead">{t('onboarding.welcome')}</p>
              <div className="actions">
                <button type="button" className="button button--primary" onClick={() => setStep('create')}>
                  {t('onboarding.createClub')}
                </button>
                <button type="button" className="button" onClick={() => setStep('join')}>
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
              <button type="button" className="button button--quiet" onClick={() => setStep('language')}>
                {t('settings.language')}
              </button>
            </section>
          )}
          {step === 'join' && <JoinStep code={inviteCode} />}
          {step === 'create' && (
            <section>
              <p className="welcome__lead">{t('onboarding.createLead')}</p>
              <ClubForm
                initial={newClubFields()}
                withRules={false}
                submitLabel={t('onboarding.createButton')}
                onSave={async (fields) => {
                  const { createClub } = await import('../../local/club');
                  await createClub(db, fields);
                }}
              />
            </section>
          )}
        </Suspense>
      </main>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { newClubFields } from '../../domain/club';
import { createClub } from '../../local/club';
import { useDatabase } from '../database-context';
import { chosenLanguage } from '../preferences';
import { BackupImport } from '../ui/BackupImport';
import { LanguagePicker } from '../ui/LanguagePicker';
import { ClubForm } from '../settings/ClubForm';
import { JoinStep } from './JoinStep';

type Step = 'language' | 'start' | 'create' | 'join';

/**
 * First start on a phone: pick a language, then either make the club's book here (it
 * works at once, offline; Settings → Server puts it on the association's server later,
 * records and all) or join a club already on the server with the chair's invite code.
 */
export function OnboardingScreen() {
  const { t } = useTranslation();
  const db = useDatabase();
  // A phone that scanned an invite QR with its camera opens /join?code=…: go straight there.
  const inviteCode = new URLSearchParams(useSearch()).get('code');
  const [step, setStep] = useState<Step>(inviteCode ? 'join' : chosenLanguage() ? 'start' : 'language');

  return (
    <div className="shell shell--plain">
      <header className="topbar">
        <h1 className="topbar__title">{t('app.name')}</h1>
      </header>
      <main className="screen">
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
                await createClub(db, fields);
              }}
            />
          </section>
        )}
      </main>
    </div>
  );
}

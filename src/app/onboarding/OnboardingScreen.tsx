import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newClubFields } from '../../domain/club';
import { createClub } from '../../local/club';
import { useDatabase } from '../database-context';
import { chosenLanguage } from '../preferences';
import { BackupImport } from '../ui/BackupImport';
import { LanguagePicker } from '../ui/LanguagePicker';
import { ClubForm } from '../settings/ClubForm';

type Step = 'language' | 'start' | 'create';

/**
 * First start on a phone: pick a language, then make the club's book here. The club
 * lives on this phone; connecting it to the association's server comes later and will
 * upload what was made here, so nothing typed before then is lost.
 */
export function OnboardingScreen() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [step, setStep] = useState<Step>(chosenLanguage() ? 'start' : 'language');

  return (
    <div className="shell shell--plain">
      <header className="topbar">
        <h1 className="topbar__title">{t('app.name')}</h1>
      </header>
      <main className="screen">
        {step === 'language' && (
          <section className="welcome">
            <p className="welcome__lead">Chọn ngôn ngữ · Choose a language</p>
            <LanguagePicker onChosen={() => setStep('start')} />
          </section>
        )}
        {step === 'start' && (
          <section className="welcome">
            <p className="welcome__lead">{t('onboarding.welcome')}</p>
            <div className="actions">
              <button type="button" className="button button--primary" onClick={() => setStep('create')}>
                {t('onboarding.createClub')}
              </button>
            </div>
            <p>{t('onboarding.restoreHint')}</p>
            <BackupImport />
            <button type="button" className="button button--quiet" onClick={() => setStep('language')}>
              {t('settings.language')}
            </button>
          </section>
        )}
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

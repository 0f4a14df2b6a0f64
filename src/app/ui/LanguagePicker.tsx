import { useTranslation } from 'react-i18next';
import { LANGUAGES, rememberLanguage, type Language } from '../preferences';

const NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/** Each language is named in itself, so a person who cannot read the other finds theirs. */
export function LanguagePicker({ onChosen }: { onChosen?: (language: Language) => void }) {
  const { i18n, t } = useTranslation();
  return (
    <div className="choices" role="radiogroup" aria-label={t('settings.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          role="radio"
          lang={language}
          aria-checked={i18n.language === language}
          className={i18n.language === language ? 'choice choice--on' : 'choice'}
          onClick={() => {
            rememberLanguage(language);
            void i18n.changeLanguage(language);
            onChosen?.(language);
          }}
        >
          {NAMES[language]}
        </button>
      ))}
    </div>
  );
}

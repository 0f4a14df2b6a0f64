import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/setup';
import { LANGUAGES, rememberLanguage, type Language } from '../preferences';
import { ChoiceButtons } from './ChoiceButtons';

const NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/** Each language is named in itself, so a person who cannot read the other finds theirs. */
export function LanguagePicker({ onChosen }: { onChosen?: (language: Language) => void }) {
  const { i18n, t } = useTranslation();
  return (
    <ChoiceButtons
      label={t('settings.language')}
      value={i18n.language as Language}
      choices={LANGUAGES.map((language) => ({ value: language, label: NAMES[language], lang: language }))}
      onChoose={(language) => {
        rememberLanguage(language);
        void switchLanguage(i18n, language).then(() => onChosen?.(language));
      }}
    />
  );
}

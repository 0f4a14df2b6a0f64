import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, applyTextSize, textSize, type TextSize } from '../preferences';
import { ChoiceButtons } from './ChoiceButtons';

/** Three sizes, each shown in its own size, so the person sees what they choose. */
export function TextSizePicker() {
  const { t } = useTranslation();
  const [size, setSize] = useState<TextSize>(textSize());
  return (
    <ChoiceButtons
      label={t('settings.textSize')}
      value={size}
      choices={TEXT_SIZES.map((option) => ({ value: option, label: t(`settings.size.${option}`), className: `choice--size-${option}` }))}
      onChoose={(option) => {
        applyTextSize(option);
        setSize(option);
      }}
    />
  );
}

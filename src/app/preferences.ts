/**
 * Choices that belong to this phone and this person, not to the club: they are kept in
 * localStorage, never synced. (A chair who reads large text does not want the treasurer's
 * phone to change.)
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TEXT_SIZES = ['normal', 'large', 'extraLarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

const KEYS = { language: 'so-clb.language', textSize: 'so-clb.textSize' } as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or a full disk: the choice lasts until the page closes.
  }
}

/** The language chosen on this phone, or null before the person has chosen one. */
export function chosenLanguage(): Language | null {
  const value = read(KEYS.language);
  return LANGUAGES.includes(value as Language) ? (value as Language) : null;
}

export function rememberLanguage(language: Language): void {
  write(KEYS.language, language);
}

export function textSize(): TextSize {
  const value = read(KEYS.textSize);
  return TEXT_SIZES.includes(value as TextSize) ? (value as TextSize) : 'normal';
}

/** The root font size follows the setting; every size in the stylesheet is in rem. */
export function applyTextSize(size: TextSize): void {
  write(KEYS.textSize, size);
  document.documentElement.dataset.textSize = size;
}

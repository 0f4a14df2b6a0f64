import { validationMessagesEn } from './validation-messages-en';
import { validationMessagesVi } from './validation-messages-vi';

/**
 * The sentences behind the schemas' message keys, in both languages: the server uses them
 * to explain a refused change in the language the phone asked for.
 */
export const validationMessages = { vi: validationMessagesVi, en: validationMessagesEn } as const;

export type ValidationMessageKey = keyof (typeof validationMessages)['vi'];

/** "validation.phone" → the sentence in a language, for the server's error messages. */
export function validationMessage(key: string, language: 'vi' | 'en'): string {
  const short = key.replace(/^validation\./, '') as ValidationMessageKey;
  // Own keys only: a key named like an Object.prototype member (toString) must fall back
  // too, not return that function.
  return Object.hasOwn(validationMessages[language], short)
    ? validationMessages[language][short]
    : validationMessages[language].invalidValue;
}

import { useBookStrings } from './book-strings';
import { screensEn } from './screens-en';
import { screensVi } from './screens-vi';

/**
 * The words of the screens that load when opened (namespace "screens": settings' panels, the
 * server, invites, phones, backup, the lock, the forms' messages). Each such screen calls this
 * first; every `t()` inside it then finds them (setup.ts: the "screens" namespace is a
 * fallback of every other), and the first screen's JavaScript carries none of them.
 */
export function useScreenStrings() {
  return useBookStrings('screens', { vi: screensVi, en: screensEn });
}

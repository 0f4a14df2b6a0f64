import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { AssociationRoutes } from '../../../src/app/association/AssociationRoutes';
import { TOKEN_KEY } from '../../../src/app/association/api';
import { setUpI18n } from '../../../src/app/i18n/setup';
import type { Language } from '../../../src/app/preferences';

/**
 * The association's pages on their own, as App.tsx shows them for /association: an officer's
 * browser, in a language, at an address, signed in already (a token kept) or not.
 */
export async function renderAssociation(options: { path?: string; language?: Language; token?: string } = {}) {
  if (options.token) localStorage.setItem(TOKEN_KEY, options.token);
  const location = memoryLocation({ path: options.path ?? '/association', record: true });
  const i18n = await setUpI18n(options.language ?? 'vi');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <AssociationRoutes />
      </Router>
    </I18nextProvider>,
  );
  /** The address now, path and query. */
  const address = () => location.history!.at(-1)!;
  return { location, i18n, view, address };
}

import { useCallback, useState, type ReactNode } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import type { AssociationSummary } from '../../domain/protocol';
import { LanguagePicker } from '../ui/LanguagePicker';
import { forgetToken, storedToken } from './api';
import { ClubReportsPage } from './ClubReportsPage';
import { SignInPage } from './SignInPage';
import { useAssociationStrings } from './strings';
import { scopeName } from './view-figures';
import { ViewPage } from './ViewPage';
import './association.css';

/** The page's frame: a way past the bar, the bar (who is signed in, signing out), the page, the language. */
function Frame({ account, onSignOut, children }: { account: AssociationSummary | null; onSignOut: (() => void) | null; children: ReactNode }) {
  const { t } = useAssociationStrings();
  return (
    <div className="association">
      <a className="association-skip" href="#association-main">
        {t('app.skip')}
      </a>
      <header className="association-bar">
        <span className="association-bar__name">{t('app.name')}</span>
        {account && (
          <span className="association-bar__account">
            {t('view.account', { name: account.name })}
            {' · '}
            {scopeName(account, t)}
          </span>
        )}
        {onSignOut && (
          <button type="button" className="button association-bar__sign-out" onClick={onSignOut}>
            {t('signOut')}
          </button>
        )}
      </header>
      <main id="association-main" className="association-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="association-footer" aria-label={t('app.language')}>
        <LanguagePicker />
      </footer>
    </div>
  );
}

/**
 * The association officer's pages (loaded lazily from App.tsx, for /association and below):
 * online only, with no club book on the browser. Without a token, or once the server refuses
 * it, the sign-in; then the view of the officer's area (/association?period=…&province=…&commune=…)
 * and a club's reports (/association/clubs/:id).
 */
export function AssociationRoutes() {
  // Both namespaces are in before any page reads them.
  useAssociationStrings();
  const [, navigate] = useLocation();
  const [signedIn, setSignedIn] = useState(() => storedToken() !== null);
  const [account, setAccount] = useState<AssociationSummary | null>(null);
  const [notice, setNotice] = useState<'ended' | 'signedOut' | null>(null);

  const ended = useCallback(() => {
    forgetToken();
    setSignedIn(false);
    setAccount(null);
    setNotice('ended');
  }, []);
  const signOut = () => {
    forgetToken();
    setSignedIn(false);
    setAccount(null);
    setNotice('signedOut');
    navigate('/association');
  };

  if (!signedIn) {
    return (
      <Frame account={null} onSignOut={null}>
        <SignInPage
          notice={notice}
          onSignedIn={(association) => {
            setAccount(association);
            setNotice(null);
            setSignedIn(true);
          }}
        />
      </Frame>
    );
  }
  return (
    <Frame account={account} onSignOut={signOut}>
      <Switch>
        <Route path="/association/clubs/:id">{(params) => <ClubReportsPage id={params.id} onUnauthorized={ended} />}</Route>
        <Route>
          <ViewPage onUnauthorized={ended} onAccount={setAccount} />
        </Route>
      </Switch>
    </Frame>
  );
}

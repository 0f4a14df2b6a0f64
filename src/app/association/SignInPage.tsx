import { useId, useRef, useState, type FormEvent } from 'react';
import type { AssociationSummary } from '../../domain/protocol';
import { AssociationApiError, keepToken, signIn } from './api';
import { usePageTitle } from './page';
import { useAssociationStrings, type Translate } from './strings';

/** Why the last try failed ('signIn.*' keys), or the server's own sentence. */
function signInProblem(error: unknown, t: Translate): string {
  if (!(error instanceof AssociationApiError)) return t('problem.failed', { status: '—' });
  switch (error.kind) {
    case 'offline':
      return t('problem.offline');
    case 'not_found':
    case 'unauthorized':
    case 'forbidden':
      return error.serverMessage ?? t('signIn.badCode');
    case 'rate_limited':
      return error.serverMessage ?? t('signIn.rateLimited');
    case 'invalid':
      return error.serverMessage ?? t('signIn.notCode');
    default:
      return error.serverMessage ?? t('problem.failed', { status: error.status ?? '—' });
  }
}

/** Letters and digits, with the spaces and dashes people copy codes with ("K7M2 PX9Q", "k7m2-px9q"). */
const CODE_SHAPE = /^[A-Za-z0-9\s-]+$/;

/**
 * The officer signs in with the account's code: one big field, one button. What went wrong
 * (a mistyped or cancelled code, no network, too many tries) is said beside the field, and the
 * code stays there to be corrected. The token is kept on this browser; nothing else is.
 */
export function SignInPage({ notice, onSignedIn }: { notice: 'ended' | 'signedOut' | null; onSignedIn: (association: AssociationSummary) => void }) {
  const { t, i18n } = useAssociationStrings();
  usePageTitle(t('signIn.title'));
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    const wrong = typed === '' ? t('signIn.empty') : CODE_SHAPE.test(typed) ? null : t('signIn.notCode');
    if (wrong) {
      setProblem(wrong);
      field.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const answer = await signIn(typed, i18n.language);
      keepToken(answer.token);
      onSignedIn(answer.association);
    } catch (error) {
      setProblem(signInProblem(error, t));
      setBusy(false);
      field.current?.focus();
    }
  };

  return (
    <div className="association-sign-in">
      <h1 className="association-title">{t('signIn.title')}</h1>
      {notice && (
        <p className="notice" role="status">
          {t(notice === 'ended' ? 'signIn.ended' : 'signIn.signedOut')}
        </p>
      )}
      <p className="association-lead">{t('signIn.lead')}</p>
      <form className="form association-sign-in__form" onSubmit={submit} noValidate>
        <div className={problem ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-code`}>
            {t('signIn.code')}
          </label>
          <span className="field__hint" id={`${id}-hint`}>
            {t('signIn.codeHint')}
          </span>
          <input
            ref={field}
            id={`${id}-code`}
            className="input association-code"
            type="text"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            inputMode="text"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
          />
          <p className="field__error" id={`${id}-problem`} role="alert">
            {problem}
          </p>
        </div>
        <button type="submit" className="button button--primary association-sign-in__submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p className="field__hint association-privacy">{t('signIn.privacy')}</p>
    </div>
  );
}

import { useEffect } from 'react';
import { Link } from 'wouter';
import type { AssociationApiError } from './api';
import { useAssociationStrings, type Translate } from './strings';

/** The tab's title: "Bắc Ninh · Sổ CLB". */
export function usePageTitle(page: string): void {
  const { t } = useAssociationStrings();
  const title = t('app.docTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** Why a call failed, in the person's language: the server's own sentence when it sent one. */
export function problemText(problem: AssociationApiError, t: Translate): string {
  switch (problem.kind) {
    case 'offline':
      return t('problem.offline');
    case 'forbidden':
      return problem.serverMessage ?? t('problem.forbidden');
    case 'not_found':
      return problem.serverMessage ?? t('problem.notFound');
    case 'rate_limited':
      return problem.serverMessage ?? t('signIn.rateLimited');
    default:
      return problem.serverMessage ?? t('problem.failed', { status: problem.status ?? '—' });
  }
}

/**
 * A page that could not be shown: why, and what to do — try again (no network, a server
 * fault) or go back to the officer's own area (outside it, not found, a bad address).
 */
export function ProblemView({ problem, onRetry }: { problem: AssociationApiError; onRetry: () => void }) {
  const { t } = useAssociationStrings();
  const retry = problem.kind === 'offline' || problem.kind === 'failed' || problem.kind === 'rate_limited';
  return (
    <div className="association-problem">
      <p className="form__error" role="alert">
        {problemText(problem, t)}
      </p>
      <div className="button-row">
        {retry ? (
          <button type="button" className="button button--primary" onClick={onRetry}>
            {t('problem.retry')}
          </button>
        ) : (
          <Link href="/association" className="button">
            {t('problem.home')}
          </Link>
        )}
      </div>
    </div>
  );
}

/** While the answer is on its way. */
export function Loading() {
  const { t } = useAssociationStrings();
  return (
    <p className="association-loading" role="status" aria-busy="true">
      {t('view.loading')}
    </p>
  );
}

import { useEffect, useEffectEvent, useState } from 'react';
import { AssociationApiError } from './api';

export type Remote<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; problem: AssociationApiError };

/**
 * What a page asks the server for, by a key (its address): loading while the answer for this
 * key and this try is not in, then the answer or why it failed. A 401 is not shown here: the
 * officer goes back to signing in (`onUnauthorized`). `retry` asks again.
 */
export function useRemote<T>(key: string, load: (signal: AbortSignal) => Promise<T>, onUnauthorized: () => void): [Remote<T>, () => void] {
  const [tries, setTries] = useState(0);
  const [result, setResult] = useState<{ key: string; remote: Remote<T> } | null>(null);
  const asked = `${tries}|${key}`;
  const run = useEffectEvent(load);
  const signedOut = useEffectEvent(onUnauthorized);
  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ key: asked, remote: { state: 'ready', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = error instanceof AssociationApiError ? error : new AssociationApiError('failed', null, null);
        if (problem.kind === 'unauthorized') signedOut();
        else setResult({ key: asked, remote: { state: 'failed', problem } });
      },
    );
    return () => controller.abort();
  }, [asked]);
  const remote: Remote<T> = result?.key === asked ? result.remote : { state: 'loading' };
  return [remote, () => setTries((n) => n + 1)];
}

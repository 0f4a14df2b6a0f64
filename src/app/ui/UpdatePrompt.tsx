import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasUnsavedWork } from './unsaved-work';

/** What main.tsx learns from the service worker: a new version is waiting, and how to start it. */
export interface UpdateState {
  subscribe(listener: () => void): () => void;
  isWaiting(): boolean;
  activate(): void;
}

/**
 * "A new version is ready — reload", and never a reload by itself: the person may be in
 * the middle of a form. While a form holds unsaved typing the button waits for it.
 */
export function UpdatePrompt({ update }: { update: UpdateState }) {
  const { t } = useTranslation();
  const waiting = useSyncExternalStore(update.subscribe, update.isWaiting);
  const unsaved = useHasUnsavedWork();
  if (!waiting) return null;
  return (
    <div className="update" role="status">
      <p>{unsaved ? t('update.finishFirst') : t('update.ready')}</p>
      <button type="button" className="button button--primary" disabled={unsaved} onClick={update.activate}>
        {t('update.reload')}
      </button>
    </div>
  );
}

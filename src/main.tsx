import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './app/i18n/setup';
import { registerServiceWorker } from './app/service-worker-updates';
import { ClubBookDatabase } from './local/database';
import './app/ui/app.css';

/**
 * What the first screen does not need (the sync engine, the service worker's helper) loads
 * once that screen is drawn and the phone has a quiet moment, so it neither adds to the
 * first screen's JavaScript nor takes a slow phone's CPU from drawing it.
 */
let firstScreenShown = () => {};
const afterFirstScreen = new Promise<void>((resolve) => (firstScreenShown = resolve)).then(
  () =>
    new Promise<void>((resolve) => {
      if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 1000 });
      else setTimeout(resolve, 100);
    }),
);

const db = new ClubBookDatabase();
const i18n = await setUpI18n();
const update = registerServiceWorker(afterFirstScreen);
// Sends and fetches in the background whenever it can; a phone not connected to a server
// simply has nothing to do. The badge reads the outcome from the database.
const syncing = afterFirstScreen
  .then(() => import('./sync/triggers'))
  .then(({ startSyncing }) => startSyncing(db, { language: i18n.language }));
const sync = { syncNow: () => syncing.then((controller) => controller.syncNow()) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App db={db} i18n={i18n} update={update} sync={sync} onFirstScreen={firstScreenShown} />
  </StrictMode>,
);

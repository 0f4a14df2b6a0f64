import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './app/i18n/setup';
import { registerServiceWorker } from './app/service-worker-updates';
import { ClubBookDatabase } from './local/database';
import './app/ui/app.css';

const db = new ClubBookDatabase();
const i18n = await setUpI18n();
const update = registerServiceWorker();
// Sends and fetches in the background whenever it can; a phone not connected to a server
// simply has nothing to do. The badge reads the outcome from the database. The engine
// loads beside the first screen, not in front of it.
const syncing = import('./sync/triggers').then(({ startSyncing }) => startSyncing(db, { language: i18n.language }));
const sync = { syncNow: () => syncing.then((controller) => controller.syncNow()).then(() => undefined) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App db={db} i18n={i18n} update={update} sync={sync} />
  </StrictMode>,
);

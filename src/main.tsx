import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './app/i18n/setup';
import { registerServiceWorker } from './app/service-worker-updates';
import { ClubBookDatabase } from './local/database';
import './app/ui/app.css';

const db = new ClubBookDatabase();
const i18n = setUpI18n();
const update = registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App db={db} i18n={i18n} update={update} />
  </StrictMode>,
);

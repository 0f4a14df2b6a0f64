import { render } from '@testing-library/react';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../src/app/App';
import { setUpI18n } from '../../src/app/i18n/setup';
import { rememberLanguage, type Language } from '../../src/app/preferences';
import type { SyncControl } from '../../src/app/sync/sync-context';
import type { UpdateState } from '../../src/app/ui/UpdatePrompt';
import { newClubFields } from '../../src/domain/club';
import { createClub } from '../../src/local/club';
import { ClubBookDatabase } from '../../src/local/database';

/** A fresh phone: its own IndexedDB database (fake-indexeddb), language and address. */
export async function renderApp(
  options: {
    path?: string;
    language?: Language;
    withClub?: boolean;
    update?: UpdateState;
    sync?: SyncControl;
    /** What the phone already holds when the app opens (a connection, a lock, records). */
    before?: (db: ClubBookDatabase) => Promise<void>;
  } = {},
) {
  const db = new ClubBookDatabase(`app-test-${crypto.randomUUID()}`);
  if (options.language) rememberLanguage(options.language);
  if (options.withClub ?? true) {
    await createClub(db, {
      ...newClubFields(),
      name: 'CLB Liên thế hệ thôn Đông',
      village: 'Thôn Đông',
      commune: 'Xã Tân Chi',
      province: 'Bắc Ninh',
    });
  }
  await options.before?.(db);
  const location = memoryLocation({ path: options.path ?? '/', record: true });
  const i18n = await setUpI18n(options.language ?? 'vi');
  const view = render(<App db={db} i18n={i18n} location={location} update={options.update} sync={options.sync} />);
  return { db, location, i18n, view };
}

/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { ClubBookDatabase } from './local/database';
import { BACKGROUND_SYNC_TAG, handleBackgroundSync } from './sync/background';

declare const self: ServiceWorkerGlobalScope;

// The whole app shell (HTML, JS, CSS, icons) is cached at install, so the app starts and
// works with no network at all. The list is injected at build time by vite-plugin-pwa.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page address opens the app from the cache; the API is never answered from here.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// A new version waits until the person taps "Reload" (see app/service-worker-updates.ts).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync (Chrome on Android): the page registers 'sync' after a local write, and
// the browser fires this when the network is back, even after the app was closed. A
// retryable failure rejects, so the browser tries again later.
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag !== BACKGROUND_SYNC_TAG) return;
  const db = new ClubBookDatabase();
  syncEvent.waitUntil(handleBackgroundSync(db).finally(() => db.close()));
});

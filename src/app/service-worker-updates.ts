import type { UpdateState } from './ui/UpdatePrompt';

/**
 * Registers the service worker (src/sw.ts, built by vite-plugin-pwa) and reports when a
 * new version is installed and waiting. It activates only when the person taps "Reload":
 * registerType 'prompt' — a reload by itself could wipe a half-filled form.
 */
export function registerServiceWorker(when: Promise<void> = Promise.resolve()): UpdateState | undefined {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return undefined;
  let waiting = false;
  let activate = () => {};
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  // workbox-window is only needed once the first screen is up: load it after.
  void when.then(() => import('workbox-window')).then(({ Workbox }) => {
    const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
    let reloadWhenActive = false;
    workbox.addEventListener('waiting', () => {
      waiting = true;
      notify();
    });
    workbox.addEventListener('controlling', () => {
      if (reloadWhenActive) window.location.reload();
    });
    activate = () => {
      reloadWhenActive = true;
      workbox.messageSkipWaiting();
    };
    void workbox.register();
    // A phone may keep the app open for days: look for a new version every hour.
    setInterval(() => void workbox.update(), 60 * 60 * 1000);
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isWaiting: () => waiting,
    activate: () => activate(),
  };
}

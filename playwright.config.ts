import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in the machine's own Chromium (never a downloaded browser), on the
 * production build, at the size of a cheap Android phone.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  // Two at once, one per core: the specs spend most of their time waiting on a server, a sync
  // or a timer (5.4 min one at a time, 3.0–3.2 min two at once, measured twice each). Each spec
  // has a port and a data folder of its own. (Once, with two, the meeting book's two-phone test
  // found the board's phone without its tabs; not seen since the fund book's suite.)
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});

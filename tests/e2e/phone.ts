import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../playwright.config';

/**
 * A phone with a real profile on disk (not an incognito context): Chromium only calls an
 * app installable, and only keeps IndexedDB and the service worker's cache as a phone
 * would, in a normal profile.
 */
export async function openPhone(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'so-clb-phone-'));
  const use = config.use!;
  const context = await chromium.launchPersistentContext(profile, {
    ...use.launchOptions,
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    locale: use.locale,
    timezoneId: use.timezoneId,
    serviceWorkers: 'allow',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

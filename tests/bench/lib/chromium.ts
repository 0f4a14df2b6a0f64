import { tmpdir } from 'node:os';
import { join } from 'node:path';
import playwrightConfig from '../../../playwright.config';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';

/** A mid-range Android phone's screen (the 412×823, Pixel-class), touch, Vietnamese. */
export const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
} as const;

/** The same switches as the end-to-end tests (playwright.config.ts): nothing phones home, no GPU. */
export const CHROMIUM_ARGS = playwrightConfig.use!.launchOptions!.args!;

export function launchChromium(chromiumPath: string): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

export interface PhoneOptions {
  /**
   * 'block' keeps the profile's service worker out of this launch (it stays registered): the
   * one way Playwright's page.route sees a navigation the worker would otherwise answer.
   */
  serviceWorkers?: 'allow' | 'block';
}

/** A phone with a profile on disk, so IndexedDB and the service worker's cache persist across launches. */
export function launchPhone(chromiumPath: string, profileDir: string, options: PhoneOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    serviceWorkers: options.serviceWorkers ?? 'allow',
    ...PHONE,
  });
}

/** Slows the page's CPU as a cheap phone's is slower (CDP Emulation.setCPUThrottlingRate). */
export async function slowDown(page: Page, rate: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/** `work` on a phone of this profile, opened for it and closed after (the person closes the app). */
export async function withPhone<T>(
  chromiumPath: string,
  profileDir: string,
  work: (page: Page, context: BrowserContext) => Promise<T>,
  options: PhoneOptions = {},
): Promise<T> {
  const context = await launchPhone(chromiumPath, profileDir, options);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      return await work(page, context);
    } catch (error) {
      // What the phone showed when a figure could not be taken: the first thing to look at.
      const shot = join(tmpdir(), `so-clb-bench-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot, fullPage: true }).then(
        () => console.error(`bench: the phone's screen when it failed: ${shot}`),
        () => undefined,
      );
      // And what its book held, store by store.
      const held = await phoneStores(page).catch(() => null);
      if (held) console.error(`bench: the phone's stores when it failed: ${JSON.stringify(held)}`);
      throw error;
    }
  } finally {
    await context.close();
  }
}

/** How many records each store of the phone's book holds (for a bench that must know what the phone has). */
export function phoneStores(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('so-clb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const counts: Record<string, number> = {};
          for (const name of names) tx.objectStore(name).count().onsuccess = (e) => (counts[name] = (e.target as IDBRequest<number>).result);
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      }),
  );
}

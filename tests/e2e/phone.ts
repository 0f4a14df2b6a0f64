import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../playwright.config';
import { E2E_SETUP_CODE } from '../lib/club-server';

/**
 * A phone with a real profile on disk (not an incognito context): Chromium only calls an
 * app installable, and only keeps IndexedDB and the service worker's cache as a phone
 * would, in a normal profile.
 */
export async function openPhone(
  /** A profile an earlier openPhone left on disk: the same phone, opened again. */
  existingProfile?: string,
): Promise<{ context: BrowserContext; profile: string; close: () => Promise<void>; shutDown: () => Promise<void> }> {
  const profile = existingProfile ?? (await mkdtemp(join(tmpdir(), 'so-clb-phone-')));
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
    profile,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
    /** The browser closes (the person swipes the app away); the phone's storage stays. */
    shutDown: () => context.close(),
  };
}

/**
 * A phone in a fresh browser context of the test's browser (no profile on disk: enough where
 * installability does not matter), at the size of a cheap Android phone; `textSize` is the
 * setting the person chose before this visit.
 */
export async function newPhone(browser: Browser, options: { textSize?: 'normal' | 'large' | 'extraLarge' } = {}): Promise<Page> {
  const use = config.use!;
  const context = await browser.newContext({
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    locale: use.locale,
    timezoneId: use.timezoneId,
  });
  if (options.textSize) await context.addInitScript((size) => localStorage.setItem('so-clb.textSize', size), options.textSize);
  return context.newPage();
}

export const CLUB_NAME = 'CLB Liên thế hệ thôn Đông';

/** First visit: the chair picks Vietnamese and makes the club's book on the phone. */
export async function makeClubBook(page: Page, serverUrl: string): Promise<void> {
  await page.goto(serverUrl);
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' }).click();
  await page.getByLabel('Tên câu lạc bộ').fill(CLUB_NAME);
  await page.getByLabel('Thôn / khu phố').fill('Thôn Đông');
  await page.getByLabel('Xã / phường').fill('Xã Tân Chi');
  await page.getByLabel('Tỉnh / thành phố').fill('Bắc Ninh');
  await page.getByRole('button', { name: 'Lập sổ' }).click();
  await expect(page.getByRole('heading', { name: CLUB_NAME })).toBeVisible();
}

/**
 * Types a member in from the add form, as a chair typing in an existing club does: name,
 * year of birth, "joined before the book". Leaves the form saved and the list in view.
 */
export async function addMember(
  page: Page,
  member: { name: string; birthYear: string; man?: boolean; phone?: string; roles?: string[]; notMember?: boolean },
): Promise<void> {
  await page.getByLabel('Họ và tên').fill(member.name);
  await page.getByLabel('Năm sinh').fill(member.birthYear);
  if (member.phone) await page.getByLabel('Số điện thoại').fill(member.phone);
  if (member.man) await page.getByRole('radio', { name: 'Nam' }).check({ force: true });
  for (const role of member.roles ?? []) await page.getByRole('checkbox', { name: role, exact: true }).check({ force: true });
  if (member.notMember) await page.getByRole('checkbox', { name: /Không phải thành viên/ }).check({ force: true });
  await page.getByText('Vào từ trước, không rõ ngày', { exact: true }).click();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('link', { name: new RegExp(member.name) })).toBeVisible();
}

/** The chair connects the book made on the phone (Settings → Server), and waits until all of it is sent. */
export async function connectChair(chair: Page): Promise<void> {
  await chair.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await chair.getByRole('link', { name: 'Nối với máy chủ' }).click();
  await chair.getByLabel('Mã thiết lập').fill(E2E_SETUP_CODE);
  await chair.getByLabel('Tên máy này').fill('Máy chủ nhiệm');
  await chair.getByRole('button', { name: 'Nối và gửi sổ lên' }).click();
  await expect(chair.getByTestId('save-badge-text')).toContainText('đã gửi hết');
}

/** How many records a store of the phone's IndexedDB holds (the app's database, 'so-clb'): what is on the phone, not on screen. */
export function storedCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('so-clb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
    store,
  );
}

/**
 * The chair's phone sends its club's report for a period to the association, as a chair does:
 * the report screen of that period (`periodKey` as in the address: '2026-H1', '2026'), the
 * send button, and "yes" when the period is still running. Returns once the phone holds the
 * new `reports` record (saved with its outbox change); on a connected phone, wait for the
 * badge's "đã gửi hết" to know the server has it. Works offline (the service worker opens
 * the screen), so a test can send with the server stopped and see it arrive later.
 */
export async function sendReport(page: Page, periodKey: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/reports?period=${periodKey}`);
  await expect(page.getByRole('heading', { name: /^Báo cáo hoạt động: / })).toBeVisible();
  const before = await storedCount(page, 'reports');
  await page.getByRole('button', { name: 'Gửi báo cáo này lên Hội' }).click();
  const yes = page.getByRole('button', { name: 'Có, gửi bây giờ' });
  await expect
    .poll(async () => {
      if (await yes.isVisible()) await yes.click();
      return storedCount(page, 'reports');
    })
    .toBe(before + 1);
}

/**
 * What the server holds of a collection for the phone's club, pulled with the phone's own
 * token (read from its IndexedDB): proof that something the phone sent reached the server.
 */
export async function recordsOnServer(page: Page, serverUrl: string, collection: string): Promise<Record<string, unknown>[]> {
  const connection = await page.evaluate(
    () =>
      new Promise<{ token: string } | undefined>((resolve, reject) => {
        const open = indexedDB.open('so-clb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('connection');
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { value?: { token: string } } | undefined)?.value);
          };
        };
      }),
  );
  if (!connection) throw new Error('this phone is not connected to a server');
  const records: Record<string, unknown>[] = [];
  for (let since = '0', more = true; more; ) {
    const response = await fetch(`${serverUrl}/api/v1/sync/pull?since=${encodeURIComponent(since)}&limit=500`, { headers: { authorization: `Bearer ${connection.token}` } });
    if (!response.ok) throw new Error(`pull answered ${response.status}`);
    const page = (await response.json()) as { changes: { collection: string; record: Record<string, unknown> }[]; cursor: string; hasMore: boolean };
    records.push(...page.changes.filter((change) => change.collection === collection).map((change) => change.record));
    since = String(page.cursor);
    more = page.hasMore;
  }
  return records;
}

/**
 * Waits until the practice book is whole: the home screen opens as soon as its club is made,
 * and the badge says how far its five years are until the last record is on the phone.
 */
export async function sampleBookWhole(page: Page): Promise<void> {
  const badge = page.getByTestId('save-badge-text');
  await expect(badge).toContainText('sổ mẫu', { timeout: 30_000 });
  await expect(badge).not.toContainText('đang chép sổ mẫu', { timeout: 90_000 });
}

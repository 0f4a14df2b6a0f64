import { expect, test } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { newPhone } from './phone';

/**
 * A new phone's very first start, again and again: the first screen is drawn every time.
 * With Dexie's query cache on, a live read made while IndexedDB was being created for the
 * first time now and then never answered, and the phone stayed on a blank page (3 new phones
 * in 8 on this machine; src/local/database.ts turns the cache off).
 */
const server = new ClubServer(4309);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('twelve new phones, one after another, each opens on its first screen', async ({ browser }) => {
  test.setTimeout(120_000);
  for (let phone = 1; phone <= 12; phone++) {
    const page = await newPhone(browser);
    // Half of them come in by an invite's address, as a phone that scanned the chair's QR.
    await page.goto(phone % 2 === 0 ? `${server.url}/join?code=ABCD2345` : server.url);
    const first = phone % 2 === 0 ? page.getByLabel('Tên máy này') : page.getByRole('radio', { name: 'Tiếng Việt' });
    await expect(first, `new phone ${phone}`).toBeVisible({ timeout: 10_000 });
    await page.context().close();
  }
});

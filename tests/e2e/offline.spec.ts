import { expect, test } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { addMember, makeClubBook, openPhone } from './phone';

const server = new ClubServer(4310);

test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('the club book installs, then works with the server gone: add a member, reload, it is still there', async () => {
  const phone = await openPhone();
  const page = phone.context.pages()[0] ?? (await phone.context.newPage());
  // First visit, online: the chair makes the club's book.
  await makeClubBook(page, server.url);

  // The service worker has cached the whole app.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // Chromium's own installability check: manifest, icons, service worker.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);

  // The village loses its connection.
  await server.stop();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeVisible();

  await page.getByRole('link', { name: 'Thêm thành viên' }).first().click();
  await addMember(page, { name: 'Nguyễn Thị Lan', birthYear: '1952', phone: '0912345678' });

  await page.reload();
  await expect(page.getByRole('link', { name: /Nguyễn Thị Lan/ })).toBeVisible();
  await expect(page.getByTestId('save-badge-text')).toHaveText('Đã lưu trên máy · sổ chỉ có trên máy này (chưa nối máy chủ)');
  await phone.close();
});

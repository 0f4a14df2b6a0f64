import { expect, test, type Browser, type Page } from '@playwright/test';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { addMember, makeClubBook, newPhone } from './phone';

const server = new ClubServer(4311);

test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** The browser says the network is back: one of the engine's reasons to sync at once. */
async function networkBack(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
}

const badge = (page: Page) => page.getByTestId('save-badge-text');

/** The chair makes the club's book, connects it to the server, and invites the treasurer. */
async function chairWithInvite(browser: Browser): Promise<{ chair: Page; code: string }> {
  const chair = await newPhone(browser);
  await makeClubBook(chair, server.url);
  // A member written before the phone ever met the server goes up with the club.
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(chair, { name: 'Nguyễn Thị Lan', birthYear: '1952' });

  await chair.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await chair.getByRole('link', { name: 'Nối với máy chủ' }).click();
  await expect(chair.getByLabel('Địa chỉ máy chủ')).toHaveValue(server.url);
  await chair.getByLabel('Mã thiết lập').fill('NOT-THE-CODE');
  await chair.getByLabel('Tên máy này').fill('Máy chị Hoa (chủ nhiệm)');
  await chair.getByRole('button', { name: 'Nối và gửi sổ lên' }).click();
  await expect(chair.getByRole('alert')).toHaveText('Mã thiết lập không đúng. Hãy hỏi lại Hội Người cao tuổi.');
  await chair.getByLabel('Mã thiết lập').fill(E2E_SETUP_CODE);
  await chair.getByLabel('Tên máy này').fill('Máy chị Hoa (chủ nhiệm)');
  await chair.getByRole('button', { name: 'Nối và gửi sổ lên' }).click();
  await expect(chair.getByText(`Đã nối với ${server.url}.`)).toBeVisible();
  await expect(badge(chair)).toContainText('đã gửi hết');

  await chair.getByRole('link', { name: 'Mời thêm máy' }).click();
  await chair.getByRole('radio', { name: 'Thủ quỹ' }).click();
  await chair.getByRole('button', { name: 'Tạo mã mời' }).click();
  const code = (await chair.getByTestId('invite-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  return { chair, code };
}

/** The treasurer's phone opens the invite link (what scanning the QR code does) and joins. */
async function treasurerJoins(browser: Browser, code: string): Promise<Page> {
  const treasurer = await newPhone(browser);
  await treasurer.goto(`${server.url}/join?code=${code}`);
  await expect(treasurer.getByLabel('Mã mời')).toHaveValue(code);
  await treasurer.getByLabel('Tên máy này').fill('Máy chị Lan (thủ quỹ)');
  await treasurer.getByRole('button', { name: 'Tham gia' }).click();
  await expect(treasurer.getByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeVisible();
  await serviceWorkerReady(treasurer);
  return treasurer;
}

async function addMemberOffline(phone: Page, name: string): Promise<void> {
  await phone.getByRole('link', { name: 'Thành viên', exact: true }).click();
  await expect(phone.getByRole('link', { name: /Nguyễn Thị Lan/ })).toBeVisible();
  await phone.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(phone, { name, birthYear: '1948', man: true });
  await expect(badge(phone)).toContainText('1 thay đổi chờ gửi');
}

test('two phones of one club converge: a member added with the server down reaches the chair without a reload', async ({ browser }) => {
  const { chair, code } = await chairWithInvite(browser);
  const treasurer = await treasurerJoins(browser, code);
  await chair.getByRole('link', { name: 'Thành viên', exact: true }).click();
  await expect(chair.getByRole('link', { name: /Nguyễn Thị Lan/ })).toBeVisible();

  await server.stop();
  await addMemberOffline(treasurer, 'Trần Văn Đức');
  await expect(chair.getByRole('link', { name: /Trần Văn Đức/ })).toHaveCount(0);

  await server.start();
  await networkBack(treasurer);
  await expect(badge(treasurer)).toContainText('đã gửi hết', { timeout: 15_000 });
  await networkBack(chair);
  await expect(chair.getByRole('link', { name: /Trần Văn Đức/ })).toBeVisible({ timeout: 15_000 });
  await expect(chair.getByText('2 người')).toBeVisible();

  // The treasurer's phone is lost: the chair removes it, and it can no longer send.
  await chair.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await chair.getByRole('link', { name: 'Các máy trong CLB' }).click();
  await expect(chair.getByText('Máy chị Hoa (chủ nhiệm) (máy này)')).toBeVisible();
  const lost = chair.getByRole('listitem').filter({ hasText: 'Máy chị Lan (thủ quỹ)' });
  await lost.getByRole('button', { name: 'Ngắt máy này' }).click();
  await lost.getByRole('button', { name: 'Ngắt máy này' }).click();
  await expect(lost).toContainText('đã ngắt');
  await networkBack(treasurer);
  await expect(badge(treasurer)).toContainText('máy này đã bị ngắt khỏi CLB', { timeout: 15_000 });

  // Found again: the chair makes a new invite and the phone joins again from its settings.
  await chair.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await chair.getByRole('link', { name: 'Mời thêm máy' }).click();
  await chair.getByRole('radio', { name: 'Thủ quỹ' }).click();
  await chair.getByRole('button', { name: 'Tạo mã mời' }).click();
  const again = (await chair.getByTestId('invite-code').textContent())!.trim();
  await treasurer.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await treasurer.getByRole('link', { name: 'Tham gia lại bằng mã mời' }).click();
  // Typed the way it is read aloud, in two groups.
  await treasurer.getByLabel('Mã mời').fill(`${again.slice(0, 4)} ${again.slice(4)}`);
  await treasurer.getByLabel('Tên máy này').fill('Máy chị Lan (thủ quỹ)');
  await treasurer.getByRole('button', { name: 'Tham gia' }).click();
  await expect(treasurer.getByText('Đã nối với')).toBeVisible();
  await expect(badge(treasurer)).not.toContainText('bị ngắt', { timeout: 15_000 });
});

test('two phones online: a member added on one is on the other within 5 s, and both badges say so', async ({ browser }) => {
  const { chair, code } = await chairWithInvite(browser);
  const treasurer = await treasurerJoins(browser, code);
  await chair.getByRole('link', { name: 'Thành viên', exact: true }).click();
  await expect(chair.getByText('1 người')).toBeVisible();
  // Both phones sit idle long enough to be listening, not polling.
  await chair.waitForTimeout(1_000);

  await treasurer.getByRole('link', { name: 'Thành viên', exact: true }).click();
  await treasurer.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await treasurer.getByLabel('Họ và tên').fill('Lê Văn Bình');
  await treasurer.getByLabel('Năm sinh').fill('1950');
  await treasurer.getByText('Vào từ trước, không rõ ngày', { exact: true }).click();
  const saved = Date.now();
  await treasurer.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(chair.getByRole('link', { name: /Lê Văn Bình/ })).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - saved).toBeLessThan(5_000);
  await expect(chair.getByText('2 người')).toBeVisible();
  await expect(badge(treasurer)).toContainText('đã gửi hết');
  await expect(badge(treasurer)).toContainText('gửi lần cuối');
  await expect(badge(chair)).toContainText(/nhận lần cuối \d\d:\d\d/);

  // "Send and receive now" shows that it works, then what came in.
  await chair.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await chair.getByRole('button', { name: 'Gửi và nhận ngay' }).click();
  await expect(chair.getByRole('status').filter({ hasText: 'Đã gửi và nhận xong: không có gì mới.' })).toBeVisible();
});

test('the service worker sends what was queued after the app was closed (Background Sync)', async ({ browser }) => {
  const { chair, code } = await chairWithInvite(browser);
  const treasurer = await treasurerJoins(browser, code);

  await server.stop();
  await addMemberOffline(treasurer, 'Phạm Văn Tư');
  // The page asked the browser for a Background Sync when the change was saved.
  await expect
    .poll(() => treasurer.evaluate(async () => {
      const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
        sync: { getTags(): Promise<string[]> };
      };
      return registration.sync.getTags();
    }))
    .toContain('sync');
  // The treasurer closes the app; only the service worker is left on that phone.
  await treasurer.goto('about:blank');
  await server.start();

  const cdp = await treasurer.context().newCDPSession(treasurer);
  const registrations = new Promise<{ registrationId: string; scopeURL: string }[]>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => resolve(registrations));
  });
  await cdp.send('ServiceWorker.enable');
  const registration = (await registrations).find((r) => r.scopeURL.startsWith(server.url));
  expect(registration).toBeTruthy();
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: server.url,
    registrationId: registration!.registrationId,
    tag: 'sync',
    lastChance: false,
  });

  await chair.getByRole('link', { name: 'Thành viên', exact: true }).click();
  await expect(async () => {
    await networkBack(chair);
    await expect(chair.getByRole('link', { name: /Phạm Văn Tư/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // Back in the app, the treasurer's phone has nothing left to send.
  await treasurer.goto(server.url);
  await expect(badge(treasurer)).toContainText('đã gửi hết');
});

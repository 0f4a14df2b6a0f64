import { expect, test, type Page } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { addMember, connectChair, makeClubBook, newPhone, storedCount } from './phone';

/**
 * Home care with no network (issue 11): a volunteer's phone joins by an invite the chair
 * tied to her name, opens on the people she cares for, logs a visit with the server
 * stopped, and the chair's phone shows it, with the week's figures, once the server returns.
 */
const server = new ClubServer(4319);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

const badge = (page: Page) => page.getByTestId('save-badge-text');
const networkBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

const stored = (page: Page, collection: 'carePlans' | 'visits' | 'readings' | 'referrals' | 'strikeOuts') => storedCount(page, collection);

test('a volunteer joins, logs a visit offline in two taps, the chair sees it after sync; a reading of 185/115 on the chair’s phone puts the person on its urgent list and gives the volunteer a task, which her referral turns into a re-check; a struck-out visit leaves the figures', async ({ browser }) => {
  // Two phones and a server stopped and started, beside another spec file's: more than the default minute.
  test.setTimeout(120_000);
  const chair = await newPhone(browser);
  await makeClubBook(chair, server.url);
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(chair, { name: 'Nguyễn Thị Hoa', birthYear: '1962', roles: ['Tình nguyện viên'] });
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(chair, { name: 'Trần Thị Bảy', birthYear: '1936', roles: ['Được chăm sóc tại nhà'] });
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(chair, { name: 'Lê Văn Ông', birthYear: '1934', man: true, notMember: true });
  await expect(chair.getByRole('link', { name: /Lê Văn Ông/ })).toContainText('không phải thành viên');

  // The board gives Hoa two people to care for.
  await chair.getByRole('link', { name: 'Chăm sóc', exact: true }).click();
  for (const person of ['Trần Thị Bảy', 'Lê Văn Ông']) {
    await chair.getByRole('link', { name: '+ Thêm người được chăm sóc' }).click();
    await chair.getByLabel('Người được chăm sóc').selectOption({ label: person === 'Lê Văn Ông' ? `${person} (không phải thành viên)` : person });
    await chair.getByRole('checkbox', { name: 'Nguyễn Thị Hoa' }).check({ force: true });
    await chair.getByRole('checkbox', { name: 'Trò chuyện' }).check({ force: true });
    await chair.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(chair.getByRole('heading', { name: 'Kế hoạch chăm sóc' })).toBeVisible();
    await chair.getByRole('link', { name: 'Quay lại' }).click();
  }
  await expect(chair.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('Chưa được thăm');

  // Connected; an invite for Hoa's own phone.
  await connectChair(chair);
  await chair.getByRole('link', { name: 'Mời thêm máy' }).click();
  await chair.getByRole('radio', { name: 'Tình nguyện viên' }).click();
  await chair.getByRole('button', { name: 'Tạo mã mời' }).click();
  await expect(chair.getByText('Hãy chọn tên tình nguyện viên dùng máy này.')).toBeVisible();
  await chair.getByLabel('Máy của tình nguyện viên nào?').selectOption({ label: 'Nguyễn Thị Hoa' });
  await chair.getByRole('button', { name: 'Tạo mã mời' }).click();
  const code = (await chair.getByTestId('invite-code').textContent())!.trim();

  const volunteer = await newPhone(browser);
  await volunteer.goto(`${server.url}/join?code=${code}`);
  await volunteer.getByLabel('Tên máy này').fill('Máy chị Hoa');
  await volunteer.getByRole('button', { name: 'Tham gia' }).click();
  await expect(volunteer.getByRole('heading', { name: 'Người tôi chăm sóc' })).toBeVisible({ timeout: 15_000 });
  await expect(volunteer.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('Chưa được thăm');
  await volunteer.evaluate(async () => void (await navigator.serviceWorker.ready));

  // At Bảy's door, no signal: the person, then Save.
  await server.stop();
  await volunteer.getByRole('link', { name: /Trần Thị Bảy/ }).click();
  await expect(volunteer.getByRole('checkbox', { name: 'Trò chuyện' })).toBeChecked();
  await volunteer.getByRole('button', { name: 'Lưu lần thăm' }).click();
  await expect(volunteer.getByText('Đã ghi lần thăm Trần Thị Bảy')).toBeVisible();
  await expect(volunteer.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('Đã thăm hôm nay');
  await expect(badge(volunteer)).toContainText('thay đổi chờ gửi');
  // A reload, still offline: the visit is on the phone.
  await volunteer.reload();
  await expect(volunteer.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('Đã thăm hôm nay');

  // The signal returns: the volunteer's phone sends, the chair's receives.
  await server.start();
  await networkBack(volunteer);
  await expect(badge(volunteer)).toContainText('đã gửi hết', { timeout: 15_000 });
  await networkBack(chair);
  await chair.getByRole('link', { name: 'Chăm sóc', exact: true }).click();
  await expect(chair.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('tuần này 1 lần', { timeout: 15_000 });
  await expect(chair.getByRole('listitem').filter({ hasText: 'Nguyễn Thị Hoa' })).toContainText('1 / 3 lần thăm');
  expect(await stored(chair, 'carePlans')).toBe(2);
  expect(await stored(chair, 'visits')).toBe(1);

  // At the meeting the chair measures Bảy: 185/115. The volunteer's phone gets the task.
  await chair.getByRole('link', { name: /Trần Thị Bảy/ }).click();
  await chair.getByRole('link', { name: 'Sức khỏe', exact: true }).click();
  await chair.getByRole('link', { name: '+ Ghi chỉ số sức khỏe' }).click();
  await chair.getByLabel('Huyết áp số trên (tâm thu)').fill('185');
  await chair.getByLabel('Huyết áp số dưới (tâm trương)').fill('115');
  await chair.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(chair.getByText('Trần Thị Bảy: đã lưu 185/115, tăng huyết áp độ 3. Cần đưa lên trạm y tế xã ngay.')).toBeVisible();
  await expect(badge(chair)).toContainText('đã gửi hết', { timeout: 15_000 });
  await chair.goto(`${server.url}/health`);
  await expect(chair.getByRole('heading', { name: 'Cần đưa lên trạm y tế (1)' })).toBeVisible();

  await networkBack(volunteer);
  const task = volunteer.getByRole('link', { name: 'Trần Thị Bảy: huyết áp 185/115. Cần đưa lên trạm y tế xã.' });
  await expect(task).toBeVisible({ timeout: 15_000 });
  expect(await stored(volunteer, 'readings')).toBe(1);
  // She takes Bảy to the station and records it from the task: the task becomes "measure again".
  await task.click();
  await volunteer.getByRole('link', { name: 'Ghi đã đưa lên trạm y tế' }).first().click();
  await expect(volunteer.getByLabel('Nơi đến')).toHaveValue('Trạm y tế xã');
  await volunteer.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(volunteer.getByText(/Cần đo lại trước/)).toBeVisible();
  await expect(badge(volunteer)).toContainText('đã gửi hết', { timeout: 15_000 });
  expect(await stored(volunteer, 'referrals')).toBe(1);
  await networkBack(chair);
  await expect(chair.getByRole('heading', { name: 'Cần đo lại trong 7 ngày (1)' })).toBeVisible({ timeout: 15_000 });
  await expect(chair.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('đã đưa lên trạm');

  // The chair strikes out the visit as a mistake: kept, struck through, out of the week's figure.
  await chair.goto(`${server.url}/care`);
  await chair.getByRole('link', { name: /Trần Thị Bảy/ }).click();
  await chair.getByRole('button', { name: /^Gạch bỏ lần thăm ngày/ }).click();
  await chair.getByLabel(/Vì sao gạch bỏ/).fill('Ghi nhầm ngày');
  await chair.getByRole('button', { name: 'Gạch bỏ', exact: true }).click();
  await expect(chair.getByText('Đã gạch bỏ: Ghi nhầm ngày')).toBeVisible();
  expect(await stored(chair, 'strikeOuts')).toBe(1);
  await chair.getByRole('link', { name: 'Quay lại' }).click();
  await expect(chair.getByRole('link', { name: /Trần Thị Bảy/ })).toContainText('Chưa được thăm');
  await chair.context().close();
  await volunteer.context().close();
});

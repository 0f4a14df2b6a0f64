import { expect, test, type Page } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { addMember, connectChair, makeClubBook, newPhone } from './phone';

/**
 * The month's meeting held with no network (issue 10): the chair opens it, calls the roll,
 * ticks the areas, writes the minutes; a reload loses nothing; when the server is back the
 * board's phone shows the same meeting and marks.
 */
const server = new ClubServer(4318);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

const badge = (page: Page) => page.getByTestId('save-badge-text');
const networkBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

test('a meeting and its roll call made with the server stopped, kept through a reload, and on the board’s phone once it returns', async ({ browser }) => {
  // Two phones and a server stopped and started, beside another spec file's: more than the default minute.
  test.setTimeout(120_000);
  const chair = await newPhone(browser);
  await makeClubBook(chair, server.url);
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(chair, { name: 'Nguyễn Thị Lan', birthYear: '1950' });
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(chair, { name: 'Trần Văn Đức', birthYear: '1948', man: true });
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(chair, { name: 'Lê Thị Hoa', birthYear: '1961' });

  // Connected, with the board's phone in the club.
  await connectChair(chair);
  await chair.getByRole('link', { name: 'Mời thêm máy' }).click();
  await chair.getByRole('radio', { name: 'Ban chủ nhiệm' }).click();
  await chair.getByRole('button', { name: 'Tạo mã mời' }).click();
  const code = (await chair.getByTestId('invite-code').textContent())!.trim();
  const board = await newPhone(browser);
  await board.goto(`${server.url}/join?code=${code}`);
  await board.getByLabel('Tên máy này').fill('Máy phó chủ nhiệm');
  await board.getByRole('button', { name: 'Tham gia' }).click();
  await expect(board.getByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeVisible();
  await chair.evaluate(async () => void (await navigator.serviceWorker.ready));

  // The village hall has no signal.
  await server.stop();
  await chair.getByRole('link', { name: 'Sinh hoạt', exact: true }).click();
  await chair.getByRole('link', { name: 'Ghi buổi sinh hoạt' }).first().click();
  await chair.getByLabel('Ngày họp').fill('15112026');
  await chair.getByRole('checkbox', { name: 'Chăm sóc sức khỏe' }).check({ force: true });
  await chair.getByRole('checkbox', { name: 'Tăng thu nhập' }).check({ force: true });
  await chair.getByLabel('Nội dung chính').fill('Phòng chống rét cho người cao tuổi');
  await chair.getByLabel('Biên bản').fill('Chủ nhiệm báo cáo tháng 11. Trạm y tế xã đo huyết áp cho 20 người.');
  await chair.getByRole('button', { name: 'Lưu', exact: true }).click();
  await chair.getByRole('link', { name: 'Điểm danh' }).click();
  await expect(chair.getByTestId('roll-line')).toHaveText('0 / 3 có mặt · 0 %');
  await chair.getByRole('button', { name: 'Tất cả có mặt' }).click();
  await chair.getByRole('listitem').filter({ hasText: 'Trần Văn Đức' }).getByRole('radio', { name: 'Có phép' }).click();
  await expect(chair.getByTestId('roll-line')).toHaveText('2 / 3 có mặt · 67 %');
  // The mark lights with the tap; the badge says "saved on this phone" only once it is stored.
  // A phone switched off before then would lose it: that is what the badge is for.
  await expect(badge(chair)).toHaveText(/^Đã lưu trên máy · \d+ thay đổi chờ gửi/);

  // A reload with the server still gone: the service worker opens the app, the marks are there.
  await chair.reload();
  await expect(chair.getByTestId('roll-line')).toHaveText('2 / 3 có mặt · 67 %');
  await expect(chair.getByRole('listitem').filter({ hasText: 'Trần Văn Đức' }).getByRole('radio', { name: 'Có phép' })).toHaveAttribute('aria-checked', 'true');

  // The signal returns: the chair's phone sends, the board's receives.
  await server.start();
  await networkBack(chair);
  await expect(badge(chair)).toContainText('đã gửi hết', { timeout: 15_000 });
  await networkBack(board);
  await board.getByRole('link', { name: 'Sinh hoạt', exact: true }).click();
  await board.getByRole('link', { name: /15\/11\/2026/ }).click({ timeout: 15_000 });
  await expect(board.getByText('Phòng chống rét cho người cao tuổi')).toBeVisible();
  await expect(board.getByText('2 / 3 có mặt · 67 %')).toBeVisible();
  await expect(board.getByText('Chăm sóc sức khỏe')).toBeVisible();
  await board.getByRole('link', { name: 'Điểm danh' }).click();
  await expect(board.getByRole('listitem').filter({ hasText: 'Trần Văn Đức' }).getByRole('radio', { name: 'Có phép' })).toHaveAttribute('aria-checked', 'true');
  await chair.context().close();
  await board.context().close();
});

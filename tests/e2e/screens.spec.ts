import { expect, test } from '@playwright/test';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { checkScreen as check } from './fits';
import { makeClubBook, newPhone } from './phone';

/**
 * Every screen of the app, as its people see it: at 320 and 360 px, at every text size,
 * nothing scrolls sideways and no text is cut; axe finds nothing; every target is big
 * enough to tap (fits.ts checkScreen). A new book adds its screens, on the sample club, to
 * book-screens.spec.ts, and is held to the same.
 */
const server = new ClubServer(4312);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());



test('the first start: language and text size, start, make a club, join one', async ({ browser }) => {
  const page = await newPhone(browser);
  await page.goto(server.url);
  await expect(page.getByRole('radio', { name: 'Tiếng Việt' })).toBeVisible();
  // The text size can be chosen before anything else.
  await expect(page.getByRole('radio', { name: 'Rất lớn' })).toBeVisible();
  await check(page, 'language and text size');
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' })).toBeVisible();
  await check(page, 'start');
  await page.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' }).click();
  await expect(page.getByLabel('Tên câu lạc bộ')).toBeVisible();
  await check(page, 'make a club');
  await page.getByRole('button', { name: 'Lập sổ' }).click();
  await expect(page.getByText('Hãy nhập tên câu lạc bộ.')).toBeVisible();
  await check(page, 'make a club, with its problems shown');
  await page.goBack();
  await page.getByRole('button', { name: 'Tham gia CLB đã có (có mã mời)' }).click();
  await expect(page.getByLabel('Mã mời')).toBeVisible();
  await check(page, 'join a club');
  await page.context().close();
});

test('every screen of a club’s book', async ({ browser }) => {
  // A tour of some thirty screens, each at two text sizes and checked by axe: about 40 s on a
  // quiet machine, more when the two workers share it with other work.
  test.setTimeout(150_000);
  const page = await newPhone(browser);
  await makeClubBook(page, server.url);
  await check(page, 'home of a new club');

  // Two members, one with every detail, so that the list and the pages are full.
  await page.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Phương Thảo');
  await page.getByLabel('Năm sinh').fill('1948');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Tổ / nhóm').fill('Tổ 3 xóm Chùa');
  await page.getByRole('radio', { name: 'Cận nghèo' }).check({ force: true });
  await page.getByLabel('Năm được công nhận').fill('2025');
  await page.getByRole('checkbox', { name: 'Tình nguyện viên' }).check({ force: true });
  await page.getByRole('checkbox', { name: 'Được chăm sóc tại nhà' }).check({ force: true });
  await page.getByLabel('Ngày vào CLB').fill('01032019');
  await check(page, 'add a member, filled in');
  await page.getByRole('button', { name: 'Lưu và thêm người nữa' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
  await page.getByLabel('Họ và tên').fill('Trần Văn Đức');
  await page.getByLabel('Năm sinh').fill('2030');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Năm sinh không thể sau năm nay. Hãy xem lại.')).toBeVisible();
  await check(page, 'add a member, with its problems shown');
  await page.getByLabel('Năm sinh').fill('1946');
  await page.getByRole('checkbox', { name: 'Vào từ trước, không rõ ngày' }).check({ force: true });
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('2 người')).toBeVisible();
  await check(page, 'the member list');
  // Scrolled to its end at the largest text, the last row is not under the "add" button.
  await page.evaluate(() => (document.documentElement.dataset.textSize = 'extraLarge'));
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const lastRow = page.locator('.member-row').last();
  expect(
    await lastRow.evaluate((row) => {
      const box = row.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.bottom - 4);
      return row.contains(hit);
    }),
  ).toBe(true);
  await page.evaluate(() => (document.documentElement.dataset.textSize = 'normal'));

  await page.getByRole('link', { name: 'Trang chính' }).click();
  await page.getByRole('link', { name: /Người được chăm sóc/ }).click();
  await expect(page.getByRole('button', { name: 'Bỏ lọc “Được chăm sóc”, xem tất cả' })).toBeInViewport();
  await check(page, 'the member list, filtered from a home tile');

  await page.getByRole('link', { name: /Nguyễn Thị Phương Thảo/ }).click();
  await expect(page.getByRole('link', { name: '0912345678' })).toHaveAttribute('href', 'tel:0912345678');
  await check(page, 'a member’s page');
  await page.getByRole('link', { name: 'Sửa' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Thị Phương Thảo');
  await check(page, 'edit a member');
  await page.getByLabel('Tổ / nhóm').fill('Tổ 4');
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await page.getByRole('link', { name: 'Sửa' }).click();
  await expect(page.getByText(/Đây là phần bạn đang ghi dở/)).toBeVisible();
  await check(page, 'edit a member, with a draft offered');

  await page.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Nối với máy chủ' })).toBeVisible();
  await check(page, 'settings, not connected');
  await page.getByRole('link', { name: 'Sửa thông tin và quy chế' }).click();
  await expect(page.getByLabel('Mức vay tối đa một người')).toBeVisible();
  await check(page, 'the club’s details and rules');
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await page.getByRole('link', { name: 'Nối với máy chủ' }).click();
  await expect(page.getByLabel('Mã thiết lập')).toBeVisible();
  await check(page, 'connect to the server');
  await page.getByLabel('Mã thiết lập').fill(E2E_SETUP_CODE);
  await page.getByLabel('Tên máy này').fill('Máy chị Hoa, chủ nhiệm câu lạc bộ');
  await page.getByRole('button', { name: 'Nối và gửi sổ lên' }).click();
  await expect(page.getByText(`Đã nối với ${server.url}.`)).toBeVisible();
  await expect(page.getByTestId('save-badge-text')).toContainText('đã gửi hết');
  await check(page, 'settings, connected');

  await page.getByRole('link', { name: 'Mời thêm máy' }).click();
  await expect(page.getByRole('button', { name: 'Tạo mã mời' })).toBeVisible();
  await check(page, 'invite a phone');
  // A volunteer's phone is hers: her name is asked first.
  await page.getByRole('button', { name: 'Tạo mã mời' }).click();
  await expect(page.getByText('Hãy chọn tên tình nguyện viên dùng máy này.')).toBeVisible();
  await check(page, 'invite a phone, its volunteer not chosen');
  await page.getByLabel('Máy của tình nguyện viên nào?').selectOption({ label: 'Nguyễn Thị Phương Thảo' });
  await page.getByRole('button', { name: 'Tạo mã mời' }).click();
  await expect(page.getByTestId('invite-code')).toBeVisible();
  await check(page, 'invite a phone, with its code');
  // A second phone takes the code (as the server sees it), so the chair's list has two.
  const code = (await page.getByTestId('invite-code').textContent())!.trim();
  const enrolled = await fetch(`${server.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, device: { name: 'Máy anh Tuấn, phó chủ nhiệm' } }),
  });
  expect(enrolled.status).toBe(201);
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await page.getByRole('link', { name: 'Các máy trong CLB' }).click();
  await expect(page.getByText('Máy anh Tuấn, phó chủ nhiệm')).toBeVisible();
  await check(page, 'the club’s phones');
  await page.getByRole('button', { name: 'Giao vai chủ nhiệm' }).click();
  await expect(page.getByText(/Giao vai chủ nhiệm cho “Máy anh Tuấn/)).toBeVisible();
  await check(page, 'the club’s phones, handing the chair over');
  await page.getByRole('button', { name: 'Thôi' }).click();
  await page.goto(`${server.url}/attention`);
  await expect(page.getByText('Không có gì cần xem lại.')).toBeVisible();
  await check(page, 'changes that need attention');
  await page.goto(`${server.url}/settings/join`);
  await expect(page.getByLabel('Mã mời')).toBeVisible();
  await check(page, 'join again');
  await page.context().close();
});

import { expect, test, type Page } from '@playwright/test';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { expectAxeClean, expectFitsEverywhere, keysShownAsText, screenshotAtLargest, smallTargets } from './fits';
import { makeClubBook, newPhone } from './phone';

/**
 * Every screen of the app, as its people see it: at 320 and 360 px, at every text size,
 * nothing scrolls sideways and no text is cut; axe finds nothing; every target is big
 * enough to tap. A new book adds its screens to SCREENS, and is held to the same.
 */
const server = new ClubServer(4312);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());


async function check(page: Page, screen: string): Promise<void> {
  // SCREENSHOT_DIR=… keeps each screen as its people see it at its largest: 360 px, the largest text.
  if (process.env.SCREENSHOT_DIR) await screenshotAtLargest(page, `${process.env.SCREENSHOT_DIR}/${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`);
  await expectFitsEverywhere(page, screen);
  await expectAxeClean(page, screen);
  expect(await smallTargets(page), `${screen}: targets under 48 px`).toEqual([]);
  expect(await keysShownAsText(page), `${screen}: keys shown instead of words`).toEqual([]);
}

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

test('the meeting book’s screens, on the sample club’s five years', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPhone(browser);
  await page.goto(server.url);
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' }).click();
  await expect(page.getByText(/8 mảng/)).toBeVisible({ timeout: 30_000 });
  await check(page, 'home of the sample club, with the meeting book’s lines');

  await page.getByRole('link', { name: 'Sinh hoạt', exact: true }).click();
  await expect(page.getByRole('heading', { name: '8 mảng hoạt động trong 12 tháng qua' })).toBeVisible();
  await check(page, 'the meeting book, this year');
  await page.getByRole('button', { name: /^Năm trước/ }).click();
  await expect(page.getByRole('link', { name: /Đã họp/ }).first()).toBeVisible();
  await check(page, 'the meeting book, last year');
  await page.getByRole('link', { name: /Đã họp/ }).first().click();
  await expect(page.getByRole('link', { name: 'Điểm danh' })).toBeVisible();
  await check(page, 'a meeting’s page');
  await page.getByRole('link', { name: 'Điểm danh' }).click();
  await expect(page.getByTestId('roll-line')).toBeVisible();
  await check(page, 'the roll call of a whole club');
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await page.getByRole('link', { name: 'Sửa' }).click();
  await expect(page.getByLabel('Ngày họp')).not.toHaveValue('');
  await check(page, 'edit a meeting');

  await page.goto(`${server.url}/meetings/new`);
  await page.getByLabel('Ngày họp').fill('');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await check(page, 'a new meeting, with its problems shown');
  await page.goto(`${server.url}/meetings/follow-up`);
  await expect(page.getByRole('heading', { name: 'Cần đến thăm' }).or(page.getByText('Không có ai vắng 3 buổi liền.'))).toBeVisible();
  await check(page, 'members to visit');
  await page.goto(`${server.url}/members`);
  await page.getByRole('link', { name: /Thị/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Đi họp 12 buổi gần nhất' })).toBeVisible();
  await check(page, 'a member’s page, with their meetings');
  await page.context().close();
});

test('the home-care and health books’ screens, on the sample club’s five years', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await newPhone(browser);
  await page.goto(server.url);
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' }).click();
  await expect(page.getByText(/người cần đưa lên trạm y tế/)).toBeVisible({ timeout: 60_000 });
  await check(page, 'home of the sample club, with the care and health lines');

  await page.getByRole('link', { name: 'Chăm sóc', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tuần này, từng tình nguyện viên' })).toBeVisible();
  await check(page, 'home care, the board’s view');
  await page.locator('a[href^="/care/people/"]').first().click();
  await expect(page.getByRole('heading', { name: 'Kế hoạch chăm sóc' })).toBeVisible();
  await check(page, 'a person cared for, with five years of visits');
  await page.getByRole('button', { name: /^Gạch bỏ lần thăm ngày/ }).first().click();
  await check(page, 'striking out a visit');
  await page.getByRole('link', { name: '+ Ghi lần thăm' }).click();
  await expect(page.getByRole('button', { name: 'Lưu lần thăm' })).toBeVisible();
  await check(page, 'log a visit');
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await page.getByRole('link', { name: 'Sửa kế hoạch chăm sóc' }).click();
  await expect(page.getByLabel('Người được chăm sóc')).toBeVisible();
  await check(page, 'edit a care plan');
  await page.goto(`${server.url}/care/plans/new`);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Chọn người được chăm sóc.')).toBeVisible();
  await check(page, 'a new care plan, with its problems shown');

  await page.goto(`${server.url}/health`);
  await expect(page.getByRole('heading', { name: /Cần đưa lên trạm y tế/ })).toBeVisible();
  await check(page, 'the health book');
  await page.locator('a[href^="/health/people/"]').first().click();
  await expect(page.locator('.chart canvas')).toBeVisible();
  await check(page, 'a member’s health, with five years of readings and the chart');
  await page.getByRole('link', { name: '+ Ghi chỉ số sức khỏe' }).click();
  await page.getByLabel('Huyết áp số trên (tâm thu)').fill('20');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Huyết áp tâm thu (số trên) phải từ 50 đến 300 mmHg. Hãy xem lại.')).toBeVisible();
  await check(page, 'a health reading, with its problems shown');
  await page.getByLabel('Huyết áp số trên (tâm thu)').fill('230');
  await page.getByLabel('Huyết áp số dưới (tâm trương)').fill('95');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText(/Số này ít gặp/)).toBeVisible();
  await check(page, 'a health reading, asking about an unusual number');
  await page.goto(`${server.url}/health`);
  await page.getByRole('link', { name: 'Ghi đã đưa lên trạm y tế' }).first().click();
  await expect(page.getByLabel('Nơi đến')).toHaveValue('Trạm y tế xã');
  await check(page, 'record a referral');
  await page.goto(`${server.url}/health/day`);
  await expect(page.getByRole('button', { name: 'Lưu, sang người sau' })).toBeVisible();
  await check(page, 'the health day');
  await page.getByLabel('Tìm người (gõ tên)').fill('thi');
  await check(page, 'the health day, finding a person');
  await page.context().close();
});

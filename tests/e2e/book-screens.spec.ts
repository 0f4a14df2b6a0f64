import { expect, test } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { checkScreen as check } from './fits';
import { newPhone, sampleBookWhole } from './phone';

/**
 * The books' screens on the sample club's five years (the practice book), held to the same
 * checks as every screen (screens.spec.ts): a file of its own, with its own server, so the two
 * run side by side.
 */
const server = new ClubServer(4320);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('the meeting book’s screens, on the sample club’s five years', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPhone(browser);
  await page.goto(server.url);
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' }).click();
  // The home screen opens at once, and says the practice book is still filling in.
  await expect(page.getByTestId('sample-fill')).toContainText(/Đang chép sổ mẫu vào máy: \d+ %/);
  await sampleBookWhole(page);
  await expect(page.getByText(/8 mảng/)).toBeVisible();
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
  await sampleBookWhole(page);
  await expect(page.getByText(/người cần đưa lên trạm y tế/)).toBeVisible();
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

test('the fund book’s screens, on the sample club’s five years of entries and loans', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await newPhone(browser);
  await page.goto(server.url);
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' }).click();
  const tile = page.getByRole('link', { name: /Sổ quỹ/ });
  await sampleBookWhole(page);
  await expect(tile).toContainText('khoản vay · dư nợ');
  await check(page, 'home of the sample club, with the fund’s tile');

  await tile.click();
  await expect(page.getByRole('heading', { name: 'Số dư' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Thu tiền trả nợ' })).toBeVisible();
  await check(page, 'the fund book');
  await page.getByRole('button', { name: /Tháng trước/ }).click();
  await expect(page.locator('a[href^="/fund/entries/"]').first()).toBeVisible();
  await page.locator('a[href^="/fund/entries/"]').first().click();
  await expect(page.getByRole('heading', { name: 'Các dòng' })).toBeVisible();
  await check(page, 'an entry, with its reversal form');

  await page.goto(`${server.url}/fund/loans`);
  await expect(page.locator('a[href^="/fund/loans/"]').first()).toBeVisible();
  await check(page, 'the loans out');
  await page.locator('a[href^="/fund/loans/"]').first().click();
  await expect(page.getByRole('heading', { name: 'Lịch trả nợ' })).toBeVisible();
  await check(page, 'a loan card, with its schedule');
  await page.goto(`${server.url}/fund/loans?late=1`);
  await expect(page.getByRole('heading', { name: 'Danh sách quá hạn' })).toBeVisible();
  await check(page, 'the overdue list');

  await page.goto(`${server.url}/fund/repay`);
  await page.locator('a[href^="/fund/repay/"]').first().click();
  await expect(page.getByRole('heading', { name: 'Số tiền này trả cho' })).toBeVisible();
  await check(page, 'a repayment, with its split');
  await page.goto(`${server.url}/fund/applications`);
  await expect(page.getByRole('heading', { name: 'Chờ biểu quyết' })).toBeVisible();
  await check(page, 'the loan applications');
  await page.goto(`${server.url}/fund/applications/new`);
  await page.getByLabel('Số tiền', { exact: true }).fill('9.000.000');
  await page.getByRole('button', { name: 'Lưu đơn vay' }).click();
  await expect(page.getByText('Vượt mức vay tối đa của câu lạc bộ.')).toBeVisible();
  await check(page, 'a new loan application, above the largest loan');

  await page.goto(`${server.url}/fund/dues`);
  await expect(page.getByText(/người đã đóng/)).toBeVisible();
  await check(page, 'the dues of the last meeting');
  await page.goto(`${server.url}/fund/record/expense`);
  await page.getByLabel('Số tiền', { exact: true }).fill('-5');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Số tiền phải là số đồng chẵn, không âm.')).toBeVisible();
  await expect(page.getByText('Hãy ghi chi cho việc gì.')).toBeVisible();
  await check(page, 'an expense, with its problems shown');
  await page.goto(`${server.url}/fund/count`);
  await expect(page.getByRole('heading', { name: 'Kiểm quỹ' })).toBeVisible();
  await check(page, 'the cash count');

  await page.goto(`${server.url}/members`);
  await page.getByRole('link', { name: /Thị/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Đi họp 12 buổi gần nhất' })).toBeVisible();
  await check(page, 'a member’s page, with their loans');
  await page.context().close();
});

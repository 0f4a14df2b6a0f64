import { expect, test, type Page } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { addMember, makeClubBook, openPhone } from './phone';

/**
 * Typing is never lost: a half-typed form survives every way of leaving it, and comes back
 * with "carry on" or "start again". Drafts are written a fraction of a second after typing
 * stops; the tests give them that moment, as a person's next tap does.
 */
const server = new ClubServer(4313);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

const DRAFT_WRITTEN_MS = 600;
const notice = (page: Page) => page.getByText(/Đây là phần bạn đang ghi dở/);

async function expectRestored(page: Page, values: Record<string, string>): Promise<void> {
  await expect(notice(page)).toBeVisible();
  for (const [label, value] of Object.entries(values)) await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
}

test('a half-typed member survives a tab, the phone’s Back, Back then Forward, a reload and a closed browser', async () => {
  let phone = await openPhone();
  let page = phone.context.pages()[0] ?? (await phone.context.newPage());
  await makeClubBook(page, server.url);
  await page.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await page.getByLabel('Họ và tên').fill('Đỗ Thị Mai');
  await page.getByLabel('Năm sinh').fill('1957');
  await page.getByLabel('Số điện thoại').fill('0987654321');
  await page.waitForTimeout(DRAFT_WRITTEN_MS);
  const typed = { 'Họ và tên': 'Đỗ Thị Mai', 'Năm sinh': '1957', 'Số điện thoại': '0987654321' };

  // A bottom-bar tab.
  await page.getByRole('link', { name: 'Trang chính' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveCount(0);
  await page.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await expectRestored(page, typed);

  // The phone's Back, then Forward.
  await page.goBack();
  await expect(page.getByLabel('Họ và tên')).toHaveCount(0);
  await page.goForward();
  await expectRestored(page, typed);

  // A reload (a new version of the app, a tap on the address bar).
  await page.reload();
  await expectRestored(page, typed);

  // The browser is closed — the app swiped away, or the battery gone — and opened again.
  await phone.shutDown();
  phone = await openPhone(phone.profile);
  page = phone.context.pages()[0] ?? (await phone.context.newPage());
  await page.goto(`${server.url}/members/new`);
  await expectRestored(page, typed);

  // Carry on and save: the draft is gone with it.
  await page.getByRole('button', { name: 'Ghi tiếp' }).click();
  await page.getByText('Vào từ trước, không rõ ngày', { exact: true }).click();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('link', { name: /Đỗ Thị Mai/ })).toBeVisible();
  await page.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
  await expect(notice(page)).toHaveCount(0);
  await phone.close();
});

test('an edited phone number survives the ‹ back arrow, and "start again" drops it', async () => {
  const phone = await openPhone();
  const page = phone.context.pages()[0] ?? (await phone.context.newPage());
  await makeClubBook(page, server.url);
  await page.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(page, { name: 'Nguyễn Thị Lan', birthYear: '1952', phone: '0912345678' });
  await page.getByRole('link', { name: /Nguyễn Thị Lan/ }).click();
  await page.getByRole('link', { name: 'Sửa' }).click();
  await page.getByLabel('Số điện thoại').fill('0911111111');
  await page.waitForTimeout(DRAFT_WRITTEN_MS);
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await expect(page.getByText('0912345678')).toBeVisible();

  await page.getByRole('link', { name: 'Sửa' }).click();
  await expectRestored(page, { 'Số điện thoại': '0911111111' });
  await page.getByRole('button', { name: 'Bỏ, ghi lại từ đầu' }).click();
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(notice(page)).toHaveCount(0);
  await phone.close();
});

test('the first start keeps the club name through the phone’s Back, which goes back a step, not out of the app', async () => {
  const phone = await openPhone();
  const page = phone.context.pages()[0] ?? (await phone.context.newPage());
  await page.goto(server.url);
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' }).click();
  await page.getByLabel('Tên câu lạc bộ').fill('CLB Liên thế hệ thôn Hạ');
  await page.waitForTimeout(DRAFT_WRITTEN_MS);

  await page.goBack();
  await expect(page.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' })).toBeVisible();
  expect(page.url()).toContain(server.url);
  await page.goForward();
  await expectRestored(page, { 'Tên câu lạc bộ': 'CLB Liên thế hệ thôn Hạ' });

  // The back arrow does the same from the form.
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await page.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' }).click();
  await expectRestored(page, { 'Tên câu lạc bộ': 'CLB Liên thế hệ thôn Hạ' });
  await phone.close();
});

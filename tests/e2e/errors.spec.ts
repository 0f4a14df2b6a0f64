import { expect, test, type Locator } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { makeClubBook, newPhone } from './phone';

/**
 * A refused form says so where the eyes are, at the largest text on a 360 px phone: the
 * focus moves to the first problem, which is on screen and not under the bottom bar or the
 * form's own button; a problem of the whole form is said above the button and read out.
 */
const server = new ClubServer(4314);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());


/** On screen, focused, and nothing drawn over its middle (no bar, no sticky button). */
async function expectInSight(locator: Locator): Promise<void> {
  await expect(locator).toBeFocused();
  await expect(locator).toBeInViewport({ ratio: 1 });
  const covered = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === element || element.contains(hit) ? null : `${hit?.tagName}.${hit?.className}`;
  });
  expect(covered, 'something is drawn over it').toBeNull();
}

test('a wrong invite code is said above the button, read out and focused', async ({ browser }) => {
  const page = await newPhone(browser, { textSize: 'extraLarge' });
  await page.goto(`${server.url}/?step=join`);
  await page.getByLabel('Mã mời').fill('K7M2PX9Q');
  await page.getByLabel('Tên máy này').fill('Máy chị Lan');
  await page.getByRole('button', { name: 'Tham gia' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Mã không đúng, đã dùng rồi hoặc đã hết hạn.');
  await expectInSight(alert);
  // Above the button, not under it.
  const [alertBox, buttonBox] = [await alert.boundingBox(), await page.getByRole('button', { name: 'Tham gia' }).boundingBox()];
  expect(alertBox!.y + alertBox!.height).toBeLessThanOrEqual(buttonBox!.y);
  await page.context().close();
});

test('a wrong setup code on connecting is said where it is seen', async ({ browser }) => {
  const page = await newPhone(browser, { textSize: 'extraLarge' });
  await makeClubBook(page, server.url);
  await page.goto(`${server.url}/settings/connect`);
  await page.getByLabel('Mã thiết lập').fill('NOT-THE-CODE');
  await page.getByLabel('Tên máy này').fill('Máy chị Hoa');
  await page.getByRole('button', { name: 'Nối và gửi sổ lên' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Mã thiết lập không đúng. Hãy hỏi lại Hội Người cao tuổi.');
  await expectInSight(alert);
  await page.context().close();
});

test('a member form saved too early moves to its first problem, each one in turn', async ({ browser }) => {
  const page = await newPhone(browser, { textSize: 'extraLarge' });
  await makeClubBook(page, server.url);
  await page.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Hãy nhập họ và tên.')).toBeVisible();
  await expectInSight(page.getByLabel('Họ và tên'));

  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Lan');
  await page.getByLabel('Năm sinh').fill('1952');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  // The next problem is far down the form: it is brought into sight.
  await expect(page.getByText(/Hãy nhập ngày vào câu lạc bộ/)).toBeVisible();
  await expectInSight(page.getByLabel('Ngày vào CLB'));
  await page.context().close();
});

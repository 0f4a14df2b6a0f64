import { expect, test } from '@playwright/test';
import { placeKey } from '../../src/domain/places';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { checkScreen } from './fits';
import { CLUB_NAME, addMember, connectChair, makeClubBook, newPhone, sendReport } from './phone';

/**
 * Reports up the chain (issue 13), end to end: a chair sends the club's report for the last
 * first half of a year; the commune's association officer, with an account made from the
 * server's setup code, signs in on a desktop browser and finds the club's report in, its
 * figures beside it, and nothing of the club's people.
 */
const server = new ClubServer(4323);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

/** The last first half of a year that has ended, on the phone's calendar (Asia/Ho_Chi_Minh). */
function lastFirstHalf(): { year: number; key: string } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const ended = month >= 7 ? year : year - 1;
  return { year: ended, key: `${ended}-H1` };
}

test("a chair sends the half-year's report; the commune's officer signs in and sees it in, with its figures and no one's name", async ({ browser }) => {
  test.setTimeout(120_000);
  const { year, key } = lastFirstHalf();
  const chair = await newPhone(browser);
  await makeClubBook(chair, server.url);
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(chair, { name: 'Nguyễn Thị Lan', birthYear: '1955' });
  await connectChair(chair);
  await sendReport(chair, key);
  await expect(chair.getByTestId('save-badge-text')).toContainText('đã gửi hết', { timeout: 20_000 });

  // The association's account, made by whoever holds the setup code; its code is shown once.
  const made = await fetch(`${server.url}/api/v1/associations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ setupCode: E2E_SETUP_CODE, name: 'Hội NCT xã Tân Chi', province: 'Bắc Ninh', commune: 'Xã Tân Chi' }),
  });
  expect(made.status).toBe(201);
  const { code } = (await made.json()) as { code: string };

  // The officer, on a desktop browser with no club book.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const officer = await desk.newPage();
  await officer.goto(`${server.url}/association`);
  await expect(officer.getByRole('heading', { name: 'Đăng nhập cho cán bộ Hội' })).toBeVisible();
  await checkScreen(officer, 'the association sign-in');
  await officer.getByLabel('Mã đăng nhập').fill('WRONG-CODE-1234');
  await officer.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(officer.getByRole('alert')).toBeVisible();
  await officer.getByLabel('Mã đăng nhập').fill(code.toLowerCase());
  await officer.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(officer.getByText('Tài khoản: Hội NCT xã Tân Chi')).toBeVisible();

  // The half-year the chair sent, chosen from the periods kept; the club's figures are worked
  // out a few seconds after its push, so the page is asked again until its row is there.
  await officer.getByLabel('Kỳ báo cáo').selectOption(key);
  await expect(officer).toHaveURL(new RegExp(`period=${key}`));
  const row = officer.getByRole('row', { name: new RegExp(CLUB_NAME) });
  await expect(async () => {
    await officer.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // Sent after the 15 days: in, and late.
  await expect(row).toContainText(/Gửi muộn ngày \d\d\/\d\d\/\d{4}/);
  await expect(officer.getByText('Nguyễn Thị Lan')).toHaveCount(0);
  await checkScreen(officer, 'the association view of a commune');

  // The club's reports: the one sent, in force, with the figures as the chair sent them.
  await row.getByRole('link', { name: CLUB_NAME }).click();
  await expect(officer.getByRole('heading', { name: CLUB_NAME })).toBeVisible();
  await expect(officer.getByText('✓ Bản đang dùng cho kỳ này')).toBeVisible();
  await expect(officer.getByText(`6 tháng đầu năm ${year}`).first()).toBeVisible();
  await expect(officer.getByText('Nguyễn Thị Lan')).toHaveCount(0);
  await checkScreen(officer, "the association's page of a club's reports");

  // A club of another commune is outside this officer's area: the server says 403, in words.
  const other = await fetch(`${server.url}/api/v1/association/view?period=${key}&province=${encodeURIComponent(placeKey('Bắc Ninh'))}&commune=${encodeURIComponent(placeKey('Xã Tân Lãng'))}`, {
    headers: { authorization: `Bearer ${await officer.evaluate(() => localStorage.getItem('so-clb.associationToken'))}` },
  });
  expect(other.status).toBe(403);
  await desk.close();
  await chair.context().close();
});

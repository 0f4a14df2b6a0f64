import { expect, test, type Page } from '@playwright/test';
import { ClubServer } from '../lib/club-server';
import { addMember, connectChair, makeClubBook, newPhone, storedCount } from './phone';
import { checkScreen } from './fits';

/**
 * The loan fund with no network (issue 12): the treasurer's phone runs a month — seed
 * capital, the meeting's dues, a voted loan, a repayment, an expense, the cash count — with
 * the server stopped; once it returns, the chair's phone shows the same balances.
 */
const server = new ClubServer(4321);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

const badge = (page: Page) => page.getByTestId('save-badge-text');
const networkBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));
const money = (amount: string) => `${amount}\u00a0₫`;

const stored = (page: Page, collection: 'entries' | 'loans' | 'loanApplications' | 'cashCounts' | 'reopenings' | 'reviewChecks') => storedCount(page, collection);

/** Today on the phone's calendar (the browser runs in Asia/Ho_Chi_Minh: after 17:00 UTC it is already tomorrow there). */
function today(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('day')}${part('month')}${part('year')}`;
}

async function balances(page: Page): Promise<string[]> {
  await page.goto(`${server.url}/fund`);
  const figures = page.locator('.figure');
  await expect(figures.first()).toBeVisible();
  return figures.allTextContents();
}

test('the treasurer runs a month offline — seed, dues, a voted loan, a repayment with its split, an expense, the cash count — and the chair’s phone shows the same balances after sync', async ({ browser }) => {
  test.setTimeout(180_000);
  const chair = await newPhone(browser);
  await makeClubBook(chair, server.url);
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(chair, { name: 'Nguyễn Thị Lan', birthYear: '1955' });
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(chair, { name: 'Phạm Văn Hùng', birthYear: '1950', man: true, roles: ['Thủ quỹ / kế toán'] });
  // This month's meeting, in the meeting book.
  await chair.getByRole('link', { name: 'Sinh hoạt', exact: true }).click();
  await chair.getByRole('link', { name: 'Ghi buổi sinh hoạt' }).first().click();
  await chair.getByLabel('Ngày họp').fill(today());
  await chair.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(chair.getByRole('link', { name: 'Điểm danh' })).toBeVisible();

  await connectChair(chair);
  await chair.getByRole('link', { name: 'Mời thêm máy' }).click();
  await chair.getByRole('radio', { name: 'Thủ quỹ' }).click();
  await chair.getByRole('button', { name: 'Tạo mã mời' }).click();
  const code = (await chair.getByTestId('invite-code').textContent())!.trim();

  const treasurer = await newPhone(browser);
  await treasurer.goto(`${server.url}/join?code=${code}`);
  await treasurer.getByLabel('Tên máy này').fill('Máy thủ quỹ');
  await treasurer.getByRole('button', { name: 'Tham gia' }).click();
  await expect(treasurer.getByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeVisible({ timeout: 15_000 });
  await treasurer.evaluate(async () => void (await navigator.serviceWorker.ready));
  await expect(treasurer.getByRole('link', { name: 'Sổ quỹ' })).toBeVisible({ timeout: 15_000 });

  // No network from here to the count.
  await server.stop();
  await treasurer.getByRole('link', { name: 'Quỹ', exact: true }).click();
  await treasurer.getByRole('link', { name: 'Ghi vốn ban đầu' }).click();
  // Typed with dots as the field shows it; a comma is refused, not read as another amount.
  await treasurer.getByLabel('Số tiền', { exact: true }).fill('100,5');
  await treasurer.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(treasurer.getByText('Số tiền phải là số đồng chẵn, không âm.')).toBeVisible();
  await treasurer.getByLabel('Số tiền', { exact: true }).fill('100.000.000');
  await expect(treasurer.getByText(money('100.000.000'))).toBeVisible();
  await treasurer.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(treasurer.getByText('Đã lưu vào sổ quỹ.')).toBeVisible();

  // The meeting's dues, one tap each.
  await treasurer.getByRole('link', { name: 'Thu hội phí buổi họp' }).click();
  for (const name of ['Nguyễn Thị Lan', 'Phạm Văn Hùng']) {
    await treasurer.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: `Đóng ${money('10.000')}`, exact: true }).click();
    await expect(treasurer.getByRole('listitem').filter({ hasText: name }).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(treasurer.getByText(/2 \/ 2 người đã đóng/)).toBeVisible();
  await checkScreen(treasurer, 'fund-dues');
  await treasurer.getByRole('link', { name: 'Quay lại' }).click();

  // Lan applies; the meeting votes; the treasurer pays out 8,000,000 at 1 % a month, flat.
  await treasurer.getByRole('link', { name: /Đơn vay/ }).click();
  await treasurer.getByRole('link', { name: '+ Đơn vay mới' }).click();
  await treasurer.getByLabel('Thành viên').selectOption({ label: 'Nguyễn Thị Lan' });
  await treasurer.getByLabel('Vay để làm gì').fill('Nuôi gà');
  await treasurer.getByRole('button', { name: 'Lưu đơn vay' }).click();
  await treasurer.getByRole('link', { name: /Nguyễn Thị Lan/ }).click();
  await treasurer.getByLabel('Số phiếu đồng ý').fill('2');
  await treasurer.getByRole('button', { name: 'Lưu kết quả' }).click();
  await treasurer.getByLabel('Lãi suất').fill('1');
  await expect(treasurer.getByText(/Kỳ đầu .*: 746\.667\s₫ \(gốc 666\.667\s₫, lãi 80\.000\s₫\)/)).toBeVisible();
  await expect(treasurer.getByText(/Kỳ cuối .*: 746\.663\s₫/)).toBeVisible();
  await checkScreen(treasurer, 'fund-disburse');
  await treasurer.getByRole('button', { name: 'Giải ngân cho Nguyễn Thị Lan' }).click();
  await expect(treasurer.getByText(/Nguyễn Thị Lan đã vay 8\.000\.000\s₫/)).toBeVisible();

  // The repayment: the instalment offered, the split shown before saving, a receipt after.
  await treasurer.getByRole('link', { name: 'Quay lại' }).click();
  await treasurer.getByRole('link', { name: 'Thu tiền trả nợ' }).click();
  await treasurer.getByRole('link', { name: /Nguyễn Thị Lan/ }).click();
  await expect(treasurer.getByLabel('Số tiền', { exact: true })).toHaveValue('746.667');
  await expect(treasurer.getByText(/Lãi 80\.000\s₫ \(quỹ tăng thu nhập 40\.000\s₫, quỹ hoạt động 40\.000\s₫\)/)).toBeVisible();
  await expect(treasurer.getByText(/Gốc 666\.667\s₫/)).toBeVisible();
  await checkScreen(treasurer, 'fund-repayment');
  await treasurer.getByRole('button', { name: 'Lưu khoản trả nợ' }).click();
  await expect(treasurer.getByText(/Còn nợ gốc 7\.333\.333\s₫/)).toBeVisible();
  await expect(treasurer.getByRole('button', { name: 'Gửi biên nhận cho thành viên' })).toBeVisible();

  // An expense, then the cash count closes the book.
  await treasurer.getByRole('link', { name: 'Quay lại' }).click();
  await treasurer.getByRole('link', { name: 'Ghi thu, chi khác' }).click();
  await treasurer.getByRole('link', { name: 'Khoản chi' }).click();
  await treasurer.getByLabel('Số tiền', { exact: true }).fill('50000');
  await treasurer.getByLabel('Chi cho việc gì').fill('Nước uống buổi họp');
  await treasurer.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(treasurer.getByText('Đã lưu vào sổ quỹ.')).toBeVisible();
  await treasurer.getByRole('link', { name: 'Kiểm quỹ cuối buổi họp' }).click();
  await expect(treasurer.locator('.figure').first()).toContainText(money('92.716.667'));
  await treasurer.getByLabel('Số tiền đếm được').fill('92716667');
  await expect(treasurer.getByText('Khớp với sổ.')).toBeVisible();
  await treasurer.getByLabel('Người đếm thứ nhất').selectOption({ label: 'Phạm Văn Hùng' });
  await treasurer.getByLabel('Người đếm thứ hai').selectOption({ label: 'Nguyễn Thị Lan' });
  await treasurer.getByRole('button', { name: 'Lưu và khóa sổ' }).click();
  await expect(treasurer.getByText(/Quỹ tăng thu nhập: 100\.040\.000\s₫/)).toBeVisible();
  await expect(badge(treasurer)).toContainText('thay đổi chờ gửi');
  expect(await stored(treasurer, 'entries')).toBe(6);

  const onTreasurer = await balances(treasurer);
  expect(onTreasurer.join(' | ')).toContain(money('100.040.000'));
  expect(onTreasurer.join(' | ')).toContain(money('10.000'));
  await checkScreen(treasurer, 'fund-book');

  // The signal returns: the chair's phone holds the same book.
  await server.start();
  await networkBack(treasurer);
  await expect(badge(treasurer)).toContainText('đã gửi hết', { timeout: 20_000 });
  await networkBack(chair);
  await expect.poll(() => stored(chair, 'entries'), { timeout: 20_000 }).toBe(6);
  expect(await stored(chair, 'loans')).toBe(1);
  expect(await stored(chair, 'cashCounts')).toBe(1);
  expect(await balances(chair)).toEqual(onTreasurer);
  // The chair's home screen has the fund's tile.
  await chair.goto(server.url);
  await expect(chair.getByRole('link', { name: /Sổ quỹ/ })).toContainText(money('7.333.333'));
  await chair.context().close();
  await treasurer.context().close();
});

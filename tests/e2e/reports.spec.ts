import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { REPORT_FIGURES } from '../../src/domain/club-report';
import { ClubServer } from '../lib/club-server';
import { checkScreen } from './fits';
import { addMember, CLUB_NAME, connectChair, makeClubBook, newPhone, recordsOnServer, sendReport } from './phone';

/**
 * The club's report (issue 13) on a chair's phone with no network at all: the first half of
 * the year counted from the phone's books against the club's targets, printed to an A4 PDF
 * that holds the club, the period and the figures, downloaded as a CSV Excel reads; then,
 * with the server back, sent to the association and found there.
 */
const server = new ClubServer(4322);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

const badge = (page: Page) => page.getByTestId('save-badge-text');
const networkBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

/** The last first half of a year that has ended, on the phone's calendar (Asia/Ho_Chi_Minh). */
function lastFirstHalf(): { year: number; key: string } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const ended = month >= 7 ? year : year - 1;
  return { year: ended, key: `${ended}-H1` };
}

/** Every word of a PDF, page after page, as one line (what a person reading the paper sees). */
async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number; size: number[] }> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const words: string[] = [];
  let size: number[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    size = page.view;
    const content = await page.getTextContent();
    words.push(...content.items.map((item) => ('str' in item ? item.str : '')));
  }
  const pages = document.numPages;
  await document.destroy();
  return { text: words.join(' ').normalize('NFC').replace(/\s+/g, ' '), pages, size };
}

const value = (page: Page, figure: string) => page.locator(`[data-figure="${figure}"]`);

test('offline, the chair sees the first half of the year against its targets, prints it to PDF and downloads its CSV; back online, sends it and the server has it', async ({ browser }) => {
  test.setTimeout(90_000);
  const { year, key } = lastFirstHalf();
  const chair = await newPhone(browser);
  await makeClubBook(chair, server.url);
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).first().click();
  await addMember(chair, { name: 'Nguyễn Thị Lan', birthYear: '1955' });
  await chair.getByRole('link', { name: '+ Thêm thành viên' }).click();
  await addMember(chair, { name: 'Phạm Văn Hùng', birthYear: '1950', man: true });
  // A monthly meeting in March, everyone present.
  await chair.getByRole('link', { name: 'Sinh hoạt', exact: true }).click();
  await chair.getByRole('link', { name: 'Ghi buổi sinh hoạt' }).first().click();
  await chair.getByLabel('Ngày họp').fill(`1003${year}`);
  await chair.getByRole('checkbox', { name: 'Chăm sóc sức khỏe' }).check({ force: true });
  await chair.getByRole('button', { name: 'Lưu', exact: true }).click();
  await chair.getByRole('link', { name: 'Điểm danh' }).click();
  await chair.getByRole('button', { name: 'Tất cả có mặt' }).click();
  await expect(chair.getByTestId('roll-line')).toHaveText('2 / 2 có mặt · 100 %');
  // The income fund's seed capital, in January.
  await chair.goto(`${server.url}/fund/record/seed`);
  await chair.getByLabel('Số tiền', { exact: true }).fill('100.000.000');
  await chair.getByLabel('Ngày', { exact: true }).fill(`0501${year}`);
  await chair.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(chair.getByText('Đã lưu vào sổ quỹ.')).toBeVisible();
  await chair.evaluate(async () => void (await navigator.serviceWorker.ready));

  // No network from here to the sending.
  await server.stop();
  await chair.goto(server.url);
  await chair.getByRole('link', { name: /^Báo cáo hoạt động/ }).click();
  await chair.getByRole('radio', { name: '6 tháng' }).click();
  const heading = chair.getByRole('heading', { name: `Báo cáo hoạt động: 6 tháng đầu năm ${year}` });
  for (let back = 0; back < 2 && !(await heading.isVisible()); back++) await chair.getByRole('button', { name: '‹ 6 tháng trước' }).click();
  await expect(heading).toBeVisible();
  await expect(chair).toHaveURL(new RegExp(`/reports\\?period=${key}$`));
  await expect(value(chair, 'members')).toContainText('2');
  await expect(value(chair, 'members')).toContainText('Mục tiêu: từ 50');
  await expect(value(chair, 'members')).toContainText('✗ Chưa đạt');
  await expect(value(chair, 'attendancePercent')).toContainText('100 %');
  await expect(value(chair, 'attendancePercent')).toContainText('✓ Đạt');
  await expect(value(chair, 'incomeClosing')).toContainText('100.000.000\u00a0₫');
  await expect(value(chair, 'incomeClosing')).toContainText('✓ Đạt');
  await expect(value(chair, 'visitsPerVolunteerWeekTenths')).toContainText('—');
  // A reload with the server gone keeps the period: it is in the address.
  await chair.reload();
  await expect(heading).toBeVisible();
  await checkScreen(chair, 'the club report, offline');

  // On paper: A4, the club, the period, the day, every figure with its target, the signatures; none of the phone's chrome.
  await chair.emulateMedia({ media: 'print' });
  // The page size is the print style's own (@page size: A4), not the test's: 210 × 297 mm is 595.3 × 841.9 points.
  const pdf = await pdfText(await chair.pdf({ preferCSSPageSize: true, printBackground: true }));
  await chair.emulateMedia({ media: null });
  const [width, height] = [pdf.size[2]! - pdf.size[0]!, pdf.size[3]! - pdf.size[1]!];
  expect(Math.abs(width - 595.3), `width ${width}`).toBeLessThan(1.5);
  expect(Math.abs(height - 841.9), `height ${height}`).toBeLessThan(1.5);
  for (const words of [
    CLUB_NAME,
    'Thôn Đông, Xã Tân Chi, Bắc Ninh',
    `Báo cáo hoạt động: 6 tháng đầu năm ${year}`,
    `01/01/${year} – 30/06/${year}`,
    'In ngày',
    'Thành viên cuối kỳ',
    'Mục tiêu: từ 50',
    'Tỉ lệ đi họp (trung bình) 100 %',
    '100.000.000',
    '✓ Đạt',
    '✗ Chưa đạt',
    'Quỹ hoạt động',
    'Chủ nhiệm câu lạc bộ',
    'Thủ quỹ',
    '(Ký và ghi rõ họ tên)',
  ]) {
    expect(pdf.text, words).toContain(words);
  }
  for (const chrome of ['Gửi báo cáo này lên Hội', 'In hoặc lưu PDF', 'Trang chính', 'Đã lưu trên máy', 'Chọn ngày', 'Báo cáo gửi Hội']) expect(pdf.text, chrome).not.toContain(chrome);

  // The CSV: UTF-8 with its mark, one quoted row per figure in Vietnamese, the club and period in its name.
  const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByRole('button', { name: 'Tải tệp CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`so-clb-clb-lien-the-he-thon-dong-bao-cao-${key}.csv`);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(rows[0]).toBe('"Chỉ số","Giá trị","Mục tiêu","Đạt mục tiêu"');
  expect(rows).toHaveLength(REPORT_FIGURES.length + 2);
  expect(rows.at(-1)).toBe('');
  expect(rows).toContain('"Thành viên: Thành viên cuối kỳ","2","50","Chưa đạt"');
  expect(rows).toContain('"Thành viên: Tỉ lệ nữ (%)","50","",""');
  expect(rows).toContain('"Quỹ tăng thu nhập: Cuối kỳ (đồng)","100000000","100000000","Đạt"');
  expect(rows).toContain('"Sinh hoạt: Mảng: Chăm sóc sức khỏe","Có","",""');
  expect(rows).toContain('"Chăm sóc tại nhà: Lần thăm mỗi tuần của một tình nguyện viên","","3","Chưa có số"');

  // The signal returns: the chair connects the book, sends the report, and the server has it.
  await server.start();
  await networkBack(chair);
  await connectChair(chair);
  await sendReport(chair, key);
  await expect(badge(chair)).toContainText('đã gửi hết', { timeout: 20_000 });
  const onServer = await recordsOnServer(chair, server.url, 'reports');
  expect(onServer).toHaveLength(1);
  expect(onServer[0]).toMatchObject({ periodKey: key, from: `${year}-01-01`, to: `${year}-06-30` });
  expect(onServer[0]!.figures).toMatchObject({ members: 2, attendancePercent: 100, incomeClosing: 100_000_000, meetingsHeld: 1 });
  await expect(chair.getByText(/^Đã gửi Hội ngày \d\d\/\d\d\/\d{4}\.$/)).toBeVisible();
  await chair.context().close();
});

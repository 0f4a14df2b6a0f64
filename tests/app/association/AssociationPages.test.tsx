import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_KEY } from '../../../src/app/association/api';
import { CLUB_IDS, error, officeServer, type Call } from './fixtures';
import { renderApp } from '../render-app';
import { renderAssociation } from './render-association';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A line of the total against the plan, by its figure. */
const stat = (name: string) => document.querySelector<HTMLElement>(`[data-stat="${name}"]`)!;
const viewCalls = (calls: Call[]) => calls.filter((c) => c.path === '/api/v1/association/view');

describe('signing in', () => {
  it('with a wrong code: the server’s words beside the field, the code kept, nothing stored', async () => {
    const user = userEvent.setup();
    const { calls } = officeServer();
    await renderAssociation();
    expect(screen.getByRole('heading', { level: 1, name: 'Đăng nhập cho cán bộ Hội' })).toBeTruthy();
    const field = screen.getByLabelText('Mã đăng nhập') as HTMLInputElement;
    expect(field.getAttribute('autocomplete')).toBe('off');
    await user.type(field, 'abcd-efgh');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    const alert = await screen.findByText('Mã đăng nhập không dùng được: có thể gõ sai hoặc đã bị hủy. Hãy hỏi người quản lý máy chủ.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(field.value).toBe('abcd-efgh');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/v1/associations/sign-in', body: { code: 'abcd-efgh' } });
    expect(calls[0]!.headers['accept-language']).toBe('vi');
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('says what is wrong before asking: nothing typed, or not a code', async () => {
    const user = userEvent.setup();
    const { calls } = officeServer();
    await renderAssociation();
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Hãy nhập mã đăng nhập.');
    await user.type(screen.getByLabelText('Mã đăng nhập'), 'mã#1');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(screen.getByRole('alert').textContent).toBe('Mã chỉ gồm chữ và số (có thể có dấu cách, dấu gạch ngang). Hãy xem lại mã.');
    expect(calls).toHaveLength(0);
  });

  it('offline, and too many tries: said in words, in the person’s language', async () => {
    const user = userEvent.setup();
    let offline = true;
    officeServer(() => (offline ? 'offline' : error(429, 'rate_limited', 'Too many tries. Wait a minute and try again.')));
    await renderAssociation({ language: 'en' });
    await user.type(screen.getByLabelText('Sign-in code'), 'K7M2 PX9Q H4TN');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This page needs the network. The browser could not reach the server: check the connection and try again.');
    offline = false;
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Too many tries. Wait a minute and try again.'));
    expect((screen.getByLabelText('Sign-in code') as HTMLInputElement).value).toBe('K7M2 PX9Q H4TN');
  });

  it('with a good code: keeps the token and shows the view of the officer’s area', async () => {
    const user = userEvent.setup();
    const { calls } = officeServer();
    await renderAssociation();
    await user.type(screen.getByLabelText('Mã đăng nhập'), 'k7m2-px9q h4tn');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bắc Ninh' })).toBeTruthy();
    expect(localStorage.getItem(TOKEN_KEY)).toBe('good-token');
    expect(screen.getByText('Tài khoản: Hội Người cao tuổi tỉnh Bắc Ninh · Bắc Ninh')).toBeTruthy();
    const asked = viewCalls(calls)[0]!;
    expect(asked.headers.authorization).toBe('Bearer good-token');
    expect([...asked.query]).toEqual([]);
    expect(document.title).toBe('Bắc Ninh · Sổ CLB');
  });
});

describe('the view', () => {
  it('shows the total against the plan’s targets, met or not in words, the reports and the communes', async () => {
    officeServer();
    await renderAssociation({ token: 'good-token' });
    await screen.findByRole('heading', { level: 1, name: 'Bắc Ninh' });
    expect(screen.getByRole('heading', { level: 2, name: 'So với chỉ tiêu của kế hoạch' })).toBeTruthy();
    expect(screen.getByText('Đạt 4 trên 7 chỉ tiêu.')).toBeTruthy();
    // 6 of 7 clubs with full activities: 86 %, against 80 %.
    expect(stat('fullActivitiesPercent').querySelector('.report-figure__value')!.textContent).toBe('86 %');
    expect(within(stat('fullActivitiesPercent')).getByText('6 trên 7 câu lạc bộ')).toBeTruthy();
    expect(within(stat('fullActivitiesPercent')).getByText('Chỉ tiêu: từ 80 %')).toBeTruthy();
    expect(within(stat('fullActivitiesPercent')).getByText('✓ Đạt')).toBeTruthy();
    // 5 of 7 clubs with a fund of 100 million: the plan wants every one.
    expect(within(stat('fundPercent')).getByText('Tỉ lệ câu lạc bộ có quỹ tăng thu nhập từ 100.000.000 ₫')).toBeTruthy();
    expect(within(stat('fundPercent')).getByText('71 %')).toBeTruthy();
    expect(within(stat('fundPercent')).getByText('Chỉ tiêu: từ 100 %')).toBeTruthy();
    expect(within(stat('fundPercent')).getByText('✗ Chưa đạt')).toBeTruthy();
    expect(stat('fundPercent').className).toContain('report-figure--unmet');
    expect(within(stat('greenPercent')).getByText('✗ Chưa đạt')).toBeTruthy();
    expect(within(stat('borrowingPercent')).getByText('63 %')).toBeTruthy();
    expect(within(stat('borrowingPercent')).getByText('✓ Đạt')).toBeTruthy();
    // Members in thousands with dots; new clubs a year: the province's target, not judged half-way.
    expect(stat('members').querySelector('.report-figure__value')!.textContent).toBe('397');
    expect(within(stat('newClubs')).getByText('Chỉ tiêu của tỉnh: 14 câu lạc bộ mới mỗi năm')).toBeTruthy();
    expect(within(stat('newClubs')).queryByText(/Đạt/)).toBeNull();
    // Reports in, late, missing.
    const reporting = screen.getByRole('heading', { name: 'Báo cáo của các câu lạc bộ' }).closest('section')!;
    expect(within(reporting).getByText('✓ Gửi đúng hạn').nextSibling!.textContent).toBe('5');
    expect(within(reporting).getByText('✓ Gửi muộn').nextSibling!.textContent).toBe('1');
    expect(within(reporting).getByText('✗ Chưa gửi, quá hạn').nextSibling!.textContent).toBe('1');
    // Communes by standard clubs, plains and mountains apart.
    const plains = document.querySelector('[data-area="plains"]')!;
    expect([...plains.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['2', '2', '2', '1', '1']);
    expect(screen.getByText(/Năm 2030: mọi xã đồng bằng có từ 2 câu lạc bộ đạt chuẩn \(hiện có 2 trên 2 xã\)/)).toBeTruthy();
  });

  it('lists the communes as links one level down; drilling changes the request, and the breadcrumb goes back', async () => {
    const user = userEvent.setup();
    const { calls } = officeServer();
    const { address } = await renderAssociation({ token: 'good-token' });
    await screen.findByRole('heading', { level: 1, name: 'Bắc Ninh' });
    const table = screen.getByRole('region', { name: 'Các xã, phường của Bắc Ninh' });
    expect(table.getAttribute('tabindex')).toBe('0');
    const row = within(table).getByRole('link', { name: 'Xã Tân Chi' }).closest('tr')!;
    expect(row.querySelector('[data-column="clubs"]')!.textContent).toBe('3');
    expect(row.querySelector('[data-column="members"]')!.textContent).toBe('157');
    expect(row.querySelector('[data-column="reports_missing"]')!.textContent).toBe('1');
    await user.click(within(table).getByRole('link', { name: 'Xã Tân Chi' }));
    await screen.findByRole('heading', { level: 1, name: 'Xã Tân Chi, Bắc Ninh' });
    const asked = viewCalls(calls).at(-1)!;
    expect(Object.fromEntries(asked.query)).toEqual({ period: '2026-H1', province: 'bắc ninh', commune: 'tân chi' });
    expect(address()).toBe(`/association?${new URLSearchParams({ period: '2026-H1', province: 'bắc ninh', commune: 'tân chi' })}`);
    const crumbs = screen.getByRole('navigation', { name: 'Các cấp' });
    expect(within(crumbs).getByText('Xã Tân Chi').getAttribute('aria-current')).toBe('page');
    await user.click(within(crumbs).getByRole('link', { name: 'Bắc Ninh' }));
    await screen.findByRole('heading', { level: 1, name: 'Bắc Ninh' });
    expect(Object.fromEntries(viewCalls(calls).at(-1)!.query)).toEqual({ period: '2026-H1', province: 'bắc ninh' });
  });

  it('shows each club’s report for the period in words, and links the club to its reports', async () => {
    officeServer();
    await renderAssociation({ token: 'good-token', path: '/association?province=b%E1%BA%AFc+ninh&commune=t%C3%A2n+chi' });
    await screen.findByRole('heading', { level: 1, name: 'Xã Tân Chi, Bắc Ninh' });
    const table = screen.getByRole('region', { name: 'Các câu lạc bộ của Xã Tân Chi, Bắc Ninh' });
    const rowOf = (name: string) => within(table).getByRole('link', { name }).closest('tr')!;
    expect(within(rowOf('CLB Liên thế hệ thôn Đông')).getByText('✓ Đã gửi ngày 08/07/2026')).toBeTruthy();
    expect(within(rowOf('CLB thôn Bắc, xóm "Giữa"')).getByText('✓ Gửi muộn ngày 20/07/2026')).toBeTruthy();
    expect(within(rowOf('CLB thôn Nam')).getByText('✗ Chưa gửi, quá hạn')).toBeTruthy();
    expect(within(rowOf('CLB thôn Nam')).getByText('Đồng bằng')).toBeTruthy();
    expect(rowOf('CLB Liên thế hệ thôn Đông').querySelector('[data-column="fullActivities"]')!.textContent).toBe('Có');
    expect(rowOf('CLB thôn Nam').querySelector('[data-column="fullActivities"]')!.textContent).toBe('Không');
    expect(within(table).getByRole('link', { name: 'CLB thôn Nam' }).getAttribute('href')).toBe(
      `/association/clubs/${CLUB_IDS.nam}?${new URLSearchParams({ period: '2026-H1', province: 'bắc ninh', commune: 'tân chi' })}`,
    );
    // The total: clubs counted under yes and no.
    const total = within(table).getByText('Cộng').closest('tr')!;
    expect(total.querySelector('[data-column="fullActivities"]')!.textContent).toBe('2');
    expect(total.querySelector('[data-column="members"]')!.textContent).toBe('157');
  });

  it('sorts the rows by a column, saying how', async () => {
    const user = userEvent.setup();
    officeServer();
    await renderAssociation({ token: 'good-token', path: '/association?province=b%E1%BA%AFc+ninh&commune=t%C3%A2n+chi' });
    const table = await screen.findByRole('region', { name: 'Các câu lạc bộ của Xã Tân Chi, Bắc Ninh' });
    const names = () => [...table.querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(names()).toEqual(['CLB Liên thế hệ thôn Đông', 'CLB thôn Bắc, xóm "Giữa"', 'CLB thôn Nam']);
    await user.click(within(table).getByRole('button', { name: 'Báo cáo kỳ này' }));
    expect(names()).toEqual(['CLB thôn Nam', 'CLB thôn Bắc, xóm "Giữa"', 'CLB Liên thế hệ thôn Đông']);
    expect(within(table).getByRole('button', { name: /Báo cáo kỳ này/ }).closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(table).getByRole('button', { name: 'Thành viên' }));
    expect(names()).toEqual(['CLB Liên thế hệ thôn Đông', 'CLB thôn Bắc, xóm "Giữa"', 'CLB thôn Nam']);
    expect(within(table).getByRole('button', { name: /Thành viên/ }).closest('th')!.getAttribute('aria-sort')).toBe('descending');
  });

  it('re-fetches when another period is chosen', async () => {
    const user = userEvent.setup();
    const { calls } = officeServer();
    const { address } = await renderAssociation({ token: 'good-token' });
    const select = (await screen.findByLabelText('Kỳ báo cáo')) as HTMLSelectElement;
    expect(select.value).toBe('2026-H1');
    expect([...select.options].map((o) => o.textContent)).toContain('6 tháng đầu năm 2026');
    expect([...select.options].map((o) => o.textContent)).toContain('Năm 2025');
    await user.selectOptions(select, '2025');
    await waitFor(() => expect(Object.fromEntries(viewCalls(calls).at(-1)!.query)).toEqual({ period: '2025', province: 'bắc ninh' }));
    expect(address()).toBe(`/association?${new URLSearchParams({ period: '2025', province: 'bắc ninh' })}`);
    expect(((await screen.findByLabelText('Kỳ báo cáo')) as HTMLSelectElement).value).toBe('2025');
    expect(viewCalls(calls)).toHaveLength(2);
  });

  it('draws the trend as an image with a name, its numbers in a table', async () => {
    officeServer();
    await renderAssociation({ token: 'good-token' });
    const chart = await screen.findByRole('img', { name: /^Biểu đồ các tỉ lệ qua các kỳ: Tỉ lệ câu lạc bộ hoạt động đầy đủ/ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    // The half-years with clubs in them: four before 2026-H1 and 2026-H1 (2026-H2 has none yet).
    const numbers = screen.getByRole('table', { name: 'Các số qua các kỳ' });
    expect([...numbers.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['6T đầu 2024', '6T cuối 2024', '6T đầu 2025', '6T cuối 2025', '6T đầu 2026']);
    expect(within(numbers).getAllByText('86 %')).toHaveLength(1);
  });

  it('downloads the rows as a CSV file', async () => {
    const user = userEvent.setup();
    officeServer();
    let file: File | null = null;
    // jsdom has no object URLs: the file handed to one is the file downloaded.
    URL.createObjectURL = (blob: Blob) => ((file = blob as File), 'blob:csv');
    URL.revokeObjectURL = () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await renderAssociation({ token: 'good-token' });
    await user.click(await screen.findByRole('button', { name: 'Tải tệp CSV' }));
    expect(click).toHaveBeenCalled();
    expect(file!.name).toBe('so-clb-hoi-bac-ninh-2026-H1.csv');
    const text = await file!.text();
    expect(text.split('\r\n')[1]).toMatch(/^"Thị trấn Lim","4","240",/);
  });

  it('prints with the browser', async () => {
    const user = userEvent.setup();
    officeServer();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await renderAssociation({ token: 'good-token' });
    await user.click(await screen.findByRole('button', { name: 'In' }));
    expect(print).toHaveBeenCalled();
  });
});

describe('what can go wrong', () => {
  it('a token the server no longer takes: back to signing in, the token forgotten', async () => {
    officeServer();
    await renderAssociation({ token: 'revoked-token' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập cho cán bộ Hội' })).toBeTruthy();
    expect(screen.getByText('Phiên đăng nhập đã hết hoặc tài khoản đã bị thu hồi. Hãy đăng nhập lại.')).toBeTruthy();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('no network: says so, with a button to try again', async () => {
    const user = userEvent.setup();
    let offline = true;
    officeServer(() => (offline ? 'offline' : undefined));
    await renderAssociation({ token: 'good-token' });
    expect((await screen.findByRole('alert')).textContent).toBe('Trang này cần kết nối mạng. Máy chưa kết nối được với máy chủ: hãy kiểm tra mạng rồi thử lại.');
    offline = false;
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bắc Ninh' })).toBeTruthy();
  });

  it('a place outside the officer’s area: the server’s words, and the way back', async () => {
    officeServer((call) => (call.query.get('province') === 'hà nam' ? error(403, 'forbidden', 'Nơi này không thuộc địa bàn của tài khoản hội.') : undefined));
    await renderAssociation({ token: 'good-token', path: '/association?province=h%C3%A0+nam' });
    expect((await screen.findByRole('alert')).textContent).toBe('Nơi này không thuộc địa bàn của tài khoản hội.');
    expect(screen.getByRole('link', { name: 'Về địa bàn của bạn' }).getAttribute('href')).toBe('/association');
  });

  it('signing out forgets the token and says so', async () => {
    const user = userEvent.setup();
    officeServer();
    const { address } = await renderAssociation({ token: 'good-token', path: '/association?period=2025' });
    await user.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(screen.getByText('Đã đăng xuất. Trình duyệt này không còn giữ phiên đăng nhập của bạn.')).toBeTruthy();
    expect(address()).toBe('/association');
  });
});

describe('a club’s reports', () => {
  it('lists every report sent, newest first, the one in force and the one replaced, with the phone report’s figure names', async () => {
    const user = userEvent.setup();
    const { calls } = officeServer();
    await renderAssociation({ token: 'good-token', path: `/association/clubs/${CLUB_IDS.dong}?period=2026-H1&province=b%E1%BA%AFc+ninh&commune=t%C3%A2n+chi` });
    expect(await screen.findByRole('heading', { level: 1, name: 'CLB Liên thế hệ thôn Đông' })).toBeTruthy();
    expect(calls.at(-1)!.path).toBe(`/api/v1/association/clubs/${CLUB_IDS.dong}/reports`);
    expect(screen.getByText('Xã Tân Chi, Bắc Ninh')).toBeTruthy();
    const reports = [...document.querySelectorAll<HTMLElement>('[data-report]')];
    expect(reports.map((r) => r.dataset.report)).toEqual(['r3', 'r2', 'r1']);
    expect(reports.map((r) => within(r).getByRole('heading', { level: 3 }).textContent)).toEqual(['6 tháng đầu năm 2026', '6 tháng đầu năm 2026', 'Năm 2025']);
    expect(within(reports[0]!).getByText('✓ Bản đang dùng cho kỳ này')).toBeTruthy();
    expect(within(reports[1]!).getByText('Đã được thay bằng bản gửi sau')).toBeTruthy();
    expect(within(reports[2]!).getByText('✓ Bản đang dùng cho kỳ này')).toBeTruthy();
    expect(within(reports[0]!).getByText('Ghi chú của câu lạc bộ: Sửa số thành viên')).toBeTruthy();
    const figure = (report: HTMLElement, name: string) => report.querySelector(`[data-figure="${name}"]`)!;
    expect(figure(reports[0]!, 'members').textContent).toBe('Thành viên cuối kỳ62');
    expect(figure(reports[1]!, 'members').textContent).toBe('Thành viên cuối kỳ60');
    expect(figure(reports[0]!, 'older').textContent).toBe('Người cao tuổi45');
    expect(figure(reports[0]!, 'incomeClosing').querySelector('.report-figure__value')!.textContent).toBe('125.000.000\u00a0₫');
    expect(figure(reports[2]!, 'fullActivities').querySelector('.report-figure__value')!.textContent).toBe('Không');
    const back = screen.getByRole('link', { name: '‹ Về Xã Tân Chi' });
    expect(back.getAttribute('href')).toBe('/association?period=2026-H1&province=b%E1%BA%AFc+ninh&commune=t%C3%A2n+chi');
    await user.click(back);
    expect(await screen.findByRole('heading', { level: 1, name: 'Xã Tân Chi, Bắc Ninh' })).toBeTruthy();
  });

  it('a club outside the area, or unknown: the server’s words', async () => {
    officeServer((call) => (call.path.includes('/clubs/') ? error(403, 'forbidden', 'Nơi này không thuộc địa bàn của tài khoản hội.') : undefined));
    await renderAssociation({ token: 'good-token', path: `/association/clubs/${CLUB_IDS.nam}` });
    expect((await screen.findByRole('alert')).textContent).toBe('Nơi này không thuộc địa bàn của tài khoản hội.');
  });
});

describe('in the app', () => {
  it('/association opens the sign-in on a browser with no club book, not the first-start screens', async () => {
    officeServer();
    await renderApp({ path: '/association', withClub: false });
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập cho cán bộ Hội' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Đăng nhập' }).getAttribute('type')).toBe('submit');
  });
});

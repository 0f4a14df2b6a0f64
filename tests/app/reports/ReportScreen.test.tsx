import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markId } from '../../../src/domain/attendance';
import { clubReport, REPORT_FIGURES } from '../../../src/domain/club-report';
import { simpleEntry } from '../../../src/domain/fund-forms';
import { newMeetingFields } from '../../../src/domain/meetings';
import { periodOf } from '../../../src/domain/periods';
import type { Report } from '../../../src/domain/reports';
import type { ClubBookDatabase } from '../../../src/local/database';
import { deviceId, META } from '../../../src/local/device';
import { clubBooks } from '../../../src/local/report-queries';
import { createRecord, createRecords } from '../../../src/local/write';
import { memberFields } from '../../domain/fixtures';
import { renderApp } from '../render-app';

/**
 * The club's report on the phone (issue 13): figures counted from the phone's own books for a
 * chosen period, against the club's targets; the chair sends them as a `reports` record that
 * syncs like any other; the board's phone reads but does not send; the list of reports owed
 * says which are sent, late, missing or due.
 */

/** The phone's clock (Date only: IndexedDB and the timers of user-event run as usual). */
function clockAt(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}
beforeEach(() => clockAt('2026-12-02T03:00:00.000Z'));
afterEach(() => vi.useRealTimers());

/** Three members, one monthly meeting in March 2026 with two of them present, and 100 million of seed capital in January. */
async function smallClub(db: ClubBookDatabase) {
  const [lan, hung] = await createRecords(db, 'members', [
    { fields: memberFields({ fullName: 'Nguyễn Thị Lan', gender: 'female', birthYear: 1952, joinedOn: '2024-01-15' }) },
    { fields: memberFields({ fullName: 'Phạm Văn Hùng', gender: 'male', birthYear: 1950, joinedOn: null, poverty: 'none', povertyYear: null }) },
    { fields: memberFields({ fullName: 'Đỗ Thị Mai', gender: 'female', birthYear: 1975, joinedOn: '2025-05-01', poverty: 'none', povertyYear: null }) },
  ]);
  const meeting = await createRecord(db, 'meetings', { ...newMeetingFields('2026-03-10'), areas: ['health', 'income'] });
  for (const member of [lan!, hung!]) {
    await createRecord(db, 'attendance', { meetingId: meeting.id, memberId: member.id, mark: 'present' }, { id: markId(meeting.id, member.id) });
  }
  const seed = simpleEntry({ kind: 'seed', amount: 100_000_000, postedOn: '2026-01-05', account: 'cash', fund: 'incomeFund', memberId: null, loanId: null, note: null });
  await createRecord(db, 'entries', { ...seed, phoneId: await deviceId(db) });
}

/** A figure's line on screen, by its name in the figure's data attribute. */
function line(figure: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-figure="${figure}"]`);
  if (!found) throw new Error(`no line for ${figure}`);
  return found;
}
const shown = (figure: string) => line(figure).querySelector('.report-figure__value')!.textContent;

async function chooseFirstHalfOf2026(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('radio', { name: '6 tháng' }));
  await screen.findByRole('heading', { name: 'Báo cáo hoạt động: 6 tháng cuối năm 2026' });
  await user.click(screen.getByRole('button', { name: '‹ 6 tháng trước' }));
  await screen.findByRole('heading', { name: 'Báo cáo hoạt động: 6 tháng đầu năm 2026' });
}

describe('the club’s report', () => {
  it('counts the first half of 2026 from the phone’s books, each figure against its target, met or not in words', async () => {
    const user = userEvent.setup();
    const { location } = await renderApp({ path: '/reports', before: smallClub });
    // It opens on this month.
    await screen.findByRole('heading', { name: 'Báo cáo hoạt động: Tháng 12 năm 2026' });
    await chooseFirstHalfOf2026(user);
    // The period is in the address: Back and a reload keep it.
    expect(location.history!.at(-1)).toBe('/reports?period=2026-H1');
    expect(screen.getByText('01/01/2026 – 30/06/2026')).toBeTruthy();

    expect(shown('members')).toBe('3');
    expect(within(line('members')).getByText('Mục tiêu: từ 50')).toBeTruthy();
    expect(within(line('members')).getByText('✗ Chưa đạt')).toBeTruthy();
    expect(shown('womenPercent')).toBe('67 %');
    expect(shown('meetingsHeld')).toBe('1');
    expect(shown('monthsWithMeeting')).toBe('1');
    expect(within(line('monthsWithMeeting')).getByText('Mục tiêu: họp đủ 6 tháng')).toBeTruthy();
    // Two of the three on the roll came.
    expect(shown('attendancePercent')).toBe('67 %');
    expect(within(line('attendancePercent')).getByText('✗ Chưa đạt')).toBeTruthy();
    expect(shown('area_health')).toBe('Có');
    expect(shown('area_rights')).toBe('Không');
    expect(shown('incomeClosing')).toBe('100.000.000\u00a0₫');
    expect(line('incomeClosing').querySelector('.report-figure__target')!.textContent).toBe('Mục tiêu: từ 100.000.000\u00a0₫');
    expect(within(line('incomeClosing')).getByText('✓ Đạt')).toBeTruthy();
    expect(line('incomeClosing').className).toContain('report-figure--met');
    // Nothing to count: a dash, and no verdict pretended.
    expect(shown('visitsPerVolunteerWeekTenths')).toBe('—');
    expect(within(line('visitsPerVolunteerWeekTenths')).getByText('— Chưa có số để đánh giá')).toBeTruthy();
    expect(screen.getByText('Tháng chưa có sinh hoạt: 01/2026, 02/2026, 04/2026, 05/2026, 06/2026')).toBeTruthy();
  });

  it('sends on the chair’s phone exactly the figures shown, as a reports record with its outbox change; sending again makes a second', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/reports', before: smallClub });
    await chooseFirstHalfOf2026(user);
    expect(screen.getByText('Chưa gửi Hội báo cáo kỳ này.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Gửi báo cáo này lên Hội' }));
    // The period has ended: no question asked.
    await screen.findByText('Báo cáo ghi ngày 02/12/2026 đang chờ gửi: máy sẽ gửi khi có mạng.');

    const sent = await db.records<Report>('reports').toArray();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ periodKey: '2026-H1', from: '2026-01-01', to: '2026-06-30', note: null });
    // Every figure on screen is the one sent, and the one the books count.
    const expected = clubReport((await clubBooks(db))!, periodOf('2026-H1')!).figures;
    expect(sent[0]!.figures).toEqual(expected);
    expect(sent[0]!.figures).toMatchObject({ members: 3, meetingsHeld: 1, attendancePercent: 67, incomeClosing: 100_000_000 });
    for (const figure of REPORT_FIGURES) expect(document.querySelector(`[data-figure="${figure}"]`), figure).not.toBeNull();
    expect(shown('members')).toBe(String(sent[0]!.figures.members));
    const queued = await db.outbox.filter((m) => m.collection === 'reports').toArray();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ op: 'put', id: sent[0]!.id, status: 'pending' });
    expect(queued[0]!.data.figures).toEqual(expected);

    await user.click(screen.getByRole('button', { name: 'Gửi báo cáo này lên Hội' }));
    await expect.poll(() => db.records('reports').count()).toBe(2);
    expect(await db.outbox.filter((m) => m.collection === 'reports').count()).toBe(2);
    expect(new Set((await db.records<Report>('reports').toArray()).map((r) => r.periodKey))).toEqual(new Set(['2026-H1']));
  });

  it('asks a yes before sending a period that is still running, and sends nothing on “no”', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/reports?period=2026-H2', before: smallClub });
    await screen.findByRole('heading', { name: 'Báo cáo hoạt động: 6 tháng cuối năm 2026' });
    expect(screen.getByText('Kỳ này chưa kết thúc: số liệu còn thay đổi đến hết ngày 31/12/2026.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Gửi báo cáo này lên Hội' }));
    expect(await screen.findByText(/Kỳ này chưa kết thúc \(đến hết ngày 31\/12\/2026\).*Vẫn gửi báo cáo bây giờ\?/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Thôi' }));
    expect(await db.records('reports').count()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Gửi báo cáo này lên Hội' }));
    await user.click(await screen.findByRole('button', { name: 'Có, gửi bây giờ' }));
    await expect.poll(() => db.records('reports').count()).toBe(1);
    expect((await db.records<Report>('reports').toArray())[0]!.periodKey).toBe('2026-H2');
  });

  it('on the board’s phone: the figures and the list, but no send button', async () => {
    await renderApp({
      path: '/reports?period=2026-H1',
      before: async (db) => {
        await smallClub(db);
        const clubId = (await db.meta.get(META.clubId))!.value as string;
        await db.meta.put({
          key: META.connection,
          value: { serverUrl: 'http://127.0.0.1:1', token: 'board-token', deviceId: 'board-phone', role: 'board', clubId, connectedAt: '2026-11-01T00:00:00.000Z' },
        });
      },
    });
    await screen.findByRole('heading', { name: 'Báo cáo hoạt động: 6 tháng đầu năm 2026' });
    expect(shown('members')).toBe('3');
    expect(screen.getByRole('heading', { name: 'Báo cáo gửi Hội' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'In hoặc lưu PDF' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Gửi báo cáo này lên Hội' })).toBeNull();
  });

  it('lists the reports owed — sent (how often), late, missing, due — from records sent at chosen moments, and the home tile says what is due', async () => {
    // 10/07/2026: the first half of 2026 has ended and is due by 15/07.
    clockAt('2026-07-10T03:00:00.000Z');
    const sent = (periodKey: string, from: string, to: string, madeAt: string) => ({ fields: { periodKey, from, to, figures: { members: 3 }, note: null }, madeAt });
    const { location } = await renderApp({
      path: '/',
      before: async (db) => {
        // The book begins with a meeting in February 2025.
        await createRecord(db, 'meetings', newMeetingFields('2025-02-10'));
        await createRecords(db, 'reports', [
          // The year 2025: in on time, then corrected.
          sent('2025', '2025-01-01', '2025-12-31', '2026-01-12T02:00:00.000Z'),
          sent('2025', '2025-01-01', '2025-12-31', '2026-01-20T02:00:00.000Z'),
          // The second half of 2025: due by 15/01/2026, sent on the 20th.
          sent('2025-H2', '2025-07-01', '2025-12-31', '2026-01-20T03:00:00.000Z'),
          // The first half of 2025: never sent.
        ]);
        // Sent from the chair's phone and acknowledged: nothing waits in the outbox.
        await db.outbox.clear();
      },
    });
    const tile = await screen.findByRole('link', { name: /Báo cáo hoạt động/ });
    await within(tile).findByText('6 tháng đầu năm 2026: hạn gửi 15/07/2026');
    expect(within(tile).getByText('Quá hạn, chưa gửi: 6 tháng đầu năm 2025')).toBeTruthy();
    expect(tile.getAttribute('href')).toBe('/reports?period=2026-H1');

    act(() => location.navigate('/reports'));
    const list = within((await screen.findByRole('heading', { name: 'Báo cáo gửi Hội' })).closest('section')!);
    const row = (name: string) => list.getByRole('link', { name: new RegExp(`^${name}`) });
    expect(row('6 tháng đầu năm 2026').textContent).toContain('○ Chưa gửi, hạn gửi 15/07/2026');
    expect(row('Năm 2025').textContent).toContain('✓ Đã gửi 2 lần, lần cuối ngày 20/01/2026');
    expect(row('6 tháng cuối năm 2025').textContent).toContain('✓ Gửi muộn ngày 20/01/2026 (hạn 15/01/2026)');
    expect(row('6 tháng đầu năm 2025').textContent).toContain('✗ Chưa gửi, đã quá hạn 15/07/2025');
    expect(list.getAllByRole('link')).toHaveLength(4);
    // A tap opens that period's report.
    await userEvent.setup().click(row('Năm 2025'));
    await screen.findByRole('heading', { name: 'Báo cáo hoạt động: Năm 2025' });
    expect(screen.getByText('Đã gửi Hội 2 lần, lần cuối ngày 20/01/2026.')).toBeTruthy();
    // What was sent (3 members, nothing else) is not what the book counts now.
    expect(screen.getByText('Số liệu trong sổ đã thay đổi từ lần gửi cuối. Gửi lại để Hội có số mới.')).toBeTruthy();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { META, currentClubId } from '../../../src/local/device';
import { chosenLanguage } from '../../../src/app/preferences';
import { newMemberFields } from '../../../src/domain/members';
import { createRecord } from '../../../src/local/write';
import { renderApp } from '../render-app';

describe('settings', () => {
  it('switches every screen to English and remembers the choice', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/settings' });
    await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950 });
    expect(await screen.findByRole('heading', { name: 'Ngôn ngữ' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('save-badge-text').textContent).toBe('Đã lưu trên máy · sổ chỉ có trên máy này (chưa nối máy chủ)'));

    await user.click(screen.getByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: 'Language' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Members/ })).toBeTruthy();
    expect(screen.getByTestId('save-badge-text').textContent).toBe('Saved on this phone · the book is only on this phone (not connected to a server)');
    expect(chosenLanguage()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('makes the text larger for the whole app', async () => {
    const user = userEvent.setup();
    await renderApp({ path: '/settings' });
    await user.click(await screen.findByRole('radio', { name: 'Rất lớn' }));
    await waitFor(() => expect(document.documentElement.dataset.textSize).toBe('extraLarge'));
    expect(localStorage.getItem('so-clb.textSize')).toBe('extraLarge');
  });

  it('says how much room the book takes and the phone has left, in grouped numbers', async () => {
    vi.stubGlobal('navigator', { ...navigator, storage: { estimate: async () => ({ usage: 3 * 1024 * 1024, quota: 10_243 * 1024 * 1024 }) } });
    try {
      await renderApp({ path: '/settings' });
      expect(await screen.findByText('Sổ đang dùng 3 MB; máy còn trống khoảng 10.240 MB.')).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says when this phone last sent and received, and what "send and receive now" did', async () => {
    const user = userEvent.setup();
    const sync = { syncNow: vi.fn(async () => ({ outcome: 'done' as const, acknowledged: 2, rejected: 0, pulled: 5, received: 3 })) };
    const { db } = await renderApp({ path: '/settings', sync });
    await db.meta.put({
      key: META.connection,
      value: { serverUrl: 'https://soclb.example.vn', token: 't', deviceId: 'd', role: 'chair', clubId: await currentClubId(db), connectedAt: new Date().toISOString() },
    });
    await db.meta.put({ key: META.lastSentAt, value: '2026-11-23T08:05:00.000Z' });
    expect(await screen.findByText(/Gửi lần cuối: 23\/11\/2026 \d\d:05\./)).toBeTruthy();
    expect(screen.getByText(/Nhận lần cuối: chưa lần nào\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Gửi và nhận ngay' }));
    expect(await screen.findByText('Đã gửi 2 thay đổi. Đã nhận 3 thay đổi từ máy khác.')).toBeTruthy();
    expect(sync.syncNow).toHaveBeenCalledOnce();
  });
});

import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newMemberFields } from '../../../src/domain/members';
import { exportBackup } from '../../../src/local/backup';
import { createRecords } from '../../../src/local/write';
import { renderApp } from '../render-app';

afterEach(() => vi.unstubAllGlobals());

/** Every text the progress line showed, as the person would have seen it go by. */
function watchProgress(): { seen: string[]; stop: () => void } {
  const seen: string[] = [];
  const look = () => {
    for (const line of document.querySelectorAll('[data-testid="long-work"] [role="status"]')) {
      const text = line.textContent ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    }
    for (const note of document.querySelectorAll('[data-testid="long-work"] .book-pull__hint')) {
      if (!seen.includes(note.textContent ?? '')) seen.push(note.textContent ?? '');
    }
  };
  const observer = new MutationObserver(look);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

const MEMBERS = 1_500;

describe('a long backup or restore says how far it is', () => {
  it('restoring shows the records checked and copied of all of them, with the percent, and says closing leaves the book as it was', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/settings' });
    await createRecords(db, 'members', Array.from({ length: MEMBERS }, (_, i) => ({ fields: { ...newMemberFields(), joinedOn: '2024-01-15', fullName: `Thành viên ${i}`, birthYear: 1950 } })));
    const file = JSON.stringify(await exportBackup(db));
    cleanup();

    await renderApp({ withClub: false, language: 'vi' });
    const watch = watchProgress();
    await user.upload(await screen.findByLabelText('Mở tệp sao lưu'), new File([file], 'so-clb.json', { type: 'application/json' }));
    expect(await screen.findByText(`Đã mở tệp: thêm ${MEMBERS + 1}, cập nhật 0, giữ nguyên 0.`, {}, { timeout: 20_000 })).toBeTruthy();
    watch.stop();
    const total = '1.501';
    expect(watch.seen.some((text) => new RegExp(`^Đang kiểm tra tệp: [\\d.]+ / ${total} bản ghi \\(\\d+ %\\)$`).test(text))).toBe(true);
    expect(watch.seen.some((text) => new RegExp(`^Đang chép vào máy: [\\d.]+ / ${total} bản ghi \\(\\d+ %\\)$`).test(text))).toBe(true);
    expect(watch.seen).toContain('Nếu ứng dụng bị đóng giữa chừng, sổ trên máy vẫn giữ nguyên như trước. Khi đó, hãy mở lại tệp.');
    expect(screen.queryByTestId('long-work')).toBeNull();
  }, 40_000);

  it('backing up shows the records read, then that it is locking the file', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('navigator', { ...navigator, canShare: () => true, share: async () => {} });
    const { db } = await renderApp({ path: '/settings' });
    await createRecords(db, 'members', Array.from({ length: MEMBERS }, (_, i) => ({ fields: { ...newMemberFields(), joinedOn: '2024-01-15', fullName: `Thành viên ${i}`, birthYear: 1950 } })));
    const watch = watchProgress();
    await user.click(await screen.findByRole('button', { name: 'Sao lưu ra tệp' }));
    await user.type(screen.getByLabelText('Mật khẩu'), 'hoa sen 2026');
    await user.type(screen.getByLabelText('Gõ lại mật khẩu'), 'hoa sen 2026');
    await user.click(screen.getByRole('button', { name: 'Khoá và sao lưu' }));
    expect(await screen.findByText('Đã khoá và sao lưu sổ ra tệp. Hãy cất mật khẩu cùng chỗ an toàn.', {}, { timeout: 20_000 })).toBeTruthy();
    watch.stop();
    expect(watch.seen).toContain('Đang khoá tệp bằng mật khẩu… Việc này mất vài giây.');
    expect(watch.seen.some((text) => /^Đang đọc sổ: [\d.]+ \/ 1\.501 bản ghi \(\d+ %\)$/.test(text))).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('long-work')).toBeNull());
  }, 40_000);
});

import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newMemberFields } from '../../../src/domain/members';
import { liveRecords } from '../../../src/local/queries';
import { createRecord } from '../../../src/local/write';
import { renderApp } from '../render-app';

afterEach(() => vi.unstubAllGlobals());

/** The share sheet: what the app handed it. */
function shareSheet() {
  const shared: File[] = [];
  vi.stubGlobal('navigator', {
    ...navigator,
    canShare: () => true,
    share: async ({ files }: { files: File[] }) => void shared.push(...files),
  });
  return shared;
}

describe('backing the book up to a file', () => {
  it('locks it with a passphrase typed twice, then opens only with that passphrase on another phone', async () => {
    const user = userEvent.setup();
    const shared = shareSheet();
    const { db } = await renderApp({ path: '/settings' });
    await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950, phone: '0912345678' });

    await user.click(await screen.findByRole('button', { name: 'Sao lưu ra tệp' }));
    await user.type(screen.getByLabelText('Mật khẩu'), 'hoa sen 2026');
    await user.type(screen.getByLabelText('Gõ lại mật khẩu'), 'hoa sen 2062');
    await user.click(screen.getByRole('button', { name: 'Khoá và sao lưu' }));
    expect(await screen.findByText('Hai lần gõ chưa giống nhau. Hãy gõ lại.')).toBeTruthy();
    expect(shared).toHaveLength(0);
    // The passphrase is hidden as it is typed, unless the person asks to see it.
    expect((screen.getByLabelText('Mật khẩu') as HTMLInputElement).type).toBe('password');

    await user.clear(screen.getByLabelText('Gõ lại mật khẩu'));
    await user.type(screen.getByLabelText('Gõ lại mật khẩu'), 'hoa sen 2026');
    await user.click(screen.getByRole('button', { name: 'Khoá và sao lưu' }));
    expect(await screen.findByText('Đã khoá và sao lưu sổ ra tệp. Hãy cất mật khẩu cùng chỗ an toàn.')).toBeTruthy();
    expect(shared).toHaveLength(1);
    const text = await shared[0]!.text();
    expect(text).not.toContain('Nguyễn Thị Lan');
    expect(text).not.toContain('0912345678');

    // A new phone, its first start: restore from the file.
    cleanup();
    const other = await renderApp({ withClub: false, language: 'vi' });
    await user.upload(await screen.findByLabelText('Mở tệp sao lưu'), new File([text], shared[0]!.name, { type: 'application/json' }));
    await user.type(await screen.findByLabelText('Mật khẩu'), 'hoa sen 2062');
    await user.click(screen.getByRole('button', { name: 'Mở tệp' }));
    expect(await screen.findByText('Không mở được: mật khẩu sai, hoặc tệp bị hỏng. Không có gì bị thay đổi.')).toBeTruthy();
    expect(await liveRecords(other.db, 'members')).toEqual([]);

    await user.clear(screen.getByLabelText('Mật khẩu'));
    await user.type(screen.getByLabelText('Mật khẩu'), 'hoa sen 2026');
    await user.click(screen.getByRole('button', { name: 'Mở tệp' }));
    await waitFor(async () => expect((await liveRecords(other.db, 'members')).map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan']));
  });
});

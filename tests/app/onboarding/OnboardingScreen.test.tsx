import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DRAFT_DELAY_MS } from '../../../src/app/ui/use-draft';
import { currentClubId } from '../../../src/local/device';
import { readDraft } from '../../../src/local/drafts';
import { clubProfile } from '../../../src/local/queries';
import { renderApp } from '../render-app';

describe('first start', () => {
  it('asks for the language and the text size, then makes the club book on this phone', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ withClub: false });
    await user.click(await screen.findByRole('radio', { name: 'Tiếng Việt' }));
    // The text size is chosen before anything else is read.
    await user.click(screen.getByRole('radio', { name: 'Rất lớn' }));
    expect(document.documentElement.dataset.textSize).toBe('extraLarge');
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await user.click(await screen.findByRole('button', { name: 'Lập sổ cho câu lạc bộ' }));
    await user.click(await screen.findByRole('button', { name: 'Lập sổ' }));
    expect(await screen.findByText('Hãy nhập tên câu lạc bộ.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Tên câu lạc bộ')));
    expect(await currentClubId(db)).toBeUndefined();

    await user.type(screen.getByLabelText('Tên câu lạc bộ'), 'CLB Liên thế hệ thôn Hạ');
    await user.type(screen.getByLabelText('Thôn / khu phố'), 'Thôn Hạ');
    await user.type(screen.getByLabelText('Xã / phường'), 'Xã Đại Đồng');
    await user.type(screen.getByLabelText('Tỉnh / thành phố'), 'Bắc Ninh');
    await user.click(screen.getByRole('radio', { name: 'Miền núi' }));
    await user.click(screen.getByRole('button', { name: 'Lập sổ' }));

    expect(await screen.findByRole('heading', { name: 'CLB Liên thế hệ thôn Hạ' })).toBeTruthy();
    const club = await clubProfile(db);
    expect(club).toMatchObject({ name: 'CLB Liên thế hệ thôn Hạ', areaType: 'mountains', maxLoan: 8_000_000, interestToFundPercent: 50 });
    expect(await readDraft(db, 'club:new')).toBeUndefined();
  });

  it('goes back a step with the back arrow and the phone’s Back, and keeps the club name typed', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ withClub: false, language: 'vi' });
    await user.click(await screen.findByRole('button', { name: 'Lập sổ cho câu lạc bộ' }));
    await user.type(await screen.findByLabelText('Tên câu lạc bộ'), 'CLB thôn Hạ');
    await act(() => new Promise((resolve) => setTimeout(resolve, DRAFT_DELAY_MS + 50)));
    await waitFor(async () => expect((await readDraft(db, 'club:new'))?.values).toEqual({ name: 'CLB thôn Hạ' }));

    // Each step is a page of its own: the back arrow leads to the step before.
    await user.click(screen.getByRole('link', { name: 'Quay lại' }));
    expect(await screen.findByRole('button', { name: 'Lập sổ cho câu lạc bộ' })).toBeTruthy();
    expect(location.history.at(-1)).toBe('/?step=start');

    await user.click(screen.getByRole('button', { name: 'Lập sổ cho câu lạc bộ' }));
    expect(await screen.findByText(/Đây là phần bạn đang ghi dở/)).toBeTruthy();
    expect((screen.getByLabelText('Tên câu lạc bộ') as HTMLInputElement).value).toBe('CLB thôn Hạ');
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { currentClubId } from '../../../src/local/device';
import { clubProfile } from '../../../src/local/queries';
import { renderApp } from '../render-app';

describe('first start', () => {
  it('asks for the language, then makes the club book on this phone', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ withClub: false });
    await user.click(await screen.findByRole('radio', { name: 'Tiếng Việt' }));
    await user.click(await screen.findByRole('button', { name: 'Lập sổ cho câu lạc bộ' }));
    await user.click(await screen.findByRole('button', { name: 'Lập sổ' }));
    expect(await screen.findByText('Hãy nhập tên câu lạc bộ.')).toBeTruthy();
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
    await waitFor(() => expect(screen.getByTestId('save-badge-text').textContent).toBe('Đã lưu trên máy'));
  });
});

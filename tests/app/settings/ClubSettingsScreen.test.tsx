import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { clubProfile } from '../../../src/local/queries';
import { renderApp } from '../render-app';

describe("the club's settings", () => {
  it('shows the report targets with the defaults of REPORTS.md and keeps a changed one on the club', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/settings/club' });
    // The targets' fields come with the report's words, after the rest of the form.
    const members = await screen.findByLabelText('Số thành viên (mục tiêu)');
    expect(screen.getByRole('group', { name: 'Mục tiêu của báo cáo' })).toBeTruthy();
    expect((members as HTMLInputElement).value).toBe('50');
    expect((screen.getByLabelText('Quỹ tăng thu nhập (mục tiêu)') as HTMLInputElement).value).toBe('100.000.000');
    expect((members as HTMLInputElement).inputMode).toBe('numeric');

    await user.clear(members);
    await user.type(members, '65');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect((await clubProfile(db))?.membersTarget).toBe(65));
    expect((await clubProfile(db))?.fundTarget).toBe(100_000_000);
  });
});

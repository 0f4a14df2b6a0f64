import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
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
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../src/domain/meetings';
import { liveRecords } from '../../../src/local/queries';
import { renderApp } from '../render-app';

/** Writing a meeting down: the book's own words and the app's shared ones, in both languages. */
describe('a new meeting', () => {
  it('is saved with its date, areas and minutes, and opens on its page', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/meetings/new' });
    // Today's date is there to start with; this meeting was a fortnight ago.
    const heldOn = await screen.findByLabelText(/Ngày họp/);
    expect((heldOn as HTMLInputElement).value).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    await user.clear(heldOn);
    await user.type(heldOn, '15112026');
    await user.click(screen.getByRole('checkbox', { name: 'Chăm sóc sức khỏe' }));
    await user.click(screen.getByRole('checkbox', { name: 'Quyền và lợi ích' }));
    await user.type(screen.getByLabelText(/Biên bản/), 'Trạm y tế xã đo huyết áp.');
    // The button's word is the app's shared "Lưu", not a key.
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await liveRecords(db, 'meetings')).toHaveLength(1));
    const [meeting] = (await liveRecords(db, 'meetings')) as Meeting[];
    expect(meeting).toMatchObject({ heldOn: '2026-11-15', kind: 'monthly', areas: ['health', 'rights'], minutes: 'Trạm y tế xã đo huyết áp.' });
    expect(await screen.findByRole('link', { name: 'Điểm danh' })).toBeTruthy();
  });

  it('says its words in English too', async () => {
    await renderApp({ path: '/meetings/new', language: 'en' });
    expect(await screen.findByRole('button', { name: 'Save' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /Health care/i })).toBeTruthy();
  });
});

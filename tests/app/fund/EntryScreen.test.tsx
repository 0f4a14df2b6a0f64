import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../src/domain/entries';
import { simpleEntry } from '../../../src/domain/fund-forms';
import { balancesOf } from '../../../src/domain/ledger';
import { deviceId } from '../../../src/local/device';
import { createRecord } from '../../../src/local/write';
import { renderApp } from '../render-app';

/** A mistake in the fund book is put right by "reverse this entry", with a reason: never edited, never erased (issue 12). */
describe('reversing an entry', () => {
  it('asks for the reason, then adds the mirror entry: both kept, the balances back where they were, and no second reversal offered', async () => {
    const user = userEvent.setup();
    let seedId = '';
    const { db, location } = await renderApp({
      path: '/fund',
      before: async (db) => {
        const seed = simpleEntry({ kind: 'donation', amount: 300_000, postedOn: '2026-11-20', account: 'cash', fund: 'operatingFund', memberId: null, loanId: null, note: 'Hội phụ nữ xã' });
        seedId = (await createRecord(db, 'entries', { ...seed, phoneId: await deviceId(db) })).id;
      },
    });
    act(() => location.navigate(`/fund/entries/${seedId}`));
    await screen.findByRole('heading', { name: 'Ủng hộ' });
    await user.click(await screen.findByRole('button', { name: 'Hủy bút toán này' }));
    // Without a reason nothing is saved.
    expect(await screen.findByText('Hãy ghi lý do hủy bút toán.')).toBeTruthy();
    expect(await db.records('entries').count()).toBe(1);
    await user.type(screen.getByLabelText(/^Lý do hủy/), 'Ghi nhầm quỹ');
    await user.click(screen.getByRole('button', { name: 'Hủy bút toán này' }));
    await screen.findByText('Đã hủy bút toán.');
    const entries = await db.records<Entry>('entries').toArray();
    expect(entries).toHaveLength(2);
    const reversal = entries.find((e) => e.type === 'reversal')!;
    expect(reversal).toMatchObject({ reversesEntryId: seedId, note: 'Ghi nhầm quỹ' });
    expect(Object.values(balancesOf(entries)).every((v) => v === 0)).toBe(true);
    // The original stays, marked reversed, and cannot be reversed again from its page.
    act(() => location.navigate(`/fund/entries/${seedId}`));
    await screen.findByText(/Đã hủy ngày .*: Ghi nhầm quỹ\./);
    expect(screen.queryByRole('button', { name: 'Hủy bút toán này' })).toBeNull();
  });
});

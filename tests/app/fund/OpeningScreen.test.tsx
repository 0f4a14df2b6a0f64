import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../src/domain/entries';
import type { Loan } from '../../../src/domain/loans';
import { createRecord } from '../../../src/local/write';
import { memberFields } from '../../domain/fixtures';
import { renderApp } from '../render-app';

/**
 * Moving the paper book in (issue 12): the treasurer counts the cash, reads the bank book,
 * enters each loan still out with what remains, and the book opens with the income fund
 * worked out to balance — one opening entry and a loan record per paper loan, together.
 */
describe('moving the paper fund book in', () => {
  it('stores the paper loans and one balanced opening entry, the income fund what makes it balance, and opens the fund book on it', async () => {
    const user = userEvent.setup();
    let lanId = '';
    const { db } = await renderApp({
      path: '/fund/opening',
      before: async (db) => void (lanId = (await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }))).id),
    });
    await screen.findByRole('heading', { name: 'Chuyển sổ giấy vào' });

    await user.selectOptions(await screen.findByLabelText(/^Thành viên/), 'Nguyễn Thị Lan');
    await user.type(screen.getByLabelText(/^Còn nợ gốc/), '3000000');
    await user.clear(screen.getByLabelText(/^Còn bao nhiêu tháng/));
    await user.type(screen.getByLabelText(/^Còn bao nhiêu tháng/), '6');
    await user.clear(screen.getByLabelText(/^Kỳ trả tới/));
    await user.type(screen.getByLabelText(/^Kỳ trả tới/), '15012027');
    await user.type(screen.getByLabelText(/^Lãi suất/), '1');
    await user.click(screen.getByRole('button', { name: 'Thêm khoản vay' }));
    await screen.findByText(/còn 3\.000\.000\s₫ · 6 tháng · kỳ tới 15\/01\/2027/);

    await user.type(await screen.findByLabelText(/^Tiền mặt đếm được hôm nay/), '12.000.000');
    await user.clear(screen.getByLabelText(/^Tiền gửi ngân hàng/));
    await user.type(screen.getByLabelText(/^Tiền gửi ngân hàng/), '5000000');
    await user.clear(screen.getByLabelText(/^Quỹ hoạt động còn/));
    await user.type(screen.getByLabelText(/^Quỹ hoạt động còn/), '2000000');
    expect(screen.getByText('Quỹ tăng thu nhập (tính ra)').previousElementSibling!.textContent).toBe('18.000.000\u00a0₫');
    await user.click(screen.getByRole('button', { name: 'Lưu số dư đầu kỳ' }));

    await screen.findByRole('heading', { name: 'Số dư' });
    const [loans, entries] = await Promise.all([db.records<Loan>('loans').toArray(), db.records<Entry>('entries').toArray()]);
    expect(loans).toHaveLength(1);
    expect(loans[0]).toMatchObject({ memberId: lanId, source: 'paperBook', principal: 3_000_000, termMonths: 6, firstDueOn: '2027-01-15', rateBasisPoints: 100 });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.type).toBe('opening');
    expect(new Map(entries[0]!.lines.map((l) => [l.account, l.amount]))).toEqual(
      new Map([['cash', 12_000_000], ['bank', 5_000_000], ['loans', 3_000_000], ['operatingFund', -2_000_000], ['incomeFund', -18_000_000]]),
    );
    expect(entries[0]!.lines.find((l) => l.account === 'loans')!.loanId).toBe(loans[0]!.id);
    // Both went out together, one change each, in the order made.
    expect((await db.outbox.toArray()).filter((m) => m.collection !== 'members').map((m) => m.collection)).toEqual(['loans', 'entries']);
    await waitFor(() => expect(screen.getAllByText(/^18\.000\.000\s₫$/).length).toBeGreaterThan(0));
    // Once in, the opening is not offered again.
    expect(screen.queryByRole('link', { name: 'Chuyển sổ giấy vào' })).toBeNull();
  });
});

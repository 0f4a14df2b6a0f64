import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/domain/readings';
import type { ClubBookDatabase } from '../../../src/local/database';
import { createRecord } from '../../../src/local/write';
import { memberFields } from '../../domain/fixtures';
import { renderApp } from '../render-app';

/**
 * A health reading as the board types it (issue 11): units on every number, the keypad moving
 * on by itself, what no one measures refused in plain words, what is unusual asked about once,
 * and the saved reading read back as its grade and what to do — never a diagnosis.
 */
const readingsOf = (db: ClubBookDatabase) => db.records<Reading>('readings').toArray();

/** Mai's id, fixed so the test can open her reading form's address. */
const MAI = crypto.randomUUID();
const FORM = `/health/readings/new?person=${MAI}`;

async function onePerson(db: ClubBookDatabase, fullName = 'Đỗ Thị Mai') {
  return createRecord(db, 'members', memberFields({ fullName }), fullName === 'Đỗ Thị Mai' ? { id: MAI } : {});
}

describe('a health reading', () => {
  it('moves from the upper number to the lower and to the pulse by itself, and says the grade and what to do', async () => {
    const user = userEvent.setup();
    const personId = MAI;
    const { db } = await renderApp({ before: async (db) => void (await onePerson(db)), path: FORM });
    const systolic = await screen.findByLabelText('Huyết áp số trên (tâm thu)');
    await user.click(systolic);
    await user.keyboard('185');
    expect(document.activeElement).toBe(screen.getByLabelText('Huyết áp số dưới (tâm trương)'));
    await user.keyboard('115');
    expect(document.activeElement).toBe(screen.getByLabelText('Mạch'));
    await user.keyboard('88');
    expect(document.activeElement).toBe(screen.getByLabelText('Cân nặng'));
    await user.keyboard('52,5');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đỗ Thị Mai: đã lưu 185/115, tăng huyết áp độ 3. Cần đưa lên trạm y tế xã ngay.');
    expect(await readingsOf(db)).toEqual([expect.objectContaining({ personId, systolic: 185, diastolic: 115, pulse: 88, weightKg: 52.5, place: 'meeting' })]);
    // Her page says what to do, and offers the referral.
    expect(await screen.findByText(/Cần đưa lên trạm y tế xã\.$/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ghi đã đưa lên trạm y tế' })).toBeTruthy();
  });

  it('refuses numbers no one measures, and keeps nothing', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ before: async (db) => void (await onePerson(db)), path: FORM });
    await user.type(await screen.findByLabelText('Huyết áp số trên (tâm thu)'), '20');
    await user.type(screen.getByLabelText('Huyết áp số dưới (tâm trương)'), '90');
    await user.type(screen.getByLabelText('Cân nặng'), '5');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Huyết áp tâm thu (số trên) phải từ 50 đến 300 mmHg. Hãy xem lại.')).toBeTruthy();
    expect(screen.getByText('Cân nặng phải từ 20 đến 250 kg, tối đa một chữ số sau dấu phẩy.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Huyết áp số trên (tâm thu)'));
    expect(await readingsOf(db)).toEqual([]);
  });

  it('asks once about unusual numbers, and keeps them when saved again', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ before: async (db) => void (await onePerson(db)), path: FORM });
    await user.type(await screen.findByLabelText('Huyết áp số trên (tâm thu)'), '230');
    await user.type(screen.getByLabelText('Huyết áp số dưới (tâm trương)'), '95');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Số này ít gặp (Huyết áp số trên (tâm thu)). Hãy xem lại. Nếu đúng, bấm Lưu lần nữa.');
    expect(await readingsOf(db)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await readingsOf(db)).toEqual([expect.objectContaining({ systolic: 230, diastolic: 95 })]));
  });
});

describe('the health day', () => {
  it('goes from person to person in book order, each saved as they are measured', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({
      before: async (db) => {
        await onePerson(db, 'Đỗ Thị Mai');
        await onePerson(db, 'Trần Văn An');
      },
      path: '/health/day',
    });
    // By given name: An, then Mai.
    expect(await screen.findByRole('heading', { name: 'Trần Văn An' })).toBeTruthy();
    await user.type(screen.getByLabelText('Huyết áp số trên (tâm thu)'), '128');
    await user.keyboard('82');
    await user.click(screen.getByRole('button', { name: 'Lưu, sang người sau' }));
    expect(await screen.findByRole('heading', { name: 'Đỗ Thị Mai' })).toBeTruthy();
    expect(screen.getByText('Hôm nay đã đo 1 / 2 người')).toBeTruthy();
    await user.type(screen.getByLabelText('Huyết áp số trên (tâm thu)'), '95');
    expect(document.activeElement).toBe(screen.getByLabelText('Huyết áp số dưới (tâm trương)'));
    await user.keyboard('62');
    await user.click(screen.getByRole('button', { name: 'Lưu, sang người sau' }));
    expect(await screen.findByText('Đã đo hết mọi người hôm nay.')).toBeTruthy();
    const saved = await readingsOf(db);
    expect(saved.map((r) => [r.systolic, r.diastolic, r.place]).sort()).toEqual([[128, 82, 'healthDay'], [95, 62, 'healthDay']].sort());
  });
});

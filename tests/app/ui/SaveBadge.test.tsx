import { act, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/database-context';
import { setUpI18n } from '../../../src/app/i18n/setup';
import { SyncProvider } from '../../../src/app/sync/sync-context';
import { SaveBadge } from '../../../src/app/ui/SaveBadge';
import { markId } from '../../../src/domain/attendance';
import { uuidv7 } from '../../../src/domain/ids';
import { createClub } from '../../../src/local/club';
import { ClubBookDatabase } from '../../../src/local/database';
import { upsertRecords } from '../../../src/local/write';
import { clubFields } from '../../domain/fixtures';

/**
 * The badge on every screen (SaveBadge.tsx): "saved on this phone" only once the phone has
 * stored the change. The roll call lights a mark with the tap, before its write is committed;
 * a phone switched off in between would lose a mark the badge said was kept.
 */
describe('the save badge', () => {
  it('says "saving" from the tap until the change is stored, then "saved on this phone"', async () => {
    const db = new ClubBookDatabase(`badge-${crypto.randomUUID()}`);
    await createClub(db, clubFields());
    const i18n = await setUpI18n('vi');
    render(
      <I18nextProvider i18n={i18n}>
        <DatabaseProvider db={db}>
          <SyncProvider>
            <SaveBadge />
          </SyncProvider>
        </DatabaseProvider>
      </I18nextProvider>,
    );
    const text = await screen.findByTestId('save-badge-text');
    expect(text.textContent).toMatch(/^Đã lưu trên máy/);

    const meetingId = uuidv7();
    const memberId = uuidv7();
    let write!: Promise<unknown>;
    // As the roll call's tap: the write starts inside the click, nothing awaited.
    act(() => {
      write = upsertRecords(db, 'attendance', [{ id: markId(meetingId, memberId), fields: { meetingId, memberId, mark: 'excused' } }]);
    });
    expect(text.textContent).toMatch(/^Đang lưu vào máy…/);
    await act(() => write);
    await waitFor(() => expect(text.textContent).toMatch(/^Đã lưu trên máy/));
    db.close();
  });
});

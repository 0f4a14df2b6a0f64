import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../../src/app/ui/UpdatePrompt';
import { renderApp } from '../render-app';

/** What the service worker registration reports, driven by the test. */
function fakeUpdate() {
  const listeners = new Set<() => void>();
  let waiting = false;
  const update: UpdateState = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isWaiting: () => waiting,
    activate: vi.fn(),
  };
  const newVersionWaiting = () =>
    act(() => {
      waiting = true;
      listeners.forEach((l) => l());
    });
  return { update, newVersionWaiting };
}

describe('a new version of the app', () => {
  it('waits for the person, and never reloads over a half-filled form', async () => {
    const user = userEvent.setup();
    const { update, newVersionWaiting } = fakeUpdate();
    await renderApp({ path: '/members/new', update });
    const name = await screen.findByLabelText('Họ và tên');
    await newVersionWaiting();

    const reload = screen.getByRole('button', { name: 'Tải lại' }) as HTMLButtonElement;
    expect(screen.getByText('Có phiên bản mới của Sổ CLB.')).toBeTruthy();
    expect(reload.disabled).toBe(false);

    await user.type(name, 'Nguyễn Thị');
    await waitFor(() => expect(reload.disabled).toBe(true));
    expect(screen.getByText('Có phiên bản mới. Hãy lưu xong mục đang ghi rồi tải lại.')).toBeTruthy();
    await user.click(reload);
    expect(update.activate).not.toHaveBeenCalled();

    await user.clear(name);
    await waitFor(() => expect(reload.disabled).toBe(false));
    await user.click(reload);
    expect(update.activate).toHaveBeenCalledOnce();
  });
});

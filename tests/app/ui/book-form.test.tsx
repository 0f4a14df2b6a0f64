import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { useController, type Control, type Resolver } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/database-context';
import { setUpI18n } from '../../../src/app/i18n/setup';
import { BookFormView, useBookForm } from '../../../src/app/ui/book-form';
import { TextField } from '../../../src/app/ui/fields';
import { ClubBookDatabase } from '../../../src/local/database';

/**
 * The shared form of every book (book-form.tsx), on its own: what a tap on "Lưu" does before
 * and while the record is stored.
 */

interface NameForm {
  name: string;
}

const needsName = (async (values: NameForm) =>
  values.name.trim() ? { values, errors: {} } : { values: {}, errors: { name: { type: 'domain', message: 'validation.required' } } }) as Resolver<NameForm>;

/** A pending promise the test settles: a save that takes as long as the test says. */
function later() {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  return { done, settle };
}

async function renderForm(save: (values: NameForm) => Promise<void>) {
  const counts = { renders: 0, rendersWhileSaving: [] as number[] };
  // Counts as every field does: it watches its own value and problem (useController).
  function FieldProbe({ control }: { control: Control<NameForm> }) {
    const { fieldState } = useController({ control, name: 'name' });
    counts.renders++;
    // Reading its problem is what makes a field redraw when the form's problems change.
    void fieldState.error;
    return null;
  }
  function NameOnlyForm() {
    counts.renders++;
    const book = useBookForm<NameForm>({ draftKey: `test:${crypto.randomUUID()}`, initial: { name: '' }, resolver: needsName });
    const submit = book.onSubmit(async (values) => {
      await save(values);
      // As IndexedDB answers, in a task of its own: whatever was to be drawn has been by then.
      await new Promise((resolve) => setTimeout(resolve, 0));
      counts.rendersWhileSaving.push(counts.renders);
    });
    return (
      <BookFormView book={book} onSubmit={submit} submitLabel="Lưu" busyLabel="Đang lưu…">
        <TextField control={book.form.control} name="name" required maxLength={50} label="Họ và tên" />
        <FieldProbe control={book.form.control} />
      </BookFormView>
    );
  }
  const db = new ClubBookDatabase(`book-form-${crypto.randomUUID()}`);
  const i18n = await setUpI18n('vi');
  render(
    <I18nextProvider i18n={i18n}>
      <DatabaseProvider db={db}>
        <NameOnlyForm />
      </DatabaseProvider>
    </I18nextProvider>,
  );
  await screen.findByLabelText(/Họ và tên/);
  return counts;
}

describe('a book form’s save', () => {
  it('draws nothing from the tap until the record is stored: the form is not redrawn while the phone writes', async () => {
    const user = userEvent.setup();
    const saved: NameForm[] = [];
    const counts = await renderForm(async (values) => void saved.push(values));
    await user.type(screen.getByLabelText(/Họ và tên/), 'Nguyễn Thị Lan');
    const before = counts.renders;
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(saved).toEqual([{ name: 'Nguyễn Thị Lan' }]));
    // Through react-hook-form's own submit the form was drawn twice (submitting, then "no
    // errors") while the write waited for the page: on a cheap phone, most of a save's time.
    expect(counts.rendersWhileSaving).toEqual([before]);
  });

  it('saves once when the button is tapped twice, and says it is saving when the save takes a while', async () => {
    const user = userEvent.setup();
    const slow = later();
    let calls = 0;
    await renderForm(async () => {
      calls++;
      await slow.done;
    });
    await user.type(screen.getByLabelText(/Họ và tên/), 'Phạm Văn Tư');
    const button = screen.getByRole('button', { name: 'Lưu' });
    await user.click(button);
    await user.click(button);
    // A save longer than a moment: the button waits, and says so.
    const waiting = await screen.findByRole('button', { name: 'Đang lưu…' });
    expect(waiting).toHaveProperty('disabled', true);
    await act(async () => slow.settle());
    expect(await screen.findByRole('button', { name: 'Lưu' })).toHaveProperty('disabled', false);
    expect(calls).toBe(1);
  });

  it('saves nothing when a field has a problem, and says it beside the field with the focus on it', async () => {
    const user = userEvent.setup();
    let calls = 0;
    await renderForm(async () => void calls++);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    const input = screen.getByLabelText(/Họ và tên/);
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Mục này cần điền.')).toBeTruthy();
    expect(document.activeElement).toBe(input);
    // Corrected, it is checked again as it is typed, and then saves.
    await user.type(input, 'Lan');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(calls).toBe(1));
  });
});

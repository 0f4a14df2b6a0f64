import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';
import { discardDraft, readDraft, saveDraft } from '../../local/drafts';
import { useDatabase } from '../database-context';

/** How long after the last keystroke the draft is written (and at once when the app is hidden). */
export const DRAFT_DELAY_MS = 300;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose value differs from the form's opening values: what a draft keeps. */
export function changedValues<T extends FieldValues>(values: T, initial: T, omit: readonly (keyof T)[] = []): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (omit.includes(key)) continue;
    if (!same(values[key], initial[key])) changed[key] = values[key];
  }
  return changed;
}

export type DraftState = 'reading' | 'none' | { savedAt: string };

/**
 * Keeps a form's typing as a draft on the phone while the person types, and brings it back
 * when the form opens again. Leaving by any way — the back arrow, a tab, the phone's Back, a
 * closed app, a dead battery — loses at most the last fraction of a second: the draft is
 * written shortly after each change and at once when the page is hidden or the form closes.
 * A restored draft is put into the form as edits (dirty fields), so an edit form still sends
 * only what the person changed. `omit`: fields never kept (a setup code).
 */
export function useDraft<T extends FieldValues>(
  form: UseFormReturn<T>,
  key: string,
  /** The values the form opened with (a ref: "save and add another" moves them on). */
  initialRef: RefObject<T>,
  omit: readonly (keyof T)[] = [],
) {
  const db = useDatabase();
  const [state, setState] = useState<DraftState>('reading');
  // The latest values not yet written, or null when nothing is waiting.
  const waiting = useRef<Partial<T> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // After a save (or a discard) nothing may write the draft back.
  const finished = useRef(false);
  const omitRef = useRef(omit);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const values = waiting.current;
    waiting.current = null;
    if (!values || finished.current) return;
    const write = Object.keys(values).length === 0 ? discardDraft(db, key) : saveDraft(db, key, values);
    write.catch(() => {});
  }, [db, key]);

  // Read once, before the person can type: the form renders after this resolves.
  useEffect(() => {
    let open = true;
    readDraft(db, key).then(
      (draft) => {
        if (!open) return;
        if (draft && Object.keys(draft.values).length > 0) {
          for (const [field, value] of Object.entries(draft.values)) {
            form.setValue(field as Path<T>, value as PathValue<T, Path<T>>, { shouldDirty: true });
          }
          setState({ savedAt: draft.savedAt });
        } else setState('none');
      },
      () => open && setState('none'),
    );
    return () => {
      open = false;
    };
    // The form object and its key are fixed for the life of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);

  useEffect(() => {
    if (state === 'reading') return;
    const subscription = form.watch((values) => {
      if (finished.current) return;
      waiting.current = changedValues(values as T, initialRef.current, omitRef.current);
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_DELAY_MS);
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [form, state, flush, initialRef]);

  return {
    state,
    /** The form was saved: the draft goes, and nothing writes it again. */
    saved: useCallback(async () => {
      finished.current = true;
      clearTimeout(timer.current);
      waiting.current = null;
      await discardDraft(db, key).catch(() => {});
    }, [db, key]),
    /** The person chose to start again: the form returns to its opening values. */
    discard: useCallback(async () => {
      clearTimeout(timer.current);
      waiting.current = null;
      form.reset(initialRef.current);
      setState('none');
      await discardDraft(db, key).catch(() => {});
    }, [db, key, form, initialRef]),
    /** The restored draft is taken as it is: the notice goes, the typing stays. */
    keep: useCallback(() => setState('none'), []),
    /** A form that starts over for the next record ("save and add another"). */
    restart: useCallback(
      (next: T) => {
        initialRef.current = next;
        finished.current = false;
        form.reset(next);
      },
      [form, initialRef],
    ),
  };
}

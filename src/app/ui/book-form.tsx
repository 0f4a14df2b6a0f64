import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useForm, type FieldValues, type Resolver, type ResolverOptions, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../domain/dates';
import { RecordInvalidError } from '../../local/errors';
import { useUnsavedWorkGuard } from './unsaved-work';
import { changedValues, useDraft, type DraftState } from './use-draft';
import { showWriteError } from './write-errors';
import { useScreenStrings } from '../i18n/screen-strings';

/**
 * The one way every form of the app is built, so each book's forms behave alike for people
 * who are not used to forms:
 * - typing is kept as a draft on the phone while it is typed, and offered back when the form
 *   opens again (use-draft.ts);
 * - a refused save moves the focus to the first problem, on screen, not under the bottom bar;
 *   a problem of the whole form (a wrong code, no connection) is said above the button and
 *   read out (role="alert");
 * - the update prompt waits while a form holds unsaved typing.
 */

export interface BookFormOptions<T extends FieldValues> {
  /** Names the draft: the form and the record it edits ("member:new", `member:${id}`). */
  draftKey: string;
  initial: T;
  resolver?: Resolver<T>;
  /** Fields never kept in a draft (a setup code is a secret). */
  draftOmit?: readonly (keyof T)[];
}

export interface BookForm<T extends FieldValues> {
  form: UseFormReturn<T>;
  draft: DraftState;
  formError: string | null;
  /**
   * A save has been going on for longer than a moment: its buttons wait and may say so
   * ("Đang khoá…"). Read by the buttons alone (SubmitButton), so only they are redrawn.
   */
  busy: BusyFlag;
  /** Hands the form's element to the focus handling (a callback ref). */
  attachForm: (element: HTMLFormElement | null) => void;
  /**
   * The submit handler: `save` gets the checked values and, for an edit form, only the
   * fields the person changed. It throws to refuse: a LocalWriteError's key (or the key
   * `errorKey` gives) is shown for the whole form, a domain problem beside its field. It may
   * return the values the form starts over with ("save and add another").
   */
  onSubmit: (
    save: (values: T, edited: Partial<T>, submitter: HTMLElement | null) => Promise<void | { startOver: T }>,
    errorKey?: (error: unknown) => string | null,
  ) => (event?: FormEvent) => Promise<void>;
  discardDraft: () => Promise<void>;
  keepDraft: () => void;
}

/**
 * Puts the focus on the first field with a problem, in the order the person sees them, and
 * brings it to the middle of the screen (never under the bottom bar). Found by name: the
 * inputs are on the page before React draws the red lines.
 */
/** A yes/no that components can watch: whether a form's save is still going. */
export interface BusyFlag {
  get: () => boolean;
  set: (busy: boolean) => void;
  subscribe: (listener: () => void) => () => void;
}

function busyFlag(): BusyFlag {
  let busy = false;
  const listeners = new Set<() => void>();
  return {
    get: () => busy,
    set: (next) => {
      if (next === busy) return;
      busy = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A button that sends a book form: it waits while a save is going on, and may then say so
 * (`busyLabel`). `action` names which button sent the form ("add-another").
 */
export function SubmitButton(props: { busy: BusyFlag; label: string; busyLabel?: string; primary?: boolean; action?: string }) {
  const { busy } = props;
  const waiting = useSyncExternalStore(busy.subscribe, busy.get);
  return (
    <button type="submit" className={props.primary ? 'button button--primary' : 'button'} data-action={props.action} disabled={waiting}>
      {waiting && props.busyLabel ? props.busyLabel : props.label}
    </button>
  );
}

/** How long a save may take before its buttons say it is still going: a quick one redraws nothing. */
const BUSY_AFTER_MS = 150;

/** The domain resolvers read only the values (domain-resolver.ts): no field refs, no browser validation. */
const RESOLVER_OPTIONS = { fields: {}, shouldUseNativeValidation: false };

export function focusFirstProblem(form: HTMLFormElement | null, fields: readonly string[]): boolean {
  if (!form) return false;
  const candidates = fields
    .map((name) => form.querySelector<HTMLElement>(`[name="${name}"]:not([type=hidden])`))
    .filter((element): element is HTMLElement => element !== null);
  candidates.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const target = candidates[0];
  if (!target) return false;
  bringIntoView(target);
  return true;
}

function bringIntoView(target: HTMLElement): void {
  // A problem tucked under "more details" must not stay hidden.
  const details = target.closest('details');
  if (details && !details.open) details.open = true;
  target.focus({ preventScroll: true });
  target.scrollIntoView?.({ block: 'center' });
}

export function useBookForm<T extends FieldValues>(options: BookFormOptions<T>): BookForm<T> {
  const form = useForm<T>({
    defaultValues: options.initial as never,
    resolver: options.resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const initialRef = useRef(options.initial);
  const focusFormError = useRef(false);
  const draft = useDraft(form, options.draftKey, initialRef, options.draftOmit);
  const { resolver } = options;
  const saving = useRef(false);
  const busy = useRef<BusyFlag>(null);
  busy.current ??= busyFlag();
  // Saved and still on screen (a form that stays after its save): nothing is left unsaved.
  const [saved, setSaved] = useState(false);
  useUnsavedWorkGuard(options.draftKey, form.formState.isDirty && !saved);

  const onSubmit: BookForm<T>['onSubmit'] = useCallback(
    (save, errorKey) => {
      const runSave = async (values: T, submitter: HTMLElement | null) => {
        setFormError(null);
        try {
          // What differs from the opening values: a field another phone changed while this
          // form was open, and that the person did not touch, is not sent back over it.
          const after = await save(values, changedValues(values, initialRef.current), submitter);
          await draft.saved();
          // A problem the last refused save put on a field is over now.
          form.clearErrors();
          if (after) {
            draft.restart(after.startOver);
            setSaved(false);
            setFormError(null);
            // The next record starts at the top, with the keyboard on its first field.
            const first = formRef.current?.querySelector<HTMLElement>('input:not([type=hidden]), textarea');
            if (first) bringIntoView(first);
          } else setSaved(true);
        } catch (error) {
          const message = errorKey?.(error) ?? showWriteError(error, form.setError);
          const fields = error instanceof RecordInvalidError ? error.problems.map((p) => p.field.split('.')[0]!) : [];
          // A problem of a field is shown and focused at the field; only a problem of the
          // whole form (a full phone, a wrong code) is said above the button, and focused.
          if (focusFirstProblem(formRef.current, fields)) setFormError(null);
          else {
            setFormError(message);
            focusFormError.current = true;
          }
        }
      };
      const showProblems = (errors: object) => {
        setFormError(null);
        focusFirstProblem(formRef.current, Object.keys(errors));
      };
      return async (event?: FormEvent) => {
        event?.preventDefault();
        // A second tap while the first is saving saves nothing twice.
        if (saving.current) return;
        saving.current = true;
        // Which button sent the form ("save" or "save and add another").
        const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter ?? null;
        const busyLater = setTimeout(() => busy.current!.set(true), BUSY_AFTER_MS);
        try {
          // A form that checks out goes straight to the phone's storage, and the screen is
          // redrawn after. Through react-hook-form's handleSubmit the whole form was drawn
          // twice (submitting, then no errors) before the write began: most of a save's time
          // on a cheap phone. A form with problems takes handleSubmit's way, which shows them
          // and checks each field again while it is corrected.
          const checked = resolver ? await resolver(form.getValues(), undefined, RESOLVER_OPTIONS as ResolverOptions<T>) : null;
          if (checked && Object.keys(checked.errors).length === 0) await runSave(checked.values as T, submitter);
          else await form.handleSubmit((values) => runSave(values, submitter), showProblems)(event);
        } finally {
          clearTimeout(busyLater);
          saving.current = false;
          busy.current!.set(false);
        }
      };
    },
    [form, draft, resolver],
  );

  // Once the form's own message is drawn, it takes the focus (and is read out).
  useEffect(() => {
    if (!formError || !focusFormError.current) return;
    focusFormError.current = false;
    const message = formRef.current?.querySelector<HTMLElement>('.form__error');
    if (message) bringIntoView(message);
  }, [formError]);

  const attachForm = useCallback((element: HTMLFormElement | null) => {
    formRef.current = element;
  }, []);

  return {
    form,
    draft: draft.state,
    formError,
    busy: busy.current,
    attachForm,
    onSubmit,
    discardDraft: draft.discard,
    keepDraft: draft.keep,
  };
}

/** "You were typing this at 15:05": keep it, or start again. */
function DraftNotice({ savedAt, onKeep, onDiscard }: { savedAt: string; onKeep: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="notice draft-notice" role="status" aria-labelledby="draft-notice-text">
      <p id="draft-notice-text">{t('draft.restored', { when: formatDateTime(savedAt) })}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onKeep}>
          {t('draft.keep')}
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          {t('draft.discard')}
        </button>
      </div>
    </section>
  );
}

/**
 * A form of the app: the draft notice on top, the fields, then the form's own problem and
 * its buttons in a bar that stays above the bottom tabs while the form scrolls.
 */
export function BookFormView<T extends FieldValues>(props: {
  book: BookForm<T>;
  onSubmit: (event?: FormEvent) => Promise<void>;
  submitLabel: string;
  /** What the main button says while a long save goes on ("Đang khoá…"). */
  busyLabel?: string;
  /** More buttons beside the main one ("save and add another"). */
  extraActions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useScreenStrings();
  const { book } = props;
  // The form is drawn once its draft is read: typing can never race the restored one.
  if (book.draft === 'reading') return <div className="form" aria-busy="true" />;
  return (
    <form className="form" ref={book.attachForm} onSubmit={props.onSubmit} noValidate>
      {typeof book.draft === 'object' && (
        <DraftNotice savedAt={book.draft.savedAt} onKeep={book.keepDraft} onDiscard={() => void book.discardDraft()} />
      )}
      {props.children}
      <div className="form__actions">
        {book.formError && (
          <p className="form__error" role="alert" tabIndex={-1}>
            {t(book.formError)}
          </p>
        )}
        <SubmitButton busy={book.busy} label={props.submitLabel} busyLabel={props.busyLabel} primary />
      </div>
      {/* Only the main button stays pinned above the tabs: at the largest text two would hide the form. */}
      {props.extraActions && <div className="form__more-actions">{props.extraActions}</div>}
    </form>
  );
}

import { useTranslation } from 'react-i18next';

/**
 * The end of every form: why it could not be saved (when it could not), and one large
 * button within thumb reach that stays on screen while the form scrolls.
 */
export function FormFooter({ error, label, busy }: { error: string | null; label: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {label}
        </button>
      </div>
    </>
  );
}

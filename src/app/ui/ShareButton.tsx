import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Sends a short text through the phone's share sheet (Zalo, SMS, …). A browser without one
 * copies the text instead and says so; the text is on screen as well, to read out or copy.
 */
export function ShareButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ text });
        return;
      } catch (error) {
        // The person closed the sheet: nothing to say.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(true);
  };
  return (
    <div className="share">
      <pre className="share__text">{text}</pre>
      <button type="button" className="button" onClick={() => void share()}>
        {label}
      </button>
      {copied && (
        <p className="field__hint" role="status">
          {t('common.copied')}
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { serverErrorKey } from '../sync/server-errors';
import { TextField } from '../ui/fields';
import { FormFooter } from '../ui/FormFooter';
import { canScanQr, QrScanner } from '../ui/QrScanner';

export interface ServerFormValues {
  serverUrl: string;
  secret: string;
  deviceName: string;
}

/** An http(s) address, without a trailing slash; null when it is not one. */
export function normalServerUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** A scanned invite QR holds a join link: the server's address and the code. */
export function readJoinLink(text: string): { serverUrl: string; code: string } | null {
  try {
    const url = new URL(text);
    const code = url.searchParams.get('code');
    return code ? { serverUrl: url.origin, code } : null;
  } catch {
    return null;
  }
}

/**
 * The three things a phone needs to reach the association's server: its address, a
 * secret (the setup code to create a club, or an invite code to join one), and a name
 * for this phone that the chair will recognise in the list of devices.
 */
export function ServerForm(props: {
  kind: 'setup' | 'invite';
  initial: Partial<ServerFormValues>;
  submitLabel: string;
  onSubmit: (values: ServerFormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, setValue, formState } = useForm<ServerFormValues>({
    defaultValues: { serverUrl: '', secret: '', deviceName: '', ...props.initial },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const serverUrl = normalServerUrl(values.serverUrl);
    let ok = true;
    if (!serverUrl) {
      setError('serverUrl', { message: 'connect.badAddress' });
      ok = false;
    }
    if (!values.secret.trim()) {
      setError('secret', { message: props.kind === 'setup' ? 'connect.setupCodeRequired' : 'join.codeRequired' });
      ok = false;
    }
    if (!values.deviceName.trim()) {
      setError('deviceName', { message: 'connect.deviceNameRequired' });
      ok = false;
    }
    if (!ok || !serverUrl) return;
    try {
      // An invite code is read aloud in groups ("K7M2 PX9Q"): spaces and dashes are not part of it.
      const secret = props.kind === 'invite' ? values.secret.replace(/[\s-]/g, '').toUpperCase() : values.secret.trim();
      await props.onSubmit({ serverUrl, secret, deviceName: values.deviceName.trim() });
    } catch (error) {
      setFormError(serverErrorKey(error, props.kind === 'setup' ? 'connect' : undefined));
    }
  });

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField control={control} name="serverUrl" maxLength={200} label={t('connect.serverUrl')} hint={t('connect.serverUrlHint')} autoComplete="url" />
      <TextField
        control={control}
        name="secret"
        maxLength={200}
        label={props.kind === 'setup' ? t('connect.setupCode') : t('join.code')}
        hint={props.kind === 'setup' ? t('connect.setupCodeHint') : t('join.codeHint')}
      />
      {props.kind === 'invite' && canScanQr() && !scanning && (
        <button type="button" className="button" onClick={() => setScanning(true)}>
          {t('join.scan')}
        </button>
      )}
      {scanning && (
        <QrScanner
          onClose={() => setScanning(false)}
          onRead={(text) => {
            setScanning(false);
            const link = readJoinLink(text);
            if (link) {
              setValue('serverUrl', link.serverUrl);
              setValue('secret', link.code);
            } else setValue('secret', text);
          }}
        />
      )}
      <TextField control={control} name="deviceName" maxLength={80} label={t('connect.deviceName')} hint={t('connect.deviceNameHint')} />
      <FormFooter error={formError} label={props.submitLabel} busy={formState.isSubmitting} />
    </form>
  );
}
